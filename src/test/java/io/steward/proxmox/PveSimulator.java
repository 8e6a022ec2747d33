package io.steward.proxmox;

import com.fasterxml.jackson.databind.node.ArrayNode;
import com.fasterxml.jackson.databind.node.ObjectNode;
import com.sun.net.httpserver.HttpExchange;
import com.sun.net.httpserver.HttpServer;
import com.sun.net.httpserver.HttpsConfigurator;
import com.sun.net.httpserver.HttpsServer;
import io.steward.core.Json;
import java.io.IOException;
import java.io.UncheckedIOException;
import java.net.InetAddress;
import java.net.InetSocketAddress;
import java.net.URLDecoder;
import java.nio.charset.StandardCharsets;
import java.security.MessageDigest;
import java.util.ArrayList;
import java.util.HashSet;
import java.util.HexFormat;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;
import java.util.Set;
import java.util.TreeMap;
import java.util.function.Supplier;
import java.util.regex.Matcher;
import java.util.regex.Pattern;
import javax.net.ssl.SSLContext;

/**
 * A Proxmox VE node in-process on 127.0.0.1, written from PVE's API reference (api-viewer's
 * schema) for the calls the driver makes, answering as PVE does: {@code /api2/json} (errors in
 * the status, {@code {"data":null,"errors":{...}}}) and {@code /api2/extjs} (200 with
 * {@code success}, {@code status}, {@code message}); API-token authentication (401 without a
 * body otherwise); template VMs; VMs with a configuration (digest-checked) and a power state;
 * asynchronous tasks answering UPIDs that end after {@link #taskMillis}; the {@code clone} lock
 * while a clone runs ("VM is locked (clone)"); parameter verification (400 with per-parameter
 * errors); handler errors as 500 with PVE's messages; RRD data and tap counters that count while
 * a VM runs and restart from zero on every start.
 *
 * <p>Faults can be injected: guests that ignore ACPI shutdown, templates whose clone fails, VMs
 * whose start fails, locks held by another task (a migration).
 */
final class PveSimulator implements AutoCloseable {
    static final String NODE = "pve1";
    static final String TOKEN_ID = "steward@pve!cloud";
    static final String SECRET = "6c7a5f7e-1b1f-4f0e-9d8a-3c1e2b4d5a69";
    static final String VERSION = "8.2.4";
    private static final long RATE_IN = 12_000;
    private static final long RATE_OUT = 3_000;
    private static final Pattern SIZE = Pattern.compile("\\+?\\d+(\\.\\d+)?[KMGT]?");
    private static final Pattern URLENCODED = Pattern.compile("[-%a-zA-Z0-9_.!~*'()]*");
    private static final Set<String> CONFIG_KEYS = Set.of("cores", "sockets", "memory", "ciuser", "cipassword", "sshkeys", "ipconfig0",
            "net0", "description", "boot", "ide0", "ide1", "ide2", "ide3", "delete", "digest", "name", "node", "vmid");

    /** A VM or template; guarded by the simulator's monitor. */
    static final class SimVm {
        final int vmid;
        final Map<String, String> config = new LinkedHashMap<>();
        boolean template;
        boolean running;
        String lock;
        long startedAt;
        /** Bumped each time the VM's disk is made anew (a clone): tests see a rebuild replaced it. */
        int generation;

        SimVm(int vmid) {
            this.vmid = vmid;
        }
    }

    private record SimTask(String upid, String type, int vmid, long endsAt, Supplier<String> finish) {}

    private final HttpServer server;
    private final Map<Integer, SimVm> vms = new TreeMap<>();
    private final Map<String, SimTask> running = new LinkedHashMap<>();
    private final Map<String, String> finished = new LinkedHashMap<>();
    private final List<String> calls = new ArrayList<>();
    private final Set<Integer> ignoresShutdown = new HashSet<>();
    private final Set<Integer> failsStart = new HashSet<>();
    private final Map<Integer, String> failsClone = new LinkedHashMap<>();
    private int pid = 0x1000;
    private int generations;
    volatile long taskMillis = 60;

    PveSimulator() {
        this(null);
    }

