package io.steward.proxmox;

import com.fasterxml.jackson.databind.JsonNode;
import io.steward.service.module.CloudVms;
import io.steward.service.module.ModuleRequest;
import io.steward.service.module.TrafficCounters.Counter;
import java.time.Duration;
import java.util.ArrayList;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;
import java.util.Optional;

/**
 * {@link CloudVms} on Proxmox VE. A VM is a QEMU VM cloned from a template VM, named by Steward's
 * name (PVE's {@code name}, which cloud-init also gives the guest as its host name); its vmid is
 * the {@link Vm#ref}. Each action is the PVE calls an operator would make, in order, every step
 * repeatable: create = clone (full by default), cloud-init settings ({@code ciuser}, {@code sshkeys},
 * {@code cipassword}, {@code ipconfig0}), cores, memory, the boot disk grown to the limit, start;
 * stop = shutdown with the guest's timeout, then stop; rescue = the rescue ISO as a CD first in the
 * boot order; rebuild = destroy and clone again under the same vmid; delete = stop, destroy with purge.
 *
 * <p>Intermediate PVE tasks are awaited inside the call (bounded by {@code task_timeout}); the
 * last one is answered as the {@link Task} so the caller sees the VM's final step finish. A retry
 * after any failure picks up where the VM is: a VM of the name that exists is reconfigured, not
 * cloned twice; a VM locked by a running clone is waited for.
 */
final class ProxmoxCloud implements CloudVms {
    interface Sleeper {
        void sleep(Duration d) throws InterruptedException;
    }

    static final Sleeper SLEEP = d -> Thread.sleep(d.toMillis());
    private static final Duration POLL = Duration.ofMillis(250);

    private final PveClient pve;
    private final PveConfig cfg;
    private final Sleeper sleeper;

    ProxmoxCloud(PveClient pve, PveConfig cfg, Sleeper sleeper) {
        this.pve = pve;
        this.cfg = cfg;
        this.sleeper = sleeper;
    }

    PveClient client() {
        return pve;
    }

    PveConfig config() {
        return cfg;
    }

    private String node() {
        return "/nodes/" + PveClient.segment(cfg.node());
    }

    private String qemu(int vmid) {
        return node() + "/qemu/" + vmid;
    }

    // ---- reads

    @Override
    public List<Template> templates(ModuleRequest request) {
        Map<Integer, JsonNode> vms = list();
        var out = new ArrayList<Template>();
        cfg.templates().forEach((id, vmid) -> {
            JsonNode vm = vms.get(vmid);
            if (vm != null && vm.path("template").asInt(0) == 1) {
                out.add(new Template(id, vm.path("name").asText(id), os(id)));
            }
        });
        return out;
    }

    /** The OS family of a template id: its leading letters ({@code debian-12} → {@code debian}). */
    static String os(String templateId) {
        String letters = templateId.replaceAll("^([A-Za-z]+).*$", "$1");
        return letters.isEmpty() ? templateId : letters.toLowerCase(java.util.Locale.ROOT);
    }

    @Override
    public Vm vm(ModuleRequest request, String name, String ref) {
        int vmid = require(name, ref);
        JsonNode status = pve.get(qemu(vmid) + "/status/current", Map.of());
        PveVmConfig conf = config(vmid);
        Power power = !status.path("status").asText().equals("running") ? Power.STOPPED
                : conf.rescueSlot(cfg.rescueIso()).isPresent() ? Power.RESCUE : Power.RUNNING;
        Limits limits = new Limits(Math.max(1, conf.cores()), Math.max(16, conf.memoryMb()), Math.max(1, conf.diskGb(cfg.disk())));
        return new Vm(name, Integer.toString(vmid), power, conf.note("template").orElse(null), limits, conf.addresses());
    }

    @Override
    public TaskStatus poll(ModuleRequest request, String name, String taskId) {
        return taskStatus(taskId);
    }

