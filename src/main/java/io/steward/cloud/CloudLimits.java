package io.steward.cloud;

import com.fasterxml.jackson.databind.JsonNode;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;

/**
 * A cloud service's resource limits and flavors, read from its module settings (the product's
 * {@code module_config}, copied to the service when ordered and replaced on a package change):
 * {@code {"cores": 4, "memory_mb": 4096, "disk_gb": 40, "vms": 3, "ipv4": 3, "ipv6": 0,
 * "flavors": {"small": {"cores": 1, "memory_mb": 512}}, "default_disk_gb": 5}}. Absent keys take
 * the defaults below; {@link #with} raises them by the service's configurable options. Pure: no
 * database, no clock.
 */
record CloudLimits(int cores, int memoryMb, int diskGb, int vms, int ipv4, int ipv6, Map<String, Flavor> flavors, int defaultDiskGb) {

    /** A named size: cores and memory. */
    record Flavor(String name, int cores, int memoryMb) {}

    static final Map<String, Flavor> DEFAULT_FLAVORS = flavors(List.of(new Flavor("small", 1, 512), new Flavor("medium", 2, 1024),
            new Flavor("large", 4, 2048)));

    static CloudLimits of(JsonNode config) {
        Map<String, Flavor> flavors = DEFAULT_FLAVORS;
        JsonNode f = config == null ? null : config.get("flavors");
        if (f != null && f.isObject() && f.size() > 0) {
            var list = new java.util.ArrayList<Flavor>();
            f.fields().forEachRemaining(e -> list.add(new Flavor(e.getKey(), Math.max(1, e.getValue().path("cores").asInt(1)),
                    Math.max(16, e.getValue().path("memory_mb").asInt(512)))));
            flavors = flavors(list);
        }
        return new CloudLimits(num(config, "cores", 2), num(config, "memory_mb", 2048), num(config, "disk_gb", 20), num(config, "vms", 2),
                num(config, "ipv4", 2), num(config, "ipv6", 0), flavors, Math.max(1, num(config, "default_disk_gb", 5)));
    }

    /** The limit keys a configurable option's module value may name. */
    static final List<String> KEYS = List.of("cores", "memory_mb", "disk_gb", "vms", "ipv4", "ipv6");
    private static final java.util.regex.Pattern TERM = java.util.regex.Pattern.compile("(cores|memory_mb|disk_gb|vms|ipv4|ipv6)\\s*(\\+?=)\\s*(\\d{1,7})");

    /**
     * These limits raised by the service's configurable options. Each option's module value may
     * hold terms separated by commas, spaces or semicolons: {@code key=N} sets the limit to N,
     * {@code key+=N} adds N per unit (the number of a quantity or slider, else once), e.g.
     * {@code cores+=1} on an "Extra cores" quantity. Sets apply first (the last one wins), then
     * every addition; other text (another module's values) is ignored.
     */
    CloudLimits with(List<io.steward.upgrade.ServiceOptions.Chosen> options) {
        var value = new LinkedHashMap<String, Long>();
        value.put("cores", (long) cores);
        value.put("memory_mb", (long) memoryMb);
        value.put("disk_gb", (long) diskGb);
        value.put("vms", (long) vms);
        value.put("ipv4", (long) ipv4);
        value.put("ipv6", (long) ipv6);
        var adds = new LinkedHashMap<String, Long>();
        for (var o : options) {
            var m = TERM.matcher(o.moduleValue() == null ? "" : o.moduleValue());
            while (m.find()) {
                long n = Long.parseLong(m.group(3));
                if (m.group(2).equals("=")) value.put(m.group(1), n);
                else adds.merge(m.group(1), n * Math.max(0, o.units()), Long::sum);
            }
        }
        adds.forEach((k, n) -> value.merge(k, n, Long::sum));
        java.util.function.Function<String, Integer> at = k -> (int) Math.min(Integer.MAX_VALUE, value.get(k));
        return new CloudLimits(at.apply("cores"), at.apply("memory_mb"), at.apply("disk_gb"), at.apply("vms"), at.apply("ipv4"),
                at.apply("ipv6"), flavors, defaultDiskGb);
    }

    private static int num(JsonNode config, String key, int fallback) {
        JsonNode n = config == null ? null : config.get(key);
        if (n == null || n.isNull()) return fallback;
        int v = n.isNumber() ? n.asInt() : n.asText().matches("\\d{1,9}") ? Integer.parseInt(n.asText()) : fallback;
        return Math.max(0, v);
    }

    private static Map<String, Flavor> flavors(List<Flavor> list) {
        var m = new LinkedHashMap<String, Flavor>();
        for (Flavor f : list) m.put(f.name(), f);
        return java.util.Collections.unmodifiableMap(m);
    }

    /** What the service's VMs use now (a VM being created or deleted counts until it is gone). */
    record Use(int cores, int memoryMb, int diskGb, int vms, int ipv4, int ipv6) {
        static Use of(List<CloudVm> vms) {
            int c = 0, m = 0, d = 0, v4 = 0, v6 = 0;
            for (CloudVm vm : vms) {
                c += vm.cores();
                m += vm.memoryMb();
                d += vm.diskGb();
                for (String a : vm.addresses()) if (a.contains(":")) v6++; else v4++;
            }
            return new Use(c, m, d, vms.size(), v4, v6);
        }
    }

    /**
     * Why a VM of this size (with one address of each family the service may have) does not fit
     * next to {@code use}, or null when it fits. {@code replacing} is a VM being resized (its own
     * size does not count twice), or null.
     */
    String refusal(Use use, int cores, int memoryMb, int diskGb, CloudVm replacing) {
        int c = use.cores(), m = use.memoryMb(), d = use.diskGb(), n = use.vms() + 1;
        if (replacing != null) {
            c -= replacing.cores();
            m -= replacing.memoryMb();
            d -= replacing.diskGb();
            n -= 1;
        }
        if (n > vms) return "VM limit reached: this service may have " + vms + " VM" + (vms == 1 ? "" : "s");
        if (c + cores > this.cores) return "Not enough CPU cores left: " + Math.max(0, this.cores - c) + " of " + this.cores + " free, " + cores + " asked";
        if (m + memoryMb > this.memoryMb) {
            return "Not enough memory left: " + Math.max(0, this.memoryMb - m) + " MB of " + this.memoryMb + " MB free, " + memoryMb + " MB asked";
        }
        if (d + diskGb > this.diskGb) return "Not enough disk space left: " + Math.max(0, this.diskGb - d) + " GB of " + this.diskGb + " GB free, " + diskGb + " GB asked";
        if (replacing == null && ipv4 > 0 && use.ipv4() + 1 > ipv4) return "IPv4 address limit reached: " + ipv4 + " in use";
        return null;
    }

    /** Addresses a new VM takes: one IPv4 when the service may have IPv4 addresses, one IPv6 while IPv6 addresses are left. */
    int[] addressesFor(Use use) {
        return new int[] {ipv4 > 0 ? 1 : 0, ipv6 > 0 && use.ipv6() < ipv6 ? 1 : 0};
    }
}