    /** On HTTPS with the given server context (PVE's API is HTTPS only; plain HTTP keeps most tests short). */
    PveSimulator(SSLContext tls) {
        try {
            var address = new InetSocketAddress(InetAddress.getLoopbackAddress(), 0);
            if (tls == null) {
                server = HttpServer.create(address, 0);
            } else {
                var https = HttpsServer.create(address, 0);
                https.setHttpsConfigurator(new HttpsConfigurator(tls));
                server = https;
            }
        } catch (IOException e) {
            throw new UncheckedIOException(e);
        }
        server.createContext("/", this::handle);
        server.start();
        template(9000, "debian-12-cloud", 2);
        template(9001, "ubuntu-2404-cloud", 3);
    }

    String url() {
        return (server instanceof HttpsServer ? "https" : "http") + "://127.0.0.1:" + server.getAddress().getPort();
    }

    @Override
    public void close() {
        server.stop(0);
    }

    // ---- test controls

    synchronized void template(int vmid, String name, int diskGb) {
        SimVm t = new SimVm(vmid);
        t.template = true;
        t.config.put("name", name);
        t.config.put("template", "1");
        t.config.put("cores", "1");
        t.config.put("memory", "2048");
        t.config.put("scsi0", "local-lvm:base-" + vmid + "-disk-0,size=" + diskGb + "G");
        t.config.put("ide2", "local-lvm:vm-" + vmid + "-cloudinit,media=cdrom");
        t.config.put("boot", "order=scsi0;net0");
        t.config.put("net0", "virtio=BC:24:11:00:" + (vmid % 100) + ":01,bridge=vmbr0");
        t.config.put("description", "Cloud image template");
        vms.put(vmid, t);
    }

    synchronized void ignoreShutdown(int vmid) { ignoresShutdown.add(vmid); }

    synchronized void failStart(int vmid) { failsStart.add(vmid); }

    synchronized void failClone(int template, String error) { failsClone.put(template, error); }

    synchronized void lock(int vmid, String lock) { vms.get(vmid).lock = lock; }

    synchronized SimVm vm(int vmid) { return vms.get(vmid); }

    synchronized int vmCount() { return (int) vms.values().stream().filter(v -> !v.template).count(); }

    /** Calls seen, as {@code METHOD /path}, in order. */
    synchronized List<String> calls() { return List.copyOf(calls); }

    // ---- HTTP

    private record Answer(int status, String message, Object data, Map<String, String> errors) {
        static Answer ok(Object data) { return new Answer(200, null, data, Map.of()); }
    }

    private static final class Fail extends RuntimeException {
        final int status;
        final Map<String, String> errors;

        Fail(int status, String message, Map<String, String> errors) {
            super(message);
            this.status = status;
            this.errors = errors;
        }
    }

    private static Fail fail(String message) { return new Fail(500, message, Map.of()); }

    private static Fail param(String key, String message) { return new Fail(400, "Parameter verification failed.", Map.of(key, message)); }

    private void handle(HttpExchange ex) throws IOException {
        try (ex) {
            String path = ex.getRequestURI().getRawPath();
            Matcher m = Pattern.compile("^/api2/(json|extjs)(/.*)$").matcher(path);
            if (!m.matches()) {
                ex.sendResponseHeaders(404, -1);
                return;
            }
            String auth = ex.getRequestHeaders().getFirst("Authorization");
            if (auth == null || !auth.equals("PVEAPIToken=" + TOKEN_ID + "=" + SECRET)) {
                // PVE answers an authentication failure before any formatter: a bare 401.
                ex.sendResponseHeaders(401, -1);
                return;
            }
            Map<String, String> params = new LinkedHashMap<>(parse(ex.getRequestURI().getRawQuery()));
            params.putAll(parse(new String(ex.getRequestBody().readAllBytes(), StandardCharsets.UTF_8)));
            Answer a;
            synchronized (this) {
                tick();
                calls.add(ex.getRequestMethod() + " " + m.group(2));
                try {
                    a = route(ex.getRequestMethod(), segments(m.group(2)), params);
                } catch (Fail f) {
                    a = new Answer(f.status, f.getMessage(), null, f.errors);
                }
            }
            send(ex, m.group(1).equals("extjs"), a);
        }
    }

