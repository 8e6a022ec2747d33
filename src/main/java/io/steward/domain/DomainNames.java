package io.steward.domain;

import java.net.IDN;
import java.util.Locale;
import java.util.Optional;
import java.util.regex.Pattern;

/**
 * Domain and host name rules (RFC 1035 section 2.3.1 as relaxed by RFC 1123 section 2.1: letters,
 * digits and hyphens, labels of 1-63 characters not starting or ending with a hyphen, 253 in all).
 * Internationalised names are accepted in Unicode and kept in their ASCII (punycode) form
 * (RFC 5891).
 */
public final class DomainNames {
    private static final Pattern LABEL = Pattern.compile("[a-z0-9]([a-z0-9-]{0,61}[a-z0-9])?");

    private DomainNames() {}

    /** The name lower-cased and in ASCII form, or empty when it is not a valid domain name. */
    public static Optional<String> normalise(String raw) {
        if (raw == null) return Optional.empty();
        String s = raw.trim().toLowerCase(Locale.ROOT);
        if (s.endsWith(".")) s = s.substring(0, s.length() - 1);
        if (s.isEmpty()) return Optional.empty();
        try {
            s = IDN.toASCII(s, IDN.USE_STD3_ASCII_RULES);
        } catch (IllegalArgumentException e) {
            return Optional.empty();
        }
        return isHostName(s) && s.contains(".") ? Optional.of(s) : Optional.empty();
    }

    public static boolean isHostName(String s) {
        if (s == null || s.isEmpty() || s.length() > 253) return false;
        for (String label : s.split("\\.", -1)) if (!LABEL.matcher(label).matches()) return false;
        return true;
    }

    /** Whether {@code host} is {@code domain} or a name under it. */
    public static boolean isUnder(String host, String domain) {
        return host.equals(domain) || host.endsWith("." + domain);
    }

    /** An IPv4 or IPv6 address in its textual form (no host name lookups). */
    public static boolean isAddress(String s) {
        if (s == null || s.isBlank()) return false;
        if (s.matches("\\d{1,3}(\\.\\d{1,3}){3}")) {
            for (String p : s.split("\\.")) if (Integer.parseInt(p) > 255) return false;
            return true;
        }
        if (!s.contains(":") || !s.matches("[0-9a-fA-F:.]+")) return false;
        // A literal containing ':' is parsed without any name lookup.
        try {
            return java.net.InetAddress.getByName(s) instanceof java.net.Inet6Address;
        } catch (java.net.UnknownHostException e) {
            return false;
        }
    }
}
