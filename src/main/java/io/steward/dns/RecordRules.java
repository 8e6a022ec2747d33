package io.steward.dns;

import io.steward.core.Validation;
import java.net.URI;
import java.util.List;
import java.util.Locale;
import java.util.Set;
import java.util.regex.Pattern;
import org.xbill.DNS.Address;

/**
 * Validation and normalisation of one record, per type; pure. Names are accepted relative to the
 * zone ({@code www}, {@code @}, empty for the apex) or fully qualified (with or without the final
 * dot) and stored fully qualified, lower case, without the dot. Rules that need the zone's other
 * records (CNAME exclusivity, the last apex NS) are {@link DnsService}'s.
 *
 * <p>Content by type: A/AAAA an address literal (RFC 1035 §3.4.1, RFC 3596); CNAME, NS, PTR, MX a
 * host name (RFC 1035 §3.3); TXT printable ASCII, split into 255-byte strings on the wire (RFC 1035
 * §3.3.14), one double-quoted string taken as the text inside ({@link #unquotedText}); SRV
 * {@code weight port target} (RFC 2782; the client API's {@code [weight, port, target]} array), its
 * priority in {@code priority}; CAA {@code flags tag "value"} (RFC 8659); URL and FRAME an http(s)
 * address the forwarding listener sends visitors to (URL: {@code priority} 302 for a temporary
 * redirect, anything else 301); MXE ("MX with an IP address") an IPv4 address, served as an MX at
 * the name, preference {@code priority}, pointing to the synthesized host {@link #mxeHost mx.NAME},
 * which answers A with that address.
 */
public final class RecordRules {
    public static final List<String> TYPES = List.of("A", "AAAA", "CNAME", "MX", "TXT", "SRV", "CAA", "NS", "PTR", "URL", "FRAME", "MXE", "SOA");
    /** Types a client may create; SOA is the zone's own. */
    public static final Set<String> CREATABLE = Set.of("A", "AAAA", "CNAME", "MX", "TXT", "SRV", "CAA", "NS", "PTR", "URL", "FRAME", "MXE");
    private static final Pattern LABEL = Pattern.compile("[a-z0-9_]([a-z0-9_-]{0,61}[a-z0-9_])?");
    private static final Pattern CAA_TAG = Pattern.compile("[a-z0-9]{1,15}");

    /** TTL bounds and default, from {@code dns.min-ttl}, {@code dns.max-ttl}, {@code dns.default-ttl}. */
    public record Limits(int minTtl, int maxTtl, int defaultTtl) {}

    private final Limits limits;

    public RecordRules(Limits limits) {
        this.limits = limits;
    }

    /** The record {@code in} describes in {@code zone}, or a validation error naming the fields. */
    public DnsRecord normalise(String zone, RecordInput in) {
        var v = new Validation();
        String type = in.type() == null ? "" : in.type().trim().toUpperCase(Locale.ROOT);
        if (!CREATABLE.contains(type)) {
            v.add("type", type.equals("SOA") ? "The SOA record is managed by the zone and cannot be added"
                    : "Type must be one of " + String.join(", ", CREATABLE.stream().sorted().toList()));
            v.throwIfAny();
        }
        String name = ownerName(zone, in.name(), v);
        int ttl = in.ttl() == null ? limits.defaultTtl() : in.ttl();
        v.check(ttl >= limits.minTtl() && ttl <= limits.maxTtl(), "ttl", "TTL must be between " + limits.minTtl() + " and " + limits.maxTtl() + " seconds");
        int priority = in.priority() == null ? 0 : in.priority();
        String content = content(type, in, priority, v);
        if (type.equals("MX") || type.equals("SRV") || type.equals("MXE")) {
            v.check(priority >= 0 && priority <= 65535, "priority", "Priority must be between 0 and 65535");
        } else if (!type.equals("URL")) {
            priority = 0;
        }
        if (name != null && name.equals(zone)) {
            v.check(!type.equals("CNAME"), "name", "A CNAME cannot be at the zone apex (the apex holds SOA and NS)");
        }
        if (type.equals("SRV") && name != null) v.check(name.startsWith("_"), "name", "An SRV name starts with _service._proto");
        if (type.equals("MXE") && name != null) {
            v.check(!name.startsWith("*."), "name", "An MXE record cannot be at a wildcard name (its mail exchanger mx.NAME must be a real name)");
            v.check(mxeHost(name).length() <= 253, "name", "The name is too long for its mail exchanger mx.NAME");
        }
        v.throwIfAny();
        return new DnsRecord(0, 0, name, type, ttl, priority, content);
    }