    private static void send(HttpExchange ex, boolean extjs, Answer a) throws IOException {
        ObjectNode body = Json.MAPPER.createObjectNode();
        body.set("data", Json.tree(a.data()));
        if (!a.errors().isEmpty()) body.set("errors", Json.tree(a.errors()));
        int status = a.status();
        if (extjs) {
            body.put("success", a.status() == 200 ? 1 : 0);
            if (a.status() != 200) {
                body.put("message", a.message() + "\n");
                body.put("status", a.status());
            }
            status = 200;
        }
        byte[] bytes = Json.write(body);
        ex.getResponseHeaders().set("Content-Type", "application/json;charset=UTF-8");
        ex.sendResponseHeaders(status, bytes.length);
        ex.getResponseBody().write(bytes);
    }

    private static List<String> segments(String path) {
        var out = new ArrayList<String>();
        for (String s : path.split("/")) if (!s.isEmpty()) out.add(URLDecoder.decode(s.replace("+", "%2B"), StandardCharsets.UTF_8));
        return out;
    }

    private static Map<String, String> parse(String form) {
        var out = new LinkedHashMap<String, String>();
        if (form == null || form.isEmpty()) return out;
        for (String pair : form.split("&")) {
            int eq = pair.indexOf('=');
            String k = URLDecoder.decode(eq < 0 ? pair : pair.substring(0, eq), StandardCharsets.UTF_8);
            out.put(k, eq < 0 ? "" : URLDecoder.decode(pair.substring(eq + 1), StandardCharsets.UTF_8));
        }
        return out;
    }

    private Answer route(String method, List<String> p, Map<String, String> q) {
        String route = method + " " + String.join("/", p.stream().map(s -> s.matches("\\d+") ? "{id}" : s).toList());
        if (route.equals("GET version")) return Answer.ok(Json.obj("version", VERSION, "release", "8.2", "repoid", "faa83925c9641325"));
        if (route.equals("GET cluster/nextid")) return Answer.ok(Integer.toString(nextId()));
        if (p.size() < 2 || !p.get(0).equals("nodes")) throw fail("Method '" + method + " /" + String.join("/", p) + "' not implemented");
        if (!p.get(1).equals(NODE)) throw fail("hostname lookup '" + p.get(1) + "' failed - failed to get address info for: " + p.get(1));
        if (p.size() == 5 && p.get(2).equals("tasks") && p.get(4).equals("status") && method.equals("GET")) return Answer.ok(taskStatus(p.get(3)));
        if (p.size() == 3 && p.get(2).equals("qemu") && method.equals("GET")) return Answer.ok(list());
        if (p.size() < 4 || !p.get(2).equals("qemu")) throw fail("Method '" + method + " /" + String.join("/", p) + "' not implemented");
        int vmid = vmid(p.get(3));
        String rest = String.join("/", p.subList(4, p.size()));
        return switch (method + " " + rest) {
            case "GET config" -> Answer.ok(config(existing(vmid)));
            case "POST config" -> Answer.ok(setConfig(existing(vmid), q));
            case "PUT resize" -> Answer.ok(resize(existing(vmid), q));
            case "POST clone" -> Answer.ok(clone(existing(vmid), q));
            case "GET status/current" -> Answer.ok(current(existing(vmid)));
            case "POST status/start" -> Answer.ok(start(unlocked(vmid)));
            case "POST status/stop" -> Answer.ok(stop(unlocked(vmid)));
            case "POST status/shutdown" -> Answer.ok(shutdown(unlocked(vmid), q, false));
            case "POST status/reboot" -> Answer.ok(shutdown(unlocked(vmid), q, true));
            case "GET rrddata" -> Answer.ok(rrd(existing(vmid), q));
            case "DELETE " -> Answer.ok(destroy(unlocked(vmid)));
            default -> throw fail("Method '" + method + " /" + String.join("/", p) + "' not implemented");
        };
    }

    private static int vmid(String s) {
        if (!s.matches("\\d+") || Long.parseLong(s) < 100 || Long.parseLong(s) > 999_999_999) {
            throw param("vmid", "value must have a minimum value of 100");
        }
        return Integer.parseInt(s);
    }

    private SimVm existing(int vmid) {
        SimVm vm = vms.get(vmid);
        if (vm == null) throw fail("Configuration file 'nodes/" + NODE + "/qemu-server/" + vmid + ".conf' does not exist");
        return vm;
    }

    private SimVm unlocked(int vmid) {
        SimVm vm = existing(vmid);
        if (vm.lock != null) throw fail("VM is locked (" + vm.lock + ")");
        return vm;
    }

