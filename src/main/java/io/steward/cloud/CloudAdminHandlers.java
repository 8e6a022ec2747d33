package io.steward.cloud;

import static io.steward.core.Json.obj;

import io.steward.core.Times;
import io.steward.web.Call;
import io.steward.web.Params;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;

/**
 * Staff handlers for VMs: {@code /admin/api/services/@id/vms}, {@code /admin/api/cloud/vms/@id}
 * and its actions. Staff reach every client's VMs without contact privileges; the actions queue
 * the same jobs and follow the same states as the client's. Ids and sizes are JSON numbers.
 */
public final class CloudAdminHandlers {
    private final CloudVmManager vms;

    CloudAdminHandlers(CloudVmManager vms) {
        this.vms = vms;
    }

    public Object list(Call call) {
        return obj("vms", vms.staffList(call.pathId("id")).stream().map(CloudAdminHandlers::shape).toList());
    }

    public Object get(Call call) {
        return obj("vm", shape(vms.staffVm(call.pathId("id"))));
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
        return act(call, CloudVmManager.Action.RESIZE, vms.staffResizeParams(call.pathId("id"), p.string("flavor").orElse(null),
                p.string("disk").orElse(null)));
    }

    public Object delete(Call call) { return act(call, CloudVmManager.Action.DELETE, Map.of()); }

    private Object act(Call call, CloudVmManager.Action action, Map<String, Object> params) {
        CloudVm vm = vms.staffAct(call.pathId("id"), action, params);
        return obj("info", List.of("vm_" + action.code() + "_queued"), "vm", shape(vm));
    }

    /** The client's view of the VM plus what staff need: owner, the hypervisor's name and ref, the last error in full. */
    static Map<String, Object> shape(CloudVm vm) {
        var m = new LinkedHashMap<String, Object>();
        m.put("id", vm.id());
        m.put("service_id", vm.serviceId());
        m.put("client_id", vm.clientId());
        m.put("name", vm.name());
        m.put("ref", vm.ref());
        m.put("label", vm.label());
        m.put("status", vm.status());
        m.put("template", vm.template());
        m.put("flavor", vm.flavor());
        m.put("cores", vm.cores());
        m.put("memory_mb", vm.memoryMb());
        m.put("disk_gb", vm.diskGb());
        m.put("addresses", vm.addresses());
        m.put("last_error", vm.lastError());
        m.put("created_at", Times.stamp(vm.createdAt()));
        m.put("updated_at", Times.stamp(vm.updatedAt()));
        m.put("deleted_at", vm.deletedAt() == null ? null : Times.stamp(vm.deletedAt()));
        return m;
    }
}
