package io.steward.cloud.sandbox;

import com.fasterxml.jackson.databind.JsonNode;
import com.fasterxml.jackson.databind.node.ObjectNode;
import io.steward.core.Json;
import io.steward.core.Secrets;
import io.steward.core.Times;
import io.steward.modules.Check;
import io.steward.modules.ModuleContext;
import io.steward.modules.ModuleFactory;
import io.steward.modules.ModuleKind;
import io.steward.modules.ModuleSettings;
import io.steward.modules.SettingField;
import io.steward.modules.SettingsSchema;
import io.steward.service.module.CloudVms;
import io.steward.service.module.ModuleRequest;
import io.steward.service.module.ModuleResult;
import io.steward.service.module.ServerModule;
import io.steward.service.module.TrafficCounters;
import java.time.Clock;
import java.time.Duration;
import java.time.LocalDateTime;
import java.util.ArrayList;
import java.util.Arrays;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Locale;
import java.util.Map;
import java.util.Set;

/**
 * The {@code sandbox-cloud} server module: a simulated hypervisor, labelled sandbox, the embedded
 * default for {@code --demo}. It keeps its instances and tasks in {@code sandbox_cloud_vm} and
 * {@code sandbox_cloud_task}, and behaves like a real one: every change is a task that takes
 * {@code delay_ms} to finish (polled like an LXD operation), a VM with a task running is busy,
 * each running VM's {@code eth0} counts bytes from zero after every boot, and failures can be
 * injected: {@code fail_actions} lists actions whose tasks fail ({@code create,rebuild}), and
 * {@code unavailable} among them makes every call fail as if the hypervisor were down.
 *
 * <p>Tasks run on the wall clock, not the node's clock: the simulated hypervisor is outside
 * Steward, and a test that stops the node's clock must still see its tasks finish.
 */
public final class SandboxCloudFactory implements ModuleFactory<ServerModule> {
    public static final String ID = "sandbox-cloud";
    static final List<CloudVms.Template> TEMPLATES = List.of(new CloudVms.Template("debian-12", "Debian 12 (bookworm)", "linux"),
            new CloudVms.Template("ubuntu-24.04", "Ubuntu 24.04 LTS", "linux"), new CloudVms.Template("alma-9", "AlmaLinux 9", "linux"),
            new CloudVms.Template("busybox", "BusyBox", "linux"));

    private SandboxCloudStore store;
    private final Clock wall = Clock.systemUTC();

    @Override public String id() { return ID; }

    @Override public ModuleKind kind() { return ModuleKind.SERVER; }

    @Override public String label() { return "Sandbox cloud: a simulated hypervisor (VMs, templates, tasks that take time, injectable failures)"; }

    @Override public boolean sandbox() { return true; }

    @Override public Set<String> capabilities() { return Set.of("cloud_vms", "traffic_counters"); }

    @Override
    public SettingsSchema schema() {
        return new SettingsSchema(List.of(
                SettingField.integer("delay_ms", false, 1500, "How long each VM action takes, in milliseconds"),
                SettingField.string("fail_actions", false, "", "Comma-separated actions whose tasks fail (create, start, stop, reboot, "
                        + "rescue, unrescue, rebuild, resize, delete); 'unavailable' fails every call")));
    }

    @Override
    public void init(ModuleContext context) {
        this.store = new SandboxCloudStore(context.db());
    }

    @Override
    public Map<String, String> configured(ModuleContext context) {
        var out = new LinkedHashMap<String, String>();
        out.put("delay_ms", context.config().get("cloud.sandbox.delay-ms", "1500"));
        out.put("fail_actions", context.config().get("cloud.sandbox.fail-actions", ""));
        return out;
    }

    @Override
    public ServerModule create(ModuleSettings settings) {
        Set<String> fail = new java.util.HashSet<>();
        for (String a : settings.find("fail_actions").orElse("").split(",")) if (!a.isBlank()) fail.add(a.trim().toLowerCase(Locale.ROOT));
        return new SandboxCloud(store, wall, Duration.ofMillis(Math.max(0, settings.integer("delay_ms", 1500))), fail);
    }

    /** Bytes per second into a VM's interface, stable per name. */
    static long rateIn(String name) {
        return 10_000 + Math.floorMod(name.hashCode(), 20_000);
    }