    /**
     * The mail exchanger an MXE record at {@code owner} points to: {@code mx.} and the owner. The
     * DNS server answers it with the MXE's address, so the name holds no records of its own.
     */
    public static String mxeHost(String owner) {
        return "mx." + owner;
    }

    /** The owner name whose MXE record {@code name} would be the mail exchanger of, or null. */
    static String mxeOwner(String name) {
        return name.startsWith("mx.") ? name.substring(3) : null;
    }

    /** The owner's full name, or null (with an error) when it is not a name in the zone. */
    static String ownerName(String zone, String raw, Validation v) {
        String n = raw == null ? "" : raw.trim().toLowerCase(Locale.ROOT);
        if (n.isEmpty() || n.equals("@")) return zone;
        boolean absolute = n.endsWith(".");
        if (absolute) n = n.substring(0, n.length() - 1);
        String full;
        if (n.equals(zone) || n.endsWith("." + zone)) full = n;
        else if (absolute) {
            v.add("name", "The name " + raw.trim() + " is not in the zone " + zone);
            return null;
        } else full = n + "." + zone;
        if (!ownerSyntax(full)) {
            v.add("name", "Invalid record name: labels of letters, digits, '-' and '_', at most 63 characters, '*' only as the first label");
            return null;
        }
        return full;
    }

    private static boolean ownerSyntax(String full) {
        if (full.length() > 253) return false;
        String[] labels = full.split("\\.", -1);
        for (int i = 0; i < labels.length; i++) {
            if (i == 0 && labels[i].equals("*")) continue;
            if (!LABEL.matcher(labels[i]).matches()) return false;
        }
        return true;
    }

    /** A host name (target of CNAME, MX, NS, PTR, SRV): lower case, no final dot; null if invalid. */
    static String hostName(String raw) {
        if (raw == null) return null;
        String n = raw.trim().toLowerCase(Locale.ROOT);
        if (n.endsWith(".")) n = n.substring(0, n.length() - 1);
        if (n.isEmpty() || n.length() > 253) return null;
        for (String label : n.split("\\.", -1)) if (!LABEL.matcher(label).matches()) return null;
        return n;
    }

    /** A zone name a client may create: a host name of at least two labels, not an IP address. */
    public static String zoneName(String raw, Validation v) {
        String n = hostName(raw);
        if (n == null || !n.contains(".") || n.contains("_") || n.matches("[0-9.]+")) {
            v.add("name", "Zone name must be a domain name such as example.com");
            return null;
        }
        return n;
    }