    private int nextId() {
        int id = 100;
        while (vms.containsKey(id)) id++;
        return id;
    }

    // ---- tasks

    private String task(String type, int vmid, long millis, Supplier<String> finish) {
        long now = System.currentTimeMillis();
        String upid = String.format("UPID:%s:%08X:%08X:%08X:%s:%d:%s:", NODE, ++pid, pid * 7, now / 1000, type, vmid, TOKEN_ID);
        running.put(upid, new SimTask(upid, type, vmid, now + millis, finish));
        return upid;
    }

    /** Ends the tasks whose time has come, applying what they do, in the order they were started. */
    private void tick() {
        long now = System.currentTimeMillis();
        for (var it = running.values().iterator(); it.hasNext(); ) {
            SimTask t = it.next();
            if (t.endsAt() <= now) {
                it.remove();
                String exit;
                try {
                    exit = t.finish().get();
                } catch (Fail f) {
                    exit = f.getMessage();
                }
                finished.put(t.upid(), exit);
            }
        }
    }

    private Map<String, Object> taskStatus(String upid) {
        String[] f = upid.split(":");
        if (f.length < 8 || !f[0].equals("UPID")) throw fail("unable to parse worker upid '" + upid + "'");
        SimTask t = running.get(upid);
        String exit = finished.get(upid);
        if (t == null && exit == null) throw fail("unable to open file '/var/log/pve/tasks/" + f[3].charAt(7) + "/" + upid + "' - No such file or directory");
        var out = new LinkedHashMap<String, Object>();
        out.put("upid", upid);
        out.put("node", f[1]);
        out.put("pid", Integer.parseInt(f[2], 16));
        out.put("pstart", Integer.parseInt(f[3], 16));
        out.put("starttime", Long.parseLong(f[4], 16));
        out.put("type", f[5]);
        out.put("id", f[6]);
        out.put("user", f[7]);
        out.put("status", t != null ? "running" : "stopped");
        if (t == null) out.put("exitstatus", exit);
        return out;
    }

    // ---- VMs

    private List<Map<String, Object>> list() {
        var out = new ArrayList<Map<String, Object>>();
        for (SimVm vm : vms.values()) {
            Map<String, Object> v = current(vm);
            if (vm.template) v.put("template", 1);
            out.add(v);
        }
        return out;
    }

    private Map<String, Object> current(SimVm vm) {
        var out = new LinkedHashMap<String, Object>();
        out.put("vmid", vm.vmid);
        out.put("name", vm.config.get("name"));
        out.put("status", vm.running ? "running" : "stopped");
        if (vm.running) out.put("qmpstatus", "running");
        out.put("cpus", Integer.parseInt(vm.config.getOrDefault("cores", "1")));
        out.put("maxmem", Long.parseLong(vm.config.getOrDefault("memory", "512")) * 1024 * 1024);
        out.put("maxdisk", diskBytes(vm.config.get("scsi0")));
        long up = vm.running ? Math.max(1, (System.currentTimeMillis() - vm.startedAt) / 1000) : 0;
        out.put("uptime", up);
        // Tap counters since the VM started: a fixed rate per millisecond of uptime, so they grow between readings.
        long ms = vm.running ? System.currentTimeMillis() - vm.startedAt + 1 : 0;
        out.put("netin", ms * RATE_IN / 1000);
        out.put("netout", ms * RATE_OUT / 1000);
        if (vm.lock != null) out.put("lock", vm.lock);
        return out;
    }

    private static Map<String, Object> config(SimVm vm) {
        var out = new LinkedHashMap<String, Object>(vm.config);
        out.put("digest", digest(vm));
        return out;
    }

    private static String digest(SimVm vm) {
        try {
            return HexFormat.of().formatHex(MessageDigest.getInstance("SHA-1").digest(vm.config.toString().getBytes(StandardCharsets.UTF_8)));
        } catch (java.security.NoSuchAlgorithmException e) {
            throw new IllegalStateException(e);
        }
    }