    private record SandboxCloud(SandboxCloudStore store, Clock wall, Duration delay, Set<String> fail)
            implements ServerModule, CloudVms, TrafficCounters {

        private LocalDateTime now() {
            return Times.now(wall);
        }

        private void reachable() {
            if (fail.contains("unavailable")) throw new CloudVms.Unavailable("sandbox cloud: injected outage", null);
        }

        @Override public Check testConnection() { return fail.contains("unavailable") ? Check.failed("injected outage") : Check.ok("Sandbox: always there"); }

        // The service itself needs nothing on the hypervisor: its VMs are made through CloudVms.
        @Override public ModuleResult create(ModuleRequest r) { return ModuleResult.ok(); }

        @Override public ModuleResult suspend(ModuleRequest r) { return ModuleResult.ok(); }

        @Override public ModuleResult unsuspend(ModuleRequest r) { return ModuleResult.ok(); }

        @Override
        public ModuleResult terminate(ModuleRequest r) {
            for (var i : store.ofService(r.serviceId())) store.delete(i.name());
            return ModuleResult.ok();
        }

        @Override public ModuleResult renew(ModuleRequest r) { return ModuleResult.ok(); }

        @Override public ModuleResult changePackage(ModuleRequest r) { return ModuleResult.ok(); }

        @Override
        public List<Template> templates(ModuleRequest request) {
            reachable();
            return TEMPLATES;
        }

        @Override
        public Vm vm(ModuleRequest request, String name, String ref) {
            reachable();
            settle(name);
            var i = store.instance(name).orElseThrow(() -> new VmNotFound("no instance " + name));
            return new Vm(i.name(), null, Power.valueOf(i.power().toUpperCase(Locale.ROOT)), i.template(), new Limits(i.cores(), i.memoryMb(),
                    i.diskGb()), i.addresses().isEmpty() ? List.of() : Arrays.asList(i.addresses().split(",")));
        }

        @Override
        public TaskStatus poll(ModuleRequest request, String name, String taskId) {
            reachable();
            settle(name);
            var t = store.task(taskId).orElseThrow(() -> new VmNotFound("no task " + taskId));
            return switch (t.state()) {
                case "succeeded" -> TaskStatus.succeeded();
                case "failed" -> TaskStatus.failed(t.error());
                default -> TaskStatus.running();
            };
        }

        @Override
        public Task create(ModuleRequest request, VmSpec spec) {
            reachable();
            settle(spec.name());
            var running = store.running(spec.name());
            if (running.isPresent()) return new Task(running.get().id());
            // A retried creation finds what the first attempt made: it still has to end running.
            if (store.instance(spec.name()).isPresent()) return change(spec.name(), "create", effect("power", "running", "boot", true), "running");
            var l = spec.limits();
            return store.db().tx(() -> {
                if (!store.insert(new SandboxCloudStore.Instance(spec.name(), request.serviceId(), spec.template(), "stopped", l.cores(),
                        l.memoryMb(), l.diskGb(), String.join(",", spec.addresses()), null), now())) {
                    return Task.done();
                }
                return task(spec.name(), "create", effect("power", "running", "boot", true));
            });
        }

        @Override public Task start(ModuleRequest r, String name, String ref) { return change(name, "start", effect("power", "running", "boot", true), "running"); }

        @Override public Task stop(ModuleRequest r, String name, String ref) { return change(name, "stop", effect("power", "stopped"), "stopped"); }

        @Override public Task reboot(ModuleRequest r, String name, String ref) { return change(name, "reboot", effect("power", "running", "boot", true), null); }

        @Override public Task rescue(ModuleRequest r, String name, String ref, String password) { return change(name, "rescue", effect("power", "rescue", "boot", true), "rescue"); }

        @Override public Task unrescue(ModuleRequest r, String name, String ref) { return change(name, "unrescue", effect("power", "running", "boot", true), "running"); }

        @Override
        public Task rebuild(ModuleRequest r, VmSpec spec, String ref) {
            if (TEMPLATES.stream().noneMatch(t -> t.id().equals(spec.template()))) throw new Rejected("unknown template " + spec.template());
            return change(spec.name(), "rebuild", effect("power", "running", "boot", true, "template", spec.template()), null);
        }

        @Override
        public Task resize(ModuleRequest r, String name, String ref, Limits limits) {
            return change(name, "resize", effect("cores", limits.cores(), "memory_mb", limits.memoryMb(), "disk_gb", limits.diskGb()), null);
        }

        @Override
        public Task delete(ModuleRequest r, String name, String ref) {
            reachable();
            settle(name);
            if (store.instance(name).isEmpty()) return Task.done();
            return change(name, "delete", effect("delete", true), null);
        }

        @Override
        public List<Counter> counters(ModuleRequest request, String name, String ref) {
            reachable();
            settle(name);
            return store.instance(name).map(i -> counter(i)).stream().flatMap(List::stream).toList();
        }

        /** The service's VMs' counters, one per VM interface: what traffic accounting reads. */
        @Override
        public List<Counter> counters(ModuleRequest request) {
            reachable();
            var out = new ArrayList<Counter>();
            for (var i : store.ofService(request.serviceId())) {
                settle(i.name());
                store.instance(i.name()).ifPresent(x -> out.addAll(counter(x)));
            }
            return out;
        }

        private List<Counter> counter(SandboxCloudStore.Instance i) {
            if (i.bootedAt() == null || !i.power().equals("running")) return List.of();
            long seconds = Math.max(0, Duration.between(i.bootedAt(), now()).toSeconds());
            long in = rateIn(i.name()) * seconds;
            return List.of(new Counter(i.name() + "/eth0", in, in * 2));
        }

        /** A change of an existing VM: busy while another task runs; nothing to do when it is already {@code target}. */
        private Task change(String name, String action, ObjectNode effect, String target) {
            reachable();
            settle(name);
            return store.db().tx(() -> {
                var i = store.instance(name).orElseThrow(() -> new VmNotFound("no instance " + name));
                if (store.running(name).isPresent()) throw new Busy(name + " has a task running");
                if (target != null && i.power().equals(target)) return Task.done();
                return task(name, action, effect);
            });
        }

        private Task task(String name, String action, ObjectNode effect) {
            String id = "sbx-" + Secrets.randomToken(9).replaceAll("[^A-Za-z0-9]", "x");
            store.insertTask(new SandboxCloudStore.Task(id, name, action, Json.text(effect), "running", null, now().plus(delay)), now());
            return new Task(id);
        }

        /** Finishes the VM's task if it is due: applies its effect, or fails it when its action is set to fail. */
        private void settle(String name) {
            var running = store.running(name);
            if (running.isEmpty() || running.get().finishesAt().isAfter(now())) return;
            store.db().txRun(() -> {
                var t = store.taskForUpdate(running.get().id()).orElseThrow();
                if (!t.state().equals("running")) return;
                if (fail.contains(t.action())) {
                    store.finish(t.id(), "failed", "injected failure of " + t.action());
                    return;
                }
                apply(t);
                store.finish(t.id(), "succeeded", null);
            });
        }

        private void apply(SandboxCloudStore.Task t) {
            JsonNode e;
            try {
                e = Json.MAPPER.readTree(t.effect());
            } catch (java.io.IOException x) {
                throw new IllegalStateException(x);
            }
            var found = store.instance(t.vmName());
            if (found.isEmpty()) return;
            if (e.path("delete").asBoolean(false)) {
                store.delete(t.vmName());
                return;
            }
            var i = found.get();
            String power = e.path("power").asText(i.power());
            LocalDateTime booted = e.path("boot").asBoolean(false) ? now() : power.equals("stopped") ? null : i.bootedAt();
            store.update(new SandboxCloudStore.Instance(i.name(), i.serviceId(), e.path("template").asText(i.template()), power,
                    e.path("cores").asInt(i.cores()), e.path("memory_mb").asInt(i.memoryMb()), e.path("disk_gb").asInt(i.diskGb()),
                    i.addresses(), booted));
        }

        private static ObjectNode effect(Object... kv) {
            ObjectNode n = Json.MAPPER.createObjectNode();
            for (int k = 0; k < kv.length; k += 2) n.set((String) kv[k], Json.MAPPER.valueToTree(kv[k + 1]));
            return n;
        }
    }
}
