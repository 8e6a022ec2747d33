package io.steward.ipam;

import io.steward.core.StewardException;
import io.steward.dns.ReverseSubnet;
import java.math.BigInteger;
import java.net.Inet4Address;
import java.net.InetAddress;
import java.net.UnknownHostException;
import java.util.List;
import java.util.Map;

/**
 * A subnet and the arithmetic on its addresses: offsets, the usable range, canonical text. Pure.
 *
 * <p>Usable addresses: an IPv4 subnet loses its network and broadcast addresses (RFC 919, 950),
 * except a /31 (RFC 3021) and a /32; an IPv6 subnet loses its first address, the subnet-router
 * anycast address (RFC 4291 §2.6.1), except a /127 (RFC 6164) and a /128.
 */
record IpNet(InetAddress network, int prefix) {
    static IpNet parse(String cidr, String field) {
        String t = cidr == null ? "" : cidr.trim();
        int slash = t.indexOf('/');
        InetAddress a = slash < 0 ? null : ReverseSubnet.literal(t.substring(0, slash));
        Integer p = slash < 0 ? null : digits(t.substring(slash + 1));
        if (a == null || p == null || p > a.getAddress().length * 8) {
            throw StewardException.invalid(Map.of(field, List.of("A subnet in CIDR notation is required, e.g. 192.0.2.0/24 or 2001:db8::/64")));
        }
        var net = new IpNet(a, p);
        InetAddress start = net.at(BigInteger.ZERO);
        if (!start.equals(a)) {
            throw StewardException.invalid(Map.of(field, List.of(text(a) + "/" + p + " has host bits set; the subnet is "
                    + text(start) + "/" + p)));
        }
        return net;
    }

    private static Integer digits(String s) {
        return s.matches("[0-9]{1,3}") ? Integer.parseInt(s) : null;
    }

    int family() {
        return network instanceof Inet4Address ? 4 : 6;
    }

    int bits() {
        return family() == 4 ? 32 : 128;
    }

    BigInteger size() {
        return BigInteger.ONE.shiftLeft(bits() - prefix);
    }

    String cidr() {
        return text(network) + "/" + prefix;
    }

    boolean contains(InetAddress a) {
        return a.getAddress().length == network.getAddress().length
                && number(a).shiftRight(bits() - prefix).equals(number(network).shiftRight(bits() - prefix));
    }

    /** Whether two subnets share an address. */
    boolean overlaps(IpNet other) {
        return other.family() == family() && (contains(other.network) || other.contains(network));
    }

    BigInteger offsetOf(InetAddress a) {
        return number(a).subtract(number(network));
    }

    InetAddress at(BigInteger offset) {
        BigInteger n = number(network).shiftRight(bits() - prefix).shiftLeft(bits() - prefix).add(offset);
        byte[] raw = n.toByteArray();
        byte[] out = new byte[bits() / 8];
        int copy = Math.min(raw.length, out.length);
        System.arraycopy(raw, raw.length - copy, out, out.length - copy, copy);
        try {
            return InetAddress.getByAddress(out);
        } catch (UnknownHostException e) {
            throw new IllegalStateException(e);
        }
    }

    /** The first offset handed out. */
    BigInteger firstUsable() {
        int host = bits() - prefix;
        return host <= 1 ? BigInteger.ZERO : BigInteger.ONE;
    }

    /** The last offset handed out. */
    BigInteger lastUsable() {
        int host = bits() - prefix;
        BigInteger last = size().subtract(BigInteger.ONE);
        return family() == 4 && host > 1 ? last.subtract(BigInteger.ONE) : last;
    }

    /** How many addresses the subnet can hand out before reserved ones are taken off. */
    BigInteger usable() {
        return lastUsable().subtract(firstUsable()).add(BigInteger.ONE);
    }

    /** The IPv4 netmask in dotted quads ({@code 255.255.255.0}); null for IPv6, which speaks prefixes only. */
    String netmask() {
        if (family() != 4) return null;
        long mask = prefix == 0 ? 0 : (0xffffffffL << (32 - prefix)) & 0xffffffffL;
        return (mask >> 24 & 255) + "." + (mask >> 16 & 255) + "." + (mask >> 8 & 255) + "." + (mask & 255);
    }

    static BigInteger number(InetAddress a) {
        return new BigInteger(1, a.getAddress());
    }

    /** An address literal in its canonical text, or null when the text is not one. */
    static String canonical(String text) {
        InetAddress a = ReverseSubnet.literal(text);
        return a == null ? null : text(a);
    }

    /** Canonical text: dotted quads, or IPv6 as RFC 5952 §4 writes it (lower case, longest zero run as ::). */
    static String text(InetAddress a) {
        byte[] b = a.getAddress();
        if (b.length == 4) return a.getHostAddress();
        int[] g = new int[8];
        for (int i = 0; i < 8; i++) g[i] = (b[2 * i] & 0xff) << 8 | (b[2 * i + 1] & 0xff);
        int bestStart = -1, bestLen = 0;
        for (int i = 0; i < 8; ) {
            if (g[i] != 0) {
                i++;
                continue;
            }
            int j = i;
            while (j < 8 && g[j] == 0) j++;
            if (j - i > bestLen) {
                bestStart = i;
                bestLen = j - i;
            }
            i = j;
        }
        if (bestLen < 2) bestStart = -1;
        var sb = new StringBuilder();
        for (int i = 0; i < 8; i++) {
            if (i == bestStart) {
                sb.append("::");
                i += bestLen - 1;
                continue;
            }
            if (sb.length() > 0 && sb.charAt(sb.length() - 1) != ':') sb.append(':');
            sb.append(Integer.toHexString(g[i]));
        }
        return sb.toString();
    }
}