    private String setConfig(SimVm vm, Map<String, String> q) {
        for (String k : q.keySet()) if (!CONFIG_KEYS.contains(k)) throw param(k, "property is not defined in schema and the schema does not allow additional properties");
        for (String k : List.of("cores", "sockets")) {
            if (q.containsKey(k) && !q.get(k).matches("[1-9]\\d{0,2}")) throw param(k, "type check ('integer') failed - got '" + q.get(k) + "'");
        }
        if (q.containsKey("memory") && !(q.get("memory").matches("(current=)?\\d+") && Long.parseLong(q.get("memory").replace("current=", "")) >= 16)) {
            throw param("memory", "invalid format - value must be at least 16");
        }
        if (q.containsKey("sshkeys") && !URLENCODED.matcher(q.get("sshkeys")).matches()) {
            throw param("sshkeys", "invalid urlencoded string: " + q.get("sshkeys"));
        }
        if (q.containsKey("ipconfig0")) {
            for (String part : q.get("ipconfig0").split(",")) {
                if (!part.matches("(ip=(dhcp|[0-9.]+/\\d{1,2})|gw=[0-9.]+|ip6=(dhcp|auto|[0-9a-fA-F:]+/\\d{1,3})|gw6=[0-9a-fA-F:]+)")) {
                    throw param("ipconfig0", "invalid format - format error\nipconfig0." + part + ": invalid format");
                }
            }
        }
        if (vm.lock != null) throw fail("VM is locked (" + vm.lock + ")");
        if (q.containsKey("digest") && !q.get("digest").equals(digest(vm))) {
            throw fail("detected modified configuration - file changed by other user? Try again.");
        }
        for (String d : q.getOrDefault("delete", "").split("[,;\\s]+")) if (!d.isEmpty()) vm.config.remove(d);
        q.forEach((k, v) -> {
            if (Set.of("delete", "digest", "node", "vmid").contains(k)) return;
            // PVE keeps the password only as a hash (and shows it masked); the keys stay URL-encoded, as sent.
            vm.config.put(k, k.equals("cipassword") ? "**********" : v);
        });
        return task("qmconfig", vm.vmid, taskMillis / 2, () -> "OK");
    }

    private String resize(SimVm vm, Map<String, String> q) {
        String disk = q.get("disk");
        if (disk == null) throw param("disk", "property is missing and it is not optional");
        String size = q.getOrDefault("size", "");
        if (!SIZE.matcher(size).matches()) throw param("size", "value does not match the regex pattern");
        if (vm.lock != null) throw fail("VM is locked (" + vm.lock + ")");
        String drive = vm.config.get(disk);
        if (drive == null) throw fail("disk '" + disk + "' does not exist");
        long current = diskBytes(drive);
        long target = size.startsWith("+") ? current + bytes(size.substring(1)) : bytes(size);
        if (target < current) throw fail("shrinking disks is not supported");
        return task("resize", vm.vmid, taskMillis, () -> {
            vm.config.put(disk, drive.replaceAll("size=[^,]*", "size=" + (target % (1L << 30) == 0 ? target / (1L << 30) + "G" : target + "")));
            return "OK";
        });
    }

    private String clone(SimVm source, Map<String, String> q) {
        for (String k : q.keySet()) {
            if (!Set.of("newid", "name", "full", "storage", "description", "pool", "target", "format").contains(k)) {
                throw param(k, "property is not defined in schema and the schema does not allow additional properties");
            }
        }
        if (!q.containsKey("newid")) throw param("newid", "property is missing and it is not optional");
        int newid = vmid(q.get("newid"));
        String name = q.get("name");
        if (name != null && !name.matches("[a-zA-Z0-9]([a-zA-Z0-9-]*[a-zA-Z0-9])?(\\.[a-zA-Z0-9]([a-zA-Z0-9-]*[a-zA-Z0-9])?)*")) {
            throw param("name", "value does not look like a valid DNS name");
        }
        boolean full = !"0".equals(q.get("full")) || !source.template;
        if (source.lock != null) throw fail("VM is locked (" + source.lock + ")");
        if (vms.containsKey(newid)) throw fail("unable to create VM " + newid + ": config file already exists");
        SimVm vm = new SimVm(newid);
        vm.lock = "clone";
        vm.config.put("name", name == null ? "Copy-of-VM-" + source.config.get("name") : name);
        vms.put(newid, vm);
        String failure = failsClone.get(source.vmid);
        return task("qmclone", source.vmid, taskMillis * 2, () -> {
            if (failure != null) {
                vms.remove(newid); // PVE removes the half-made VM when a clone fails
                return "clone failed: " + failure;
            }
            source.config.forEach((k, v) -> {
                if (k.equals("template") || k.equals("name")) return;
                String storage = q.containsKey("storage") && k.equals("scsi0") ? q.get("storage") : null;
                String value = v.replace("base-" + source.vmid + "-", "vm-" + newid + "-").replace("vm-" + source.vmid + "-", "vm-" + newid + "-");
                if (storage != null) value = storage + value.substring(value.indexOf(':'));
                vm.config.put(k, value);
            });
            if (!full) vm.config.put("scsi0", vm.config.get("scsi0").replace(":vm-", ":base-" + source.vmid + "-disk-0/vm-"));
            vm.generation = ++generations;
            vm.lock = null;
            return "OK";
        });
    }