    /** A task's state from {@code GET /nodes/{node}/tasks/{upid}/status}; the node is the UPID's second field. */
    TaskStatus taskStatus(String upid) {
        String[] f = upid.split(":");
        if (f.length < 8 || !f[0].equals("UPID")) throw new VmNotFound("Not a Proxmox VE task id: " + upid);
        JsonNode s = pve.get("/nodes/" + PveClient.segment(f[1]) + "/tasks/" + PveClient.segment(upid) + "/status", Map.of());
        if (!s.path("status").asText().equals("stopped")) return TaskStatus.running();
        String exit = s.path("exitstatus").asText("");
        return exit.equals("OK") ? TaskStatus.succeeded() : TaskStatus.failed(exit.isEmpty() ? "the task ended without an exit status" : exit);
    }

    @Override
    public List<Counter> counters(ModuleRequest request, String name, String ref) {
        int vmid = require(name, ref);
        JsonNode s = pve.get(qemu(vmid) + "/status/current", Map.of());
        if (!s.path("status").asText().equals("running")) return List.of();
        // PVE's netin/netout: bytes through the VM's tap interfaces since it started, the counters its RRD is fed from.
        return List.of(new Counter("net", s.path("netin").asLong(0), s.path("netout").asLong(0)));
    }

    /** One minute of PVE's RRD: average bytes per second in and out. */
    record TrafficSample(long time, double inPerSecond, double outPerSecond) {}

    /** The last hour's traffic rates from PVE's RRD ({@code rrddata?timeframe=hour&cf=AVERAGE}), minutes without data left out. */
    List<TrafficSample> trafficLastHour(String name, String ref) {
        int vmid = require(name, ref);
        var out = new ArrayList<TrafficSample>();
        for (JsonNode p : pve.get(qemu(vmid) + "/rrddata", Map.of("timeframe", "hour", "cf", "AVERAGE"))) {
            if (p.hasNonNull("netin") && p.hasNonNull("netout")) {
                out.add(new TrafficSample(p.path("time").asLong(), p.path("netin").asDouble(), p.path("netout").asDouble()));
            }
        }
        return out;
    }

    // ---- changes

    @Override
    public Task create(ModuleRequest request, VmSpec spec) {
        int template = template(spec.template());
        Optional<Integer> existing = findByName(spec.name());
        int vmid;
        try {
            vmid = existing.isPresent() ? awaitUnlocked(existing.get()) : cloneNew(template, spec.name(), null);
        } catch (VmNotFound e) {
            // The earlier attempt's clone failed while we waited, and PVE removed its half-made VM.
            vmid = cloneNew(template, spec.name(), null);
        }
        configure(vmid, spec, null);
        grow(vmid, spec.limits().diskGb(), false);
        return start(vmid);
    }

    @Override
    public Task start(ModuleRequest request, String name, String ref) {
        return start(require(name, ref));
    }

    @Override
    public Task stop(ModuleRequest request, String name, String ref) {
        return stop(require(name, ref));
    }

    @Override
    public Task reboot(ModuleRequest request, String name, String ref) {
        int vmid = require(name, ref);
        if (!running(vmid)) return start(vmid);
        String upid = pve.post(qemu(vmid) + "/status/reboot", Map.of("timeout", seconds(cfg.shutdownTimeout()))).asText();
        TaskStatus s = await(upid, cfg.shutdownTimeout().plus(cfg.taskTimeout()));
        if (s.state() == TaskState.SUCCEEDED) return Task.done();
        // The guest ignored the ACPI request (no agent, hung): a reset the hard way, as staff would.
        hardStop(vmid);
        return start(vmid);
    }

    @Override
    public Task rescue(ModuleRequest request, String name, String ref, String password) {
        if (cfg.rescueIso() == null) throw new Rejected("No rescue ISO is configured for Proxmox VE node " + cfg.node());
        int vmid = require(name, ref);
        PveVmConfig conf = config(vmid);
        if (conf.rescueSlot(cfg.rescueIso()).isPresent()) return start(vmid);
        String slot = conf.freeCdSlot().orElseThrow(() -> new Rejected("VM " + vmid + " has no free IDE slot for the rescue CD"));
        stopAndWait(vmid);
        List<String> order = conf.bootOrder();
        order.remove(slot);
        order.addFirst(slot);
        var change = new LinkedHashMap<String, String>();
        change.put(slot, cfg.rescueIso() + ",media=cdrom");
        change.put("boot", "order=" + String.join(";", order));
        change.put("digest", conf.get("digest"));
        setConfig(vmid, change);
        return start(vmid);
    }

