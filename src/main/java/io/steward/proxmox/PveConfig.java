package io.steward.proxmox;

import io.steward.modules.ModuleSettings;
import java.time.Duration;
import java.util.Collections;
import java.util.LinkedHashMap;
import java.util.Map;

/**
 * One instance's settings, parsed. {@code templates} keeps the order staff wrote (clients see the
 * templates in that order); a malformed pair is left out, and the connection test names it.
 */
record PveConfig(String apiUrl, String node, String tokenId, String tokenSecret, String tlsFingerprint, Map<String, Integer> templates,
                 String badTemplates,
                 String storage, String bridge, String disk, String rescueIso, String ciUser, int ipv4Prefix, int ipv6Prefix,
                 Duration taskTimeout, Duration shutdownTimeout, Duration requestTimeout, boolean fullClone) {

    @Override
    public String toString() {
        return "PveConfig[" + apiUrl + ", node=" + node + ", token=" + tokenId + "]";
    }

    static PveConfig of(ModuleSettings s) {
        var templates = new LinkedHashMap<String, Integer>();
        var bad = new StringBuilder();
        for (String pair : s.string("templates").split(",")) {
            if (pair.isBlank()) continue;
            int eq = pair.indexOf('=');
            try {
                String id = pair.substring(0, eq).trim();
                int vmid = Integer.parseInt(pair.substring(eq + 1).trim());
                if (id.isEmpty() || vmid < 100) throw new IllegalArgumentException();
                templates.put(id, vmid);
            } catch (RuntimeException e) {
                bad.append(bad.isEmpty() ? "" : ", ").append(pair.trim());
            }
        }
        return new PveConfig(s.string("api_url"), s.string("node").trim(), s.string("token_id"), s.string("token_secret"),
                s.string("tls_fingerprint").trim(),
                Collections.unmodifiableMap(templates), bad.toString(), blankToNull(s.string("storage")), s.string("bridge").trim(),
                s.string("disk").trim(), blankToNull(s.string("rescue_iso")), s.string("ci_user").trim(), (int) s.integer("ipv4_prefix", 24),
                (int) s.integer("ipv6_prefix", 64), Duration.ofSeconds(Math.max(1, s.integer("task_timeout", 600))),
                Duration.ofSeconds(Math.max(1, s.integer("shutdown_timeout", 60))),
                Duration.ofSeconds(Math.max(1, s.integer("request_timeout", 30))), s.bool("full_clone"));
    }

    private static String blankToNull(String v) {
        return v == null || v.isBlank() ? null : v.trim();
    }
}
