package io.steward.cloud;

import static io.steward.core.Json.obj;

import io.steward.account.Actor;
import io.steward.core.Times;
import io.steward.service.module.CloudVms;
import io.steward.web.Call;
import io.steward.web.Params;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;

/**
 * The client API's cloud endpoints (reference 003): {@code /service/@id/vms}, its actions,
 * {@code /service/@id/templates} and {@code /service/@id/resources}; plus, ours, deleting and
 * resizing a VM. Values are strings as the HostBill family shows them.
 */
public final class CloudClientHandlers {
    private final CloudVmManager vms;

    CloudClientHandlers(CloudVmManager vms) {
        this.vms = vms;
    }

    public Object list(Call call) {
        return obj("vms", vms.list(call.get(Actor.class), call.pathId("id")).stream().map(CloudClientHandlers::vm).toList());
    }

    public Object get(Call call) {
        return obj("vm", vm(vms.vm(call.get(Actor.class), call.pathId("id"), call.pathId("vmid"))));
    }

    public Object create(Call call) {
        Params p = call.params();
        var in = new CloudVmManager.NewVm(text(p, "label"), text(p, "template"), text(p, "flavor"), text(p, "disk"), text(p, "keypair"),
                text(p, "password"));
        CloudVm vm = vms.create(call.get(Actor.class), call.pathId("id"), in);
        return obj("success", true, "info", List.of("vm_create_queued"), "vm", vm(vm));
    }

    public Object start(Call call) { return act(call, CloudVmManager.Action.START, Map.of()); }

    public Object stop(Call call) { return act(call, CloudVmManager.Action.STOP, Map.of()); }

    public Object reboot(Call call) { return act(call, CloudVmManager.Action.REBOOT, Map.of()); }

    public Object rescue(Call call) { return act(call, CloudVmManager.Action.RESCUE, Map.of()); }

    public Object unrescue(Call call) { return act(call, CloudVmManager.Action.UNRESCUE, Map.of()); }

    public Object rebuild(Call call) {
        return act(call, CloudVmManager.Action.REBUILD, Map.of("template", call.params().required("template").trim()));
    }

    public Object resize(Call call) {
        Params p = call.params();
        var params = vms.resizeParams(call.get(Actor.class), call.pathId("id"), call.pathId("vmid"), text(p, "flavor"), text(p, "disk"));
        return act(call, CloudVmManager.Action.RESIZE, params);
    }

    public Object delete(Call call) { return act(call, CloudVmManager.Action.DELETE, Map.of()); }

    private Object act(Call call, CloudVmManager.Action action, Map<String, Object> params) {
        CloudVm vm = vms.act(call.get(Actor.class), call.pathId("id"), call.pathId("vmid"), action, params);
        return obj("success", true, "info", List.of("vm_" + action.code() + "_queued"), "vm", vm(vm));
    }

    public Object templates(Call call) {
        List<CloudVms.Template> list = vms.templates(call.get(Actor.class), call.pathId("id"));
        return obj("templates", list.stream().map(t -> obj("id", t.id(), "name", t.name(), "os", t.os())).toList());
    }

    public Object resources(Call call) {
        var r = vms.resources(call.get(Actor.class), call.pathId("id"));
        CloudLimits l = r.limits();
        CloudLimits.Use u = r.use();
        var res = new LinkedHashMap<String, Object>();
        res.put("vms", resource(l.vms(), u.vms()));
        res.put("cores", resource(l.cores(), u.cores()));
        res.put("memory", resource(l.memoryMb(), u.memoryMb()));
        res.put("disk", resource(l.diskGb(), u.diskGb()));
        res.put("ipv4", resource(l.ipv4(), u.ipv4()));
        res.put("ipv6", resource(l.ipv6(), u.ipv6()));
        var flavors = l.flavors().values().stream().map(f -> obj("id", f.name(), "cores", Integer.toString(f.cores()),
                "memory", Integer.toString(f.memoryMb()))).toList();
        return obj("resources", res, "flavors", flavors);
    }

    private static Map<String, Object> resource(int limit, int used) {
        return obj("limit", Integer.toString(limit), "used", Integer.toString(used), "available", Integer.toString(Math.max(0, limit - used)));
    }

    static Map<String, Object> vm(CloudVm vm) {
        var m = new LinkedHashMap<String, Object>();
        m.put("id", Long.toString(vm.id()));
        m.put("label", vm.label());
        m.put("hostname", CloudJobs.hostname(vm.label()));
        m.put("status", vm.status());
        m.put("template", vm.template());
        m.put("flavor", vm.flavor());
        m.put("cpu", Integer.toString(vm.cores()));
        m.put("memory", Integer.toString(vm.memoryMb()));
        m.put("disk", Integer.toString(vm.diskGb()));
        m.put("ipv4", vm.addresses().stream().filter(a -> !a.contains(":")).toList());
        m.put("ipv6", vm.addresses().stream().filter(a -> a.contains(":")).toList());
        m.put("error", vm.status().equals(CloudVm.ERROR) && vm.lastError() != null ? "The last action failed; try it again or contact support" : "");
        m.put("created", Times.stamp(vm.createdAt()));
        m.put("updated", Times.stamp(vm.updatedAt()));
        return m;
    }

    private static String text(Params p, String name) {
        return p.string(name).orElse(null);
    }
}