    @Override
    public Task unrescue(ModuleRequest request, String name, String ref) {
        int vmid = require(name, ref);
        PveVmConfig conf = config(vmid);
        Optional<String> slot = conf.rescueSlot(cfg.rescueIso());
        if (slot.isEmpty()) return start(vmid);
        stopAndWait(vmid);
        List<String> order = conf.bootOrder();
        order.remove(slot.get());
        var change = new LinkedHashMap<String, String>();
        if (!order.isEmpty()) change.put("boot", "order=" + String.join(";", order));
        change.put("delete", slot.get());
        change.put("digest", conf.get("digest"));
        setConfig(vmid, change);
        return start(vmid);
    }

    @Override
    public Task rebuild(ModuleRequest request, VmSpec spec, String ref) {
        int template = template(spec.template());
        String build = request.idempotencyKey();
        Optional<Integer> found = find(spec.name(), ref);
        Integer preferred = ref != null && ref.matches("\\d+") ? Integer.valueOf(ref) : null;
        int vmid;
        if (found.isPresent() && build != null && config(awaitUnlocked(found.get())).note("build").filter(build::equals).isPresent()) {
            vmid = found.get(); // this rebuild already re-cloned the VM before the call was cut short
        } else {
            if (found.isPresent()) {
                preferred = found.get();
                destroy(found.get());
            }
            vmid = cloneNew(template, spec.name(), preferred);
        }
        configure(vmid, spec, build);
        grow(vmid, spec.limits().diskGb(), false);
        return start(vmid);
    }

    @Override
    public Task resize(ModuleRequest request, String name, String ref, Limits limits) {
        int vmid = require(name, ref);
        PveVmConfig conf = config(vmid);
        int disk = conf.diskGb(cfg.disk());
        if (limits.diskGb() < disk) {
            throw new Rejected("Proxmox VE cannot shrink disk " + cfg.disk() + " of VM " + vmid + " from " + disk + " to " + limits.diskGb() + " GiB");
        }
        boolean changed = conf.cores() != limits.cores() || conf.memoryMb() != limits.memoryMb();
        if (changed) {
            var change = new LinkedHashMap<String, String>();
            change.put("cores", Integer.toString(limits.cores()));
            change.put("sockets", "1");
            change.put("memory", Integer.toString(limits.memoryMb()));
            setConfig(vmid, change);
        }
        grow(vmid, limits.diskGb(), true);
        // Without CPU and memory hot-plug the new values wait in PVE's pending changes until the next cold boot.
        return changed && running(vmid) ? reboot(request, name, Integer.toString(vmid)) : Task.done();
    }

    @Override
    public Task delete(ModuleRequest request, String name, String ref) {
        Optional<Integer> found = find(name, ref);
        if (found.isEmpty()) return Task.done();
        try {
            // An earlier attempt's destroy holds the lock until the VM is gone.
            int vmid = awaitUnlocked(found.get());
            if (running(vmid)) hardStop(vmid);
            return new Task(pve.delete(qemu(vmid), Map.of("purge", "1", "destroy-unreferenced-disks", "1")).asText());
        } catch (VmNotFound e) {
            return Task.done();
        }
    }

    // ---- steps

    private Task start(int vmid) {
        if (running(vmid)) return Task.done();
        return new Task(pve.post(qemu(vmid) + "/status/start", Map.of()).asText());
    }

    /** Graceful shutdown bounded by the guest's timeout, then a forced stop; answers the stop's task. */
    private Task stop(int vmid) {
        if (!running(vmid)) return Task.done();
        String upid = pve.post(qemu(vmid) + "/status/shutdown", Map.of("timeout", seconds(cfg.shutdownTimeout()))).asText();
        TaskStatus s = await(upid, cfg.shutdownTimeout().plus(cfg.taskTimeout()));
        if (s.state() == TaskState.SUCCEEDED && !running(vmid)) return Task.done();
        return new Task(pve.post(qemu(vmid) + "/status/stop", Map.of()).asText());
    }

