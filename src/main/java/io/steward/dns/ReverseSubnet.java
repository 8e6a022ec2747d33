package io.steward.dns;

import io.steward.core.StewardException;
import java.math.BigInteger;
import java.net.Inet4Address;
import java.net.InetAddress;
import java.net.UnknownHostException;
import java.util.ArrayList;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;
import java.util.Optional;

/**
 * Where the PTR records of a subnet live: the reverse zones under {@code in-addr.arpa} (RFC 1035
 * §3.5) and {@code ip6.arpa} (RFC 3596 §2.5) that cover it, and the owner name of each address.
 *
 * <p>Zones are cut at label boundaries: octets for IPv4, nibbles for IPv6. A subnet between two
 * boundaries is covered by the zones of the next longer boundary (a /22 by four /24 zones); an
 * IPv4 subnet longer than /24 by its /24 zone, shared with the other pools in that /24 — or, when
 * {@code classless}, by an RFC 2317 zone of its own named {@code <first>-<prefix>.c.b.a.in-addr.arpa},
 * to which the /24 zone points each address with a CNAME (§4), so the /24's holder (Steward or
 * the upstream provider) can delegate it. A subnet needs at most 128 zones (an IPv4 /9: 128 /16
 * zones). Pure: no database.
 */
public record ReverseSubnet(InetAddress network, int prefix, boolean classless) {
    public ReverseSubnet {
        int bits = network.getAddress().length * 8;
        boolean v4 = network instanceof Inet4Address;
        if (prefix < (v4 ? 8 : 16) || prefix > bits) {
            throw StewardException.invalid(Map.of("cidr", List.of(v4 ? "An IPv4 prefix must be between /8 and /32"
                    : "An IPv6 prefix must be between /16 and /128")));
        }
        if (classless && !(v4 && prefix > 24)) {
            throw StewardException.invalid(Map.of("rdns_classless",
                    List.of("Classless reverse delegation (RFC 2317) is for IPv4 subnets longer than /24")));
        }
    }

    private boolean v4() {
        return network instanceof Inet4Address;
    }

    private int bits() {
        return v4() ? 32 : 128;
    }

    /** The label boundary the zones are cut at: a multiple of 8 (IPv4) or 4 (IPv6), at most /24 or /124. */
    private int zonePrefix() {
        int unit = v4() ? 8 : 4;
        return Math.min((prefix + unit - 1) / unit * unit, v4() ? 24 : 124);
    }

    private static long zoneCount(int bits, int prefix, int unit, int cap) {
        int z = Math.min((prefix + unit - 1) / unit * unit, cap);
        return z <= prefix ? 1 : 1L << Math.min(z - prefix, 62);
    }

    /** The zones holding the subnet's PTR records (for a classless subnet its RFC 2317 zone). */
    public List<String> zones() {
        if (classless) return List.of(childZone());
        int z = zonePrefix();
        var out = new ArrayList<String>();
        BigInteger start = number(network).shiftRight(bits() - z).shiftLeft(bits() - z);
        long count = zoneCount(bits(), prefix, v4() ? 8 : 4, v4() ? 24 : 124);
        for (long i = 0; i < count; i++) {
            out.add(name(start.add(BigInteger.valueOf(i).shiftLeft(bits() - z)), z));
        }
        return out;
    }

    /** A classless subnet's /24 zone, which points its addresses at the RFC 2317 zone. */
    public Optional<String> parent() {
        return classless ? Optional.of(name(number(network), 24)) : Optional.empty();
    }

    private String childZone() {
        int first = network.getAddress()[3] & 0xff;
        return first + "-" + prefix + "." + name(number(network), 24);
    }

    /** Whether the address is in the subnet. */
    public boolean contains(InetAddress a) {
        if (a.getAddress().length != network.getAddress().length) return false;
        return number(a).shiftRight(bits() - prefix).equals(number(network).shiftRight(bits() - prefix));
    }

    /** The owner name of the address's PTR record ({@code 10.2.0.192.in-addr.arpa}, or in the RFC 2317 zone). */
    public String ptrOwner(InetAddress a) {
        if (!contains(a)) throw new IllegalArgumentException(a.getHostAddress() + " is not in the subnet");
        if (classless) return (a.getAddress()[3] & 0xff) + "." + childZone();
        return name(number(a), bits());
    }

    /** For a classless subnet: each address's name in the /24 zone and the CNAME target it points at (RFC 2317 §4). */
    public Map<String, String> cnames() {
        var out = new LinkedHashMap<String, String>();
        if (!classless) return out;
        String parent = parent().orElseThrow();
        int first = network.getAddress()[3] & 0xff;
        for (int i = 0; i < 1 << (32 - prefix); i++) {
            out.put((first + i) + "." + parent, (first + i) + "." + childZone());
        }
        return out;
    }

    /** The reverse name of the first {@code length} bits of an address. */
    private String name(BigInteger address, int length) {
        var sb = new StringBuilder();
        if (v4()) {
            for (int octet = length / 8 - 1; octet >= 0; octet--) {
                sb.append(address.shiftRight(24 - octet * 8).intValue() & 0xff).append('.');
            }
            return sb.append("in-addr.arpa").toString();
        }
        for (int nibble = length / 4 - 1; nibble >= 0; nibble--) {
            sb.append(Character.forDigit(address.shiftRight(124 - nibble * 4).intValue() & 0xf, 16)).append('.');
        }
        return sb.append("ip6.arpa").toString();
    }

    static BigInteger number(InetAddress a) {
        return new BigInteger(1, a.getAddress());
    }

    /** The address of an IPv4 or IPv6 literal, never a name lookup; null when it is not one. */
    public static InetAddress literal(String text) {
        if (text == null) return null;
        String t = text.trim();
        byte[] b = t.contains(":") ? org.xbill.DNS.Address.toByteArray(t, org.xbill.DNS.Address.IPv6)
                : org.xbill.DNS.Address.isDottedQuad(t) ? org.xbill.DNS.Address.toByteArray(t, org.xbill.DNS.Address.IPv4) : null;
        if (b == null) return null;
        try {
            return InetAddress.getByAddress(b);
        } catch (UnknownHostException e) {
            return null;
        }
    }
}
