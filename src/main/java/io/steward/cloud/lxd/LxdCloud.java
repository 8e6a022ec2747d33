package io.steward.cloud.lxd;

import com.fasterxml.jackson.databind.JsonNode;
import io.steward.core.Json;
import io.steward.modules.Check;
import io.steward.service.module.CloudVms;
import io.steward.service.module.ModuleRequest;
import io.steward.service.module.ModuleResult;
import io.steward.service.module.ServerModule;
import io.steward.service.module.TrafficCounters;
import java.net.URLEncoder;
import java.nio.charset.StandardCharsets;
import java.time.Duration;
import java.util.ArrayList;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;
import org.slf4j.Logger;
import org.slf4j.LoggerFactory;

/**
 * One LXD host as a {@link CloudVms} driver. Every change runs all its LXD steps inside the call,
 * waiting on each operation, and answers {@link Task#done()}: LXD forgets finished operations
 * after seconds, so a task id handed to a later poll could no longer be answered.
 *
 * <p>Instances carry {@code user.steward.service} (the service id, for its traffic counters) and
 * {@code user.steward.template}. The rescue helper of {@code <name>} is {@code <name>-r}.
 */
final class LxdCloud implements ServerModule, CloudVms, TrafficCounters {
    private static final Logger LOG = LoggerFactory.getLogger(LxdCloud.class);

    private final LxdClient lxd;
    private final String network;
    private final String pool;
    private final String rescueImage;
    private final Duration stopTimeout;
    /** How long a call after a stop waits for LXD to release the instance's operation lock. */
    private static final Duration FREE_WAIT = Duration.ofSeconds(15);
    private final Duration timeout;

    LxdCloud(LxdClient lxd, String network, String pool, String rescueImage, Duration stopTimeout, Duration timeout) {
        this.lxd = lxd;
        this.network = network;
        this.pool = pool;
        this.rescueImage = rescueImage;
        this.stopTimeout = stopTimeout;
        this.timeout = timeout;
    }

    private static String path(String name) {
        return "/1.0/instances/" + URLEncoder.encode(name, StandardCharsets.UTF_8);
    }

    static String helper(String name) {
        return name + "-r";
    }

    @Override
    public Check testConnection() {
        try {
            JsonNode server = lxd.get("/1.0");
            return Check.ok("LXD " + server.path("environment").path("server_version").asText() + ", " + templates(null).size() + " images");
        } catch (CloudException e) {
            return Check.failed(e.getMessage());
        }
    }

    // The cloud service itself needs nothing on LXD; its VMs are made through CloudVms.
    @Override public ModuleResult create(ModuleRequest r) { return ModuleResult.ok(); }

    @Override public ModuleResult suspend(ModuleRequest r) { return ModuleResult.ok(); }

    @Override public ModuleResult unsuspend(ModuleRequest r) { return ModuleResult.ok(); }

    @Override public ModuleResult terminate(ModuleRequest r) { return ModuleResult.ok(); }

    @Override public ModuleResult renew(ModuleRequest r) { return ModuleResult.ok(); }

    @Override public ModuleResult changePackage(ModuleRequest r) { return ModuleResult.ok(); }

    @Override
    public List<Template> templates(ModuleRequest request) {
        var out = new ArrayList<Template>();
        for (JsonNode a : lxd.get("/1.0/images/aliases?recursion=1")) {
            String name = a.path("name").asText();
            String description = a.path("description").asText("");
            out.add(new Template(name, description.isEmpty() ? name : description, "linux"));
        }
        return out;
    }

    private boolean exists(String name) {
        try {
            lxd.get(path(name));
            return true;
        } catch (VmNotFound e) {
            return false;
        }
    }

    private String status(String name) {
        return lxd.get(path(name) + "/state").path("status").asText();
    }

