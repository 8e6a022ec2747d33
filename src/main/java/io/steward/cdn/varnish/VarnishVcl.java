package io.steward.cdn.varnish;

import io.steward.cdn.CdnModule;
import java.util.List;

/**
 * The VCL an edge runs for a set of resources: one backend per resource (its origin), requests
 * routed by Host, anything else 404. Every cached object is tagged with its resource's hostname
 * ({@code X-Steward-Host}, not sent to clients), so a purge is one ban on that tag: an HTTP
 * {@code BAN} request from an address of the purgers' ACL naming the hostname in
 * {@code X-Steward-Ban-Host}. Bans on {@code obj.*} are checked by the ban lurker too, so the
 * memory goes as well.
 */
final class VarnishVcl {
    static final String BAN_HEADER = "X-Steward-Ban-Host";

    private VarnishVcl() {}

    /** {@code purgers}: addresses (IPv4, IPv6, or CIDR) allowed to send BAN. Names and origins are validated by the CDN feature. */
    static String of(List<CdnModule.Resource> resources, List<String> purgers) {
        var b = new StringBuilder(1024);
        b.append("vcl 4.1;\n\nimport std;\n\n# Written by Steward's varnish CDN module; every apply replaces it.\n\nbackend default none;\n\n");
        for (int i = 0; i < resources.size(); i++) {
            var r = resources.get(i);
            b.append("backend r").append(i).append(" {\n    .host = \"").append(r.originHost()).append("\";\n    .port = \"")
                    .append(r.originPort()).append("\";\n}\n");
        }
        b.append("\nacl steward_purgers {\n");
        for (String p : purgers) {
            int slash = p.indexOf('/');
            if (slash < 0) b.append("    \"").append(p).append("\";\n");
            else b.append("    \"").append(p, 0, slash).append("\"").append(p.substring(slash)).append(";\n");
        }
        b.append("}\n\nsub vcl_recv {\n");
        b.append("    set req.http.host = std.tolower(regsub(req.http.host, \":[0-9]+$\", \"\"));\n");
        b.append("    if (req.method == \"BAN\") {\n");
        b.append("        if (client.ip !~ steward_purgers) {\n            return (synth(403, \"Forbidden\"));\n        }\n");
        b.append("        if (!req.http.").append(BAN_HEADER).append(") {\n            return (synth(400, \"").append(BAN_HEADER)
                .append(" missing\"));\n        }\n");
        b.append("        ban(\"obj.http.X-Steward-Host == \" + req.http.").append(BAN_HEADER).append(");\n");
        b.append("        return (synth(200, \"Banned\"));\n    }\n");
        for (int i = 0; i < resources.size(); i++) {
            b.append(i == 0 ? "    if" : " elsif").append(" (req.http.host == \"").append(resources.get(i).name()).append("\") {\n")
                    .append("        set req.backend_hint = r").append(i).append(";\n    }");
        }
        if (resources.isEmpty()) b.append("    return (synth(404, \"Unknown CDN resource\"));\n");
        else b.append(" else {\n        return (synth(404, \"Unknown CDN resource\"));\n    }\n");
        b.append("}\n\nsub vcl_backend_response {\n    set beresp.http.X-Steward-Host = bereq.http.host;\n}\n\n");
        b.append("sub vcl_deliver {\n    unset resp.http.X-Steward-Host;\n}\n");
        return b.toString();
    }
}