    private void stopAndWait(int vmid) {
        Task t = stop(vmid);
        if (!t.finished()) require(t.id(), await(t.id(), cfg.taskTimeout()));
    }

    private void hardStop(int vmid) {
        String upid = pve.post(qemu(vmid) + "/status/stop", Map.of()).asText();
        require(upid, await(upid, cfg.taskTimeout()));
    }

    /** Stops and destroys the VM (for a rebuild), waiting until it is gone. */
    private void destroy(int vmid) {
        if (running(vmid)) hardStop(vmid);
        String upid = pve.delete(qemu(vmid), Map.of("purge", "1", "destroy-unreferenced-disks", "1")).asText();
        require(upid, await(upid, cfg.taskTimeout()));
    }

    /**
     * Clones the template under a free vmid ({@code preferred} when given and free) and waits for
     * the clone; two clones racing for the same {@code /cluster/nextid} answer make the loser ask again.
     */
    private int cloneNew(int template, String name, Integer preferred) {
        for (int attempt = 0; attempt < 5; attempt++) {
            int vmid = attempt == 0 && preferred != null ? preferred : pve.get("/cluster/nextid", Map.of()).asInt();
            var form = new LinkedHashMap<String, String>();
            form.put("newid", Integer.toString(vmid));
            form.put("name", name);
            form.put("full", cfg.fullClone() ? "1" : "0");
            if (cfg.fullClone() && cfg.storage() != null) form.put("storage", cfg.storage());
            String upid;
            try {
                upid = pve.post(qemu(template) + "/clone", form).asText();
            } catch (Rejected e) {
                if (e.getMessage().contains("already exists")) continue;
                throw e;
            }
            TaskStatus s = await(upid, cfg.taskTimeout());
            if (s.state() == TaskState.FAILED) {
                if (s.error().contains("already exists")) continue;
                throw new Unavailable("Proxmox VE could not clone template " + template + " to VM " + vmid + ": " + s.error(), null);
            }
            if (s.state() == TaskState.RUNNING) throw new Busy("The clone of template " + template + " to VM " + vmid + " is still running");
            return vmid;
        }
        throw new Busy("Every vmid Proxmox VE offered was taken by another clone; try again");
    }

    /** cloud-init user, key, password and network, the limits, the bridge and Steward's note, in one config change. */
    private void configure(int vmid, VmSpec spec, String build) {
        PveVmConfig conf = config(vmid);
        var change = new LinkedHashMap<String, String>();
        change.put("cores", Integer.toString(spec.limits().cores()));
        change.put("sockets", "1");
        change.put("memory", Integer.toString(spec.limits().memoryMb()));
        change.put("ciuser", cfg.ciUser());
        if (spec.password() != null) change.put("cipassword", spec.password());
        if (spec.sshKey() != null && !spec.sshKey().isBlank()) change.put("sshkeys", PveClient.uriComponent(spec.sshKey().strip() + "\n"));
        change.put("ipconfig0", ipconfig(spec));
        String net0 = conf.net0OnBridge(cfg.bridge());
        if (net0 != null) change.put("net0", net0);
        change.put("description", PveVmConfig.description(spec.template(), build));
        setConfig(vmid, change);
    }

    private String ipconfig(VmSpec spec) {
        String v4 = null;
        String v6 = null;
        for (String a : spec.addresses()) {
            if (a.contains(":") && v6 == null) v6 = a.contains("/") ? a : a + "/" + cfg.ipv6Prefix();
            if (!a.contains(":") && v4 == null) v4 = a.contains("/") ? a : a + "/" + cfg.ipv4Prefix();
        }
        var parts = new ArrayList<String>();
        if (v4 != null) {
            parts.add("ip=" + v4);
            if (spec.gateway4() != null) parts.add("gw=" + spec.gateway4());
        }
        if (v6 != null) parts.add("ip6=" + v6);
        if (parts.isEmpty()) parts.add("ip=dhcp");
        return String.join(",", parts);
    }