    @Override
    public Vm vm(ModuleRequest request, String name, String ref) {
        JsonNode inst = lxd.get(path(name));
        JsonNode state = lxd.get(path(name) + "/state");
        Power power = "Running".equals(state.path("status").asText()) ? Power.RUNNING : Power.STOPPED;
        if (power == Power.STOPPED && exists(helper(name))) power = Power.RESCUE;
        JsonNode cfg = inst.path("config");
        var addresses = new ArrayList<String>();
        state.path("network").path("eth0").path("addresses").forEach(a -> {
            if (!"link".equals(a.path("scope").asText())) addresses.add(a.path("address").asText());
        });
        return new Vm(name, null, power, cfg.path("user.steward.template").asText(null), limitsOf(cfg, inst), addresses);
    }

    private static Limits limitsOf(JsonNode cfg, JsonNode inst) {
        String cpu = cfg.path("limits.cpu").asText("1");
        int cores = cpu.matches("\\d+-\\d+") ? Integer.parseInt(cpu.split("-")[1]) - Integer.parseInt(cpu.split("-")[0]) + 1
                : cpu.matches("\\d+") ? Integer.parseInt(cpu) : 1;
        String mem = cfg.path("limits.memory").asText("512MB");
        int memory = mem.matches("\\d+MB") ? Integer.parseInt(mem.replace("MB", "")) : 512;
        String size = inst.path("devices").path("root").path("size").asText(cfg.path("user.steward.disk-gb").asText("1") + "GB");
        int disk = size.matches("\\d+GB") ? Integer.parseInt(size.replace("GB", "")) : 1;
        return new Limits(Math.max(1, cores), Math.max(16, memory), Math.max(1, disk));
    }

    /** Every change finishes within its call; there is never a task to poll. */
    @Override
    public TaskStatus poll(ModuleRequest request, String name, String taskId) {
        throw new VmNotFound("LXD changes finish within their call; no task " + taskId);
    }

    /**
     * limits.cpu: a range pinning the VM to its first N CPUs (enforced by LXD, unlike a count) while
     * the host has that many; a count beyond. The disk size is recorded in user.steward.disk-gb: the
     * dir pool has no quotas (a btrfs or ZFS pool would take the root device's size).
     */
    private static Map<String, String> limitsConfig(Limits l) {
        int host = Runtime.getRuntime().availableProcessors();
        var m = new LinkedHashMap<String, String>();
        m.put("limits.cpu", l.cores() <= host ? "0-" + (l.cores() - 1) : Integer.toString(l.cores()));
        m.put("limits.memory", l.memoryMb() + "MB");
        m.put("user.steward.disk-gb", Integer.toString(l.diskGb()));
        return m;
    }

    @Override
    public Task create(ModuleRequest request, VmSpec spec) {
        if (!exists(spec.name())) {
            var config = new LinkedHashMap<String, String>(limitsConfig(spec.limits()));
            config.put("user.steward.service", Long.toString(request.serviceId()));
            config.put("user.steward.template", spec.template());
            config.put("user.steward.hostname", spec.hostname());
            var nic = new LinkedHashMap<String, String>();
            nic.put("type", "nic");
            nic.put("network", network);
            nic.put("name", "eth0");
            for (String a : spec.addresses()) {
                String ip = a.contains("/") ? a.substring(0, a.indexOf('/')) : a;
                nic.put(ip.contains(":") ? "ipv6.address" : "ipv4.address", ip);
            }
            var body = Map.of("name", spec.name(), "type", "container", "source", Map.of("type", "image", "alias", spec.template()),
                    "config", config, "devices", Map.of("eth0", nic, "root", Map.of("type", "disk", "path", "/", "pool", pool)));
            try {
                lxd.await(lxd.call("POST", "/1.0/instances", body), timeout);
            } catch (VmNotFound e) {
                throw new Rejected("unknown image " + spec.template() + ": " + e.getMessage());
            }
        }
        prepare(spec);
        start(request, spec.name(), null);
        setPassword(spec.name(), spec.password());
        return Task.done();
    }