    private String start(SimVm vm) {
        if (vm.template) throw fail("you can't start a vm if it's a template");
        if (vm.running) throw fail("VM " + vm.vmid + " already running");
        return task("qmstart", vm.vmid, taskMillis, () -> {
            if (failsStart.contains(vm.vmid)) return "start failed: QEMU exited with code 1";
            vm.running = true;
            vm.startedAt = System.currentTimeMillis();
            return "OK";
        });
    }

    private String stop(SimVm vm) {
        return task("qmstop", vm.vmid, taskMillis, () -> {
            vm.running = false;
            return "OK";
        });
    }

    private String shutdown(SimVm vm, Map<String, String> q, boolean reboot) {
        if (!vm.running) throw fail("VM " + vm.vmid + " not running");
        long timeout = Long.parseLong(q.getOrDefault("timeout", reboot ? "600" : "180"));
        if (ignoresShutdown.contains(vm.vmid)) {
            return task(reboot ? "qmreboot" : "qmshutdown", vm.vmid, timeout * 1000, () -> "VM quit/powerdown failed - got timeout");
        }
        return task(reboot ? "qmreboot" : "qmshutdown", vm.vmid, taskMillis, () -> {
            vm.running = reboot;
            if (reboot) vm.startedAt = System.currentTimeMillis();
            return "OK";
        });
    }

    private String destroy(SimVm vm) {
        if (vm.running) throw fail("VM " + vm.vmid + " is running - destroy failed");
        if (vm.template && vms.values().stream().anyMatch(v -> v.config.getOrDefault("scsi0", "").contains("base-" + vm.vmid + "-"))) {
            throw fail("base volume is in use by linked clone");
        }
        vm.lock = "destroyed";
        return task("qmdestroy", vm.vmid, taskMillis, () -> {
            vms.remove(vm.vmid);
            return "OK";
        });
    }

    private ArrayNode rrd(SimVm vm, Map<String, String> q) {
        if (!q.containsKey("timeframe")) throw param("timeframe", "property is missing and it is not optional");
        if (!List.of("hour", "day", "week", "month", "year").contains(q.get("timeframe"))) {
            throw param("timeframe", "value 'x' does not have a value in the enumeration 'hour, day, week, month, year'");
        }
        ArrayNode out = Json.MAPPER.createArrayNode();
        long now = System.currentTimeMillis() / 1000 / 60 * 60;
        for (int i = 69; i >= 0; i--) {
            long t = now - i * 60L;
            ObjectNode p = out.addObject();
            p.put("time", t);
            // Minutes before the VM ran have no data, as in PVE's RRD.
            if (vm.running && t * 1000 >= vm.startedAt - 60_000) {
                p.put("netin", (double) RATE_IN);
                p.put("netout", (double) RATE_OUT);
                p.put("maxmem", Long.parseLong(vm.config.getOrDefault("memory", "512")) * 1024 * 1024);
            }
        }
        return out;
    }

    private static long diskBytes(String drive) {
        if (drive == null) return 0;
        Matcher m = Pattern.compile("size=(\\d+(?:\\.\\d+)?[KMGT]?)").matcher(drive);
        return m.find() ? bytes(m.group(1)) : 0;
    }

    private static long bytes(String size) {
        char unit = size.charAt(size.length() - 1);
        String n = Character.isDigit(unit) ? size : size.substring(0, size.length() - 1);
        double v = Double.parseDouble(n);
        return (long) switch (unit) {
            case 'K' -> v * 1024;
            case 'M' -> v * 1024 * 1024;
            case 'G' -> v * (1L << 30);
            case 'T' -> v * (1L << 40);
            default -> v;
        };
    }
}
