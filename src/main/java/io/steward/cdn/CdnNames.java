package io.steward.cdn;

import io.steward.core.Validation;
import java.util.Locale;
import java.util.regex.Pattern;

/** The shapes a resource's hostname and origin must have before an edge is told about them. */
final class CdnNames {
    private static final Pattern LABEL = Pattern.compile("[a-z0-9]([a-z0-9-]{0,61}[a-z0-9])?");
    private static final Pattern IPV4 = Pattern.compile("(25[0-5]|2[0-4][0-9]|1[0-9][0-9]|[1-9]?[0-9])(\\.(25[0-5]|2[0-4][0-9]|1[0-9][0-9]|[1-9]?[0-9])){3}");

    private CdnNames() {}

    /** A hostname of two labels or more, lower-cased; null (with a message in {@code v}) when it is not one. */
    static String hostname(String raw, String field, Validation v) {
        String n = raw == null ? "" : raw.strip().toLowerCase(Locale.ROOT);
        if (n.endsWith(".")) n = n.substring(0, n.length() - 1);
        if (!isHostname(n) || !n.contains(".")) {
            v.add(field, "Must be a hostname such as cdn.example.com");
            return null;
        }
        return n;
    }

    static boolean isHostname(String n) {
        if (n.isEmpty() || n.length() > 253) return false;
        for (String label : n.split("\\.", -1)) if (!LABEL.matcher(label).matches()) return false;
        return true;
    }

    /**
     * An origin as {@code http://host:port} from {@code http://host[:port][/]} or {@code host[:port]}
     * (the edge fetches over plain HTTP; port 80 when none is given).
     */
    static String origin(String raw, Validation v) {
        String o = raw == null ? "" : raw.strip().toLowerCase(Locale.ROOT);
        if (o.startsWith("http://")) o = o.substring(7);
        if (o.endsWith("/")) o = o.substring(0, o.length() - 1);
        String host = o;
        int port = 80;
        int colon = o.lastIndexOf(':');
        if (colon > 0) {
            host = o.substring(0, colon);
            String p = o.substring(colon + 1);
            port = p.matches("[0-9]{1,5}") ? Integer.parseInt(p) : -1;
        }
        boolean ok = port >= 1 && port <= 65535 && (IPV4.matcher(host).matches() || isHostname(host)) && o.length() <= 280;
        if (!ok) {
            v.add("origin", "Must be an HTTP origin such as http://origin.example.com:8080");
            return null;
        }
        return "http://" + host + ":" + port;
    }
}