    /** Writes root's authorized_keys through LXD's file API (works on a stopped container). */
    private void prepare(VmSpec spec) {
        if (spec.sshKey() == null) return;
        String p = path(spec.name()) + "/files?path=";
        try {
            lxd.call("POST", p + "/root/.ssh", new byte[0], timeout, Map.of("X-LXD-type", "directory", "X-LXD-mode", "0700", "X-LXD-uid", "0",
                    "X-LXD-gid", "0"));
        } catch (Rejected e) {
            // the directory exists: a retried create, or an image that ships it
        }
        lxd.call("POST", p + "/root/.ssh/authorized_keys", (spec.sshKey() + "\n").getBytes(StandardCharsets.UTF_8), timeout,
                Map.of("X-LXD-type", "file", "X-LXD-mode", "0600", "X-LXD-uid", "0", "X-LXD-gid", "0", "X-LXD-write", "overwrite"));
    }

    /**
     * Sets root's password with {@code chpasswd} inside the running container, the password in the
     * command's environment (never its arguments, which LXD logs). An image without chpasswd
     * (the BusyBox test image) keeps its passwordless root; that is logged, not failed.
     */
    private void setPassword(String name, String password) {
        if (password == null) return;
        var body = Map.of("command", List.of("/bin/sh", "-c", "printf 'root:%s\\n' \"$STW_PW\" | chpasswd"), "environment", Map.of("STW_PW", password),
                "wait-for-websocket", false, "interactive", false, "record-output", false);
        JsonNode done = lxd.await(lxd.call("POST", path(name) + "/exec", body), timeout);
        int rc = done.path("metadata").path("return").asInt(0);
        if (rc == 127) LOG.warn("lxd: image of {} has no chpasswd; root password not set", name);
        else if (rc != 0) throw new Rejected("setting root's password in " + name + " failed with exit status " + rc);
    }

    private void state(String name, Map<String, Object> body) {
        lxd.await(lxd.call("PUT", path(name) + "/state", body), timeout);
    }

    @Override
    public Task start(ModuleRequest r, String name, String ref) {
        if (!"Running".equals(status(name))) startWhenFree(name);
        return Task.done();
    }

    /** Starts an instance once LXD has released its operation lock (see {@link #whenFree}). */
    private void startWhenFree(String name) {
        whenFree(() -> state(name, Map.of("action", "start")));
    }

    /**
     * Runs an LXD call, waiting out the instance's operation lock: LXD releases it a moment after the
     * stop that took it has finished (longer on a loaded host), so a start or delete right after a stop
     * can be refused as "busy running a stop operation" although the instance is already stopped.
     */
    private void whenFree(Runnable call) {
        long until = System.nanoTime() + FREE_WAIT.toNanos();
        while (true) {
            try {
                call.run();
                return;
            } catch (Busy e) {
                if (System.nanoTime() > until) throw e;
                try {
                    Thread.sleep(200);
                } catch (InterruptedException ie) {
                    Thread.currentThread().interrupt();
                    throw e;
                }
            }
        }
    }

    /** A graceful stop with a timeout, then a forced one: a stop sent right after a start can be lost. */
    @Override
    public Task stop(ModuleRequest r, String name, String ref) {
        stopNow(name);
        return Task.done();
    }

    private void stopNow(String name) {
        if ("Stopped".equals(status(name))) return;
        try {
            state(name, Map.of("action", "stop", "timeout", (int) stopTimeout.toSeconds()));
        } catch (Unavailable e) {
            LOG.info("lxd: graceful stop of {} failed ({}); forcing", name, e.getMessage());
        }
        if (!"Stopped".equals(status(name))) state(name, Map.of("action", "stop", "force", true));
    }

    @Override
    public Task reboot(ModuleRequest r, String name, String ref) {
        stopNow(name);
        startWhenFree(name);
        return Task.done();
    }

