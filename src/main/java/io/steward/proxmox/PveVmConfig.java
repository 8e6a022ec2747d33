package io.steward.proxmox;

import com.fasterxml.jackson.databind.JsonNode;
import java.util.ArrayList;
import java.util.Arrays;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;
import java.util.Optional;
import java.util.regex.Matcher;
import java.util.regex.Pattern;

/**
 * A VM's configuration as {@code GET /nodes/{node}/qemu/{vmid}/config} answers it (key to value,
 * values in PVE's property-string syntax), with the few readings the driver needs: limits, the
 * boot order, the rescue CD, the addresses cloud-init was given, and the notes Steward keeps in
 * the description.
 */
record PveVmConfig(Map<String, String> values) {
    /** IDE slots a rescue CD may take, cloud-init's usual ide2 last but one so a template's cloud-init drive is kept. */
    static final List<String> CD_SLOTS = List.of("ide3", "ide2", "ide1", "ide0");
    private static final Pattern SIZE = Pattern.compile("(?:^|,)size=(\\d+(?:\\.\\d+)?)([KMGT]?)(?:,|$)");
    private static final String NOTE = "steward ";

    static PveVmConfig of(JsonNode data) {
        var m = new LinkedHashMap<String, String>();
        data.fields().forEachRemaining(e -> m.put(e.getKey(), e.getValue().asText()));
        return new PveVmConfig(m);
    }

    String get(String key) {
        return values.get(key);
    }

    String name() {
        return values.get("name");
    }

    int cores() {
        return Integer.parseInt(values.getOrDefault("cores", "1")) * Integer.parseInt(values.getOrDefault("sockets", "1"));
    }

    /** {@code memory} is {@code [current=]<MiB>} since PVE 8.1, a plain number before. */
    int memoryMb() {
        String m = values.getOrDefault("memory", "512");
        for (String part : m.split(",")) {
            String p = part.startsWith("current=") ? part.substring(8) : part;
            if (p.matches("\\d+")) return Integer.parseInt(p);
        }
        return 512;
    }

    /** The disk's size in GiB, rounded up; 0 when the disk or its size is missing. */
    int diskGb(String disk) {
        String d = values.get(disk);
        if (d == null) return 0;
        Matcher m = SIZE.matcher(d);
        if (!m.find()) return 0;
        double n = Double.parseDouble(m.group(1));
        double gib = switch (m.group(2)) {
            case "T" -> n * 1024;
            case "M" -> n / 1024;
            case "K" -> n / (1024 * 1024);
            case "" -> n / (1024.0 * 1024 * 1024);
            default -> n;
        };
        return (int) Math.ceil(gib - 1e-9);
    }

    /** The devices of {@code boot: order=a;b;c}; for the legacy form, the {@code bootdisk}. */
    List<String> bootOrder() {
        String boot = values.get("boot");
        if (boot != null) {
            for (String part : boot.split(",")) {
                if (part.startsWith("order=")) return new ArrayList<>(Arrays.asList(part.substring(6).split(";")));
            }
        }
        String bootdisk = values.get("bootdisk");
        return bootdisk == null ? new ArrayList<>() : new ArrayList<>(List.of(bootdisk));
    }

    /** The slot holding the rescue ISO as a CD, if it is inserted. */
    Optional<String> rescueSlot(String rescueIso) {
        if (rescueIso == null) return Optional.empty();
        return CD_SLOTS.stream().filter(s -> {
            String v = values.get(s);
            return v != null && v.startsWith(rescueIso + ",") && v.contains("media=cdrom");
        }).findFirst();
    }

    Optional<String> freeCdSlot() {
        return CD_SLOTS.stream().filter(s -> !values.containsKey(s)).findFirst();
    }

    /** The addresses of {@code ipconfig0} ({@code ip=203.0.113.5/24,gw=...,ip6=...}), without prefix lengths. */
    List<String> addresses() {
        var out = new ArrayList<String>();
        String ip = values.get("ipconfig0");
        if (ip == null) return out;
        for (String part : ip.split(",")) {
            if ((part.startsWith("ip=") || part.startsWith("ip6=")) && !part.endsWith("=dhcp") && !part.endsWith("=auto")) {
                String a = part.substring(part.indexOf('=') + 1);
                out.add(a.contains("/") ? a.substring(0, a.indexOf('/')) : a);
            }
        }
        return out;
    }

    /** The {@code net0} with its bridge set to {@code bridge}, keeping model, MAC and options; null when unchanged. */
    String net0OnBridge(String bridge) {
        String net = values.get("net0");
        if (net == null) return "virtio,bridge=" + bridge;
        if (net.matches("(.*,)?bridge=" + Pattern.quote(bridge) + "(,.*)?")) return null;
        return net.matches("(.*,)?bridge=[^,]*(,.*)?") ? net.replaceAll("bridge=[^,]*", "bridge=" + Matcher.quoteReplacement(bridge))
                : net + ",bridge=" + bridge;
    }

    /** Steward's note {@code steward <key>=<value>} in the description, if there. */
    Optional<String> note(String key) {
        String d = values.get("description");
        if (d == null) return Optional.empty();
        for (String line : d.split("\n")) {
            String l = line.strip();
            if (l.startsWith(NOTE + key + "=")) return Optional.of(l.substring(NOTE.length() + key.length() + 1));
        }
        return Optional.empty();
    }

    /** The description PVE shows for a VM Steward made: the template and build it came from. */
    static String description(String template, String build) {
        return "Managed by Steward: changes here may be undone.\n" + NOTE + "template=" + template + "\n"
                + (build == null ? "" : NOTE + "build=" + build + "\n");
    }
}