    /** Grows the boot disk to {@code gb}; a larger disk (a template bigger than the limit) is left as it is on create. */
    private void grow(int vmid, int gb, boolean strict) {
        int current = config(vmid).diskGb(cfg.disk());
        if (current >= gb) return;
        JsonNode answer = pve.put(qemu(vmid) + "/resize", Map.of("disk", cfg.disk(), "size", gb + "G"));
        // PVE 8 answers a task; older releases resized within the call and answered null.
        if (answer.isTextual() && !answer.asText().isEmpty()) require(answer.asText(), await(answer.asText(), cfg.taskTimeout()));
    }

    /** POST config: PVE answers a task when the change has to touch disks or the running VM, else null. */
    private void setConfig(int vmid, Map<String, String> change) {
        change.values().removeIf(java.util.Objects::isNull);
        JsonNode answer = pve.post(qemu(vmid) + "/config", change);
        if (answer.isTextual() && answer.asText().startsWith("UPID:")) require(answer.asText(), await(answer.asText(), cfg.taskTimeout()));
    }

    /** Polls the task until it stops or {@code limit} passes; a task still running then is answered as running. */
    TaskStatus await(String upid, Duration limit) {
        long deadline = System.nanoTime() + limit.toNanos();
        while (true) {
            TaskStatus s = taskStatus(upid);
            if (s.state() != TaskState.RUNNING || System.nanoTime() > deadline) return s;
            pause();
        }
    }

    private void require(String upid, TaskStatus s) {
        if (s.state() == TaskState.FAILED) throw new Unavailable("Proxmox VE task " + upid + " failed: " + s.error(), null);
        if (s.state() == TaskState.RUNNING) throw new Busy("Proxmox VE task " + upid + " is still running after the task timeout");
    }

    /** Waits while another task (a clone from an earlier attempt) holds the VM's lock. */
    private int awaitUnlocked(int vmid) {
        long deadline = System.nanoTime() + cfg.taskTimeout().toNanos();
        while (true) {
            String lock = pve.get(qemu(vmid) + "/status/current", Map.of()).path("lock").asText("");
            if (lock.isEmpty()) return vmid;
            if (System.nanoTime() > deadline) throw new Busy("VM " + vmid + " is locked (" + lock + ")");
            pause();
        }
    }

    private void pause() {
        try {
            sleeper.sleep(POLL);
        } catch (InterruptedException e) {
            Thread.currentThread().interrupt();
            throw new Unavailable("Interrupted while waiting for a Proxmox VE task", e);
        }
    }

    private boolean running(int vmid) {
        return pve.get(qemu(vmid) + "/status/current", Map.of()).path("status").asText().equals("running");
    }

    private PveVmConfig config(int vmid) {
        return PveVmConfig.of(pve.get(qemu(vmid) + "/config", Map.of()));
    }

    private int template(String id) {
        Integer vmid = id == null ? null : cfg.templates().get(id);
        if (vmid == null) throw new Rejected("Unknown template " + id + " on Proxmox VE node " + cfg.node());
        return vmid;
    }

    private int require(String name, String ref) {
        return find(name, ref).orElseThrow(() -> new VmNotFound("Proxmox VE node " + cfg.node() + " has no VM named " + name));
    }

    /** The VM's vmid: the ref when that VM still bears the name (a vmid may be reused after a delete), else by name. */
    Optional<Integer> find(String name, String ref) {
        if (ref != null && ref.matches("\\d{3,9}")) {
            int vmid = Integer.parseInt(ref);
            try {
                if (name.equals(config(vmid).name())) return Optional.of(vmid);
            } catch (VmNotFound e) {
                // gone or never there: look the name up
            }
        }
        return findByName(name);
    }

    private Optional<Integer> findByName(String name) {
        return list().values().stream().filter(v -> v.path("template").asInt(0) != 1 && name.equals(v.path("name").asText(null)))
                .map(v -> v.path("vmid").asInt()).findFirst();
    }

    private Map<Integer, JsonNode> list() {
        var out = new LinkedHashMap<Integer, JsonNode>();
        for (JsonNode v : pve.get(node() + "/qemu", Map.of())) out.put(v.path("vmid").asInt(), v);
        return out;
    }

    private static String seconds(Duration d) {
        return Long.toString(Math.max(1, d.toSeconds()));
    }
}