    /**
     * Stops the VM and starts a helper container from the rescue image with the VM's root file
     * system attached at {@code /mnt/root} and a DHCP address on the same bridge.
     */
    @Override
    public Task rescue(ModuleRequest r, String name, String ref, String password) {
        stopNow(name);
        String h = helper(name);
        if (!exists(h)) {
            String source = lxd.get("/1.0/storage-pools/" + pool).path("config").path("source").asText();
            var devices = Map.of("eth0", Map.of("type", "nic", "network", network, "name", "eth0"),
                    "root", Map.of("type", "disk", "path", "/", "pool", pool),
                    "target", Map.of("type", "disk", "source", source + "/containers/" + name + "/rootfs", "path", "/mnt/root"));
            var body = Map.of("name", h, "type", "container", "source", Map.of("type", "image", "alias", rescueImage),
                    "config", Map.of("limits.memory", "256MB", "user.steward.rescue-of", name), "devices", devices);
            lxd.await(lxd.call("POST", "/1.0/instances", body), timeout);
        }
        if (!"Running".equals(status(h))) state(h, Map.of("action", "start"));
        setPassword(h, password);
        return Task.done();
    }

    @Override
    public Task unrescue(ModuleRequest r, String name, String ref) {
        removeHelper(name);
        start(r, name, ref);
        return Task.done();
    }

    private void removeHelper(String name) {
        String h = helper(name);
        if (!exists(h)) return;
        if (!"Stopped".equals(status(h))) state(h, Map.of("action", "stop", "force", true));
        try {
            whenFree(() -> lxd.await(lxd.call("DELETE", path(h), null), timeout));
        } catch (VmNotFound e) {
            // gone meanwhile
        }
    }

    /** LXD 5.0 has no rebuild: the container is deleted and created again from the template, same name, limits and addresses. */
    @Override
    public Task rebuild(ModuleRequest r, VmSpec spec, String ref) {
        if (templates(r).stream().noneMatch(t -> t.id().equals(spec.template()))) throw new Rejected("unknown image " + spec.template());
        removeHelper(spec.name());
        if (exists(spec.name())) {
            stopNow(spec.name());
            whenFree(() -> lxd.await(lxd.call("DELETE", path(spec.name()), null), timeout));
        }
        return create(r, spec);
    }

    /** limits.* apply to a running container at once. */
    @Override
    public Task resize(ModuleRequest r, String name, String ref, Limits limits) {
        lxd.await(lxd.call("PATCH", path(name), Map.of("config", limitsConfig(limits))), timeout);
        return Task.done();
    }

    @Override
    public Task delete(ModuleRequest r, String name, String ref) {
        removeHelper(name);
        if (!exists(name)) return Task.done();
        if (!"Stopped".equals(status(name))) state(name, Map.of("action", "stop", "force", true));
        try {
            whenFree(() -> lxd.await(lxd.call("DELETE", path(name), null), timeout));
        } catch (VmNotFound e) {
            // gone meanwhile
        }
        return Task.done();
    }

    @Override
    public List<Counter> counters(ModuleRequest request, String name, String ref) {
        JsonNode state = lxd.get(path(name) + "/state");
        if (!"Running".equals(state.path("status").asText())) return List.of();
        var out = new ArrayList<Counter>();
        state.path("network").fields().forEachRemaining(e -> {
            if (e.getKey().equals("lo")) return;
            JsonNode c = e.getValue().path("counters");
            out.add(new Counter(name + "/" + e.getKey(), c.path("bytes_received").asLong(), c.path("bytes_sent").asLong()));
        });
        return out;
    }

    /** The service's containers' counters (those tagged with its id): what traffic accounting reads. */
    @Override
    public List<Counter> counters(ModuleRequest request) {
        var out = new ArrayList<Counter>();
        for (JsonNode inst : lxd.get("/1.0/instances?recursion=1")) {
            if (!Long.toString(request.serviceId()).equals(inst.path("config").path("user.steward.service").asText())) continue;
            out.addAll(counters(request, inst.path("name").asText(), null));
        }
        return out;
    }

    static String text(Object o) {
        return Json.text(o);
    }
}