    private String content(String type, RecordInput in, int priority, Validation v) {
        String c = in.content() == null ? "" : in.content().trim();
        switch (type) {
            case "A", "MXE" -> {
                if (Address.isDottedQuad(c) && Address.toByteArray(c, Address.IPv4) != null) return c;
                v.add("content", "An " + type + " record needs an IPv4 address such as 192.0.2.1");
            }
            case "AAAA" -> {
                byte[] b = c.contains(":") ? Address.toByteArray(c, Address.IPv6) : null;
                if (b != null) return c.toLowerCase(Locale.ROOT);
                v.add("content", "An AAAA record needs an IPv6 address such as 2001:db8::1");
            }
            case "CNAME", "NS", "PTR", "MX" -> {
                String host = hostName(c);
                if (host != null) return host;
                v.add("content", "A " + type + " record needs a host name such as mail.example.com");
            }
            case "TXT" -> {
                c = unquotedText(c);
                if (c.isEmpty() || c.length() > 4000) v.add("content", "TXT content must be 1 to 4000 characters");
                else if (!c.chars().allMatch(ch -> ch >= 0x20 && ch <= 0x7e)) v.add("content", "TXT content must be printable ASCII");
                else return c;
            }
            case "SRV" -> {
                List<String> p = in.parts() != null ? in.parts() : List.of(c.split("\\s+"));
                if (p.size() != 3) {
                    v.add("content", "SRV content is [weight, port, target]");
                    return null;
                }
                Integer weight = number(p.get(0)), port = number(p.get(1));
                String target = p.get(2).trim().equals(".") ? "." : hostName(p.get(2));
                if (weight == null || weight > 65535) v.add("content", "SRV weight must be between 0 and 65535");
                if (port == null || port > 65535) v.add("content", "SRV port must be between 0 and 65535");
                if (target == null) v.add("content", "SRV target must be a host name");
                if (weight != null && port != null && target != null && weight <= 65535 && port <= 65535) return weight + " " + port + " " + target;
            }
            case "CAA" -> {
                String[] p = c.split("\\s+", 3);
                Integer flags = p.length == 3 ? number(p[0]) : null;
                String tag = p.length == 3 ? p[1].toLowerCase(Locale.ROOT) : "";
                String value = p.length == 3 ? unquote(p[2]) : null;
                if (flags == null || flags > 255 || !CAA_TAG.matcher(tag).matches() || value == null || value.length() > 255
                        || !value.chars().allMatch(ch -> ch >= 0x20 && ch <= 0x7e && ch != '"')) {
                    v.add("content", "CAA content is: flags tag \"value\", e.g. 0 issue \"letsencrypt.org\"");
                } else return flags + " " + tag + " \"" + value + "\"";
            }
            case "URL", "FRAME" -> {
                if (url(c)) return c;
                v.add("content", "A " + type + " record needs an http:// or https:// address");
            }
            default -> v.add("type", "Unsupported type");
        }
        return null;
    }

    /**
     * TXT content in the form the zone listing shows it (one double-quoted string, {@code \"} and
     * {@code \\} escaped) is read as the text inside, so a listed record sent back is unchanged;
     * anything else (several quoted strings, a bare quote inside) is the text as given.
     */
    static String unquotedText(String c) {
        if (c.length() < 2 || c.charAt(0) != '"' || c.charAt(c.length() - 1) != '"') return c;
        var out = new StringBuilder(c.length());
        for (int i = 1; i < c.length() - 1; i++) {
            char ch = c.charAt(i);
            if (ch == '\\' && i + 1 < c.length() - 1) ch = c.charAt(++i);
            else if (ch == '"') return c;
            out.append(ch);
        }
        return out.toString();
    }

    private static boolean url(String c) {
        if (c.length() > 2000) return false;
        try {
            URI u = new URI(c);
            return u.getScheme() != null && (u.getScheme().equalsIgnoreCase("http") || u.getScheme().equalsIgnoreCase("https"))
                    && u.getHost() != null && !u.getHost().isEmpty();
        } catch (java.net.URISyntaxException e) {
            return false;
        }
    }

    private static String unquote(String s) {
        s = s.trim();
        if (s.length() >= 2 && s.startsWith("\"") && s.endsWith("\"")) return s.substring(1, s.length() - 1);
        return s.contains(" ") || s.contains("\"") ? null : s;
    }

    private static Integer number(String s) {
        try {
            int n = Integer.parseInt(s.trim());
            return n < 0 ? null : n;
        } catch (NumberFormatException e) {
            return null;
        }
    }
}
