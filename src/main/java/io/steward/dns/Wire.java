package io.steward.dns;

import java.net.InetAddress;
import java.net.UnknownHostException;
import java.util.ArrayList;
import java.util.List;
import org.xbill.DNS.AAAARecord;
import org.xbill.DNS.ARecord;
import org.xbill.DNS.Address;
import org.xbill.DNS.CAARecord;
import org.xbill.DNS.CNAMERecord;
import org.xbill.DNS.DClass;
import org.xbill.DNS.MXRecord;
import org.xbill.DNS.NSRecord;
import org.xbill.DNS.Name;
import org.xbill.DNS.PTRRecord;
import org.xbill.DNS.SOARecord;
import org.xbill.DNS.SRVRecord;
import org.xbill.DNS.TXTRecord;
import org.xbill.DNS.TextParseException;

/** Stored records as dnsjava records (the wire format); pure. */
final class Wire {
    private Wire() {}

    static Name name(String s) {
        try {
            return Name.fromString(s.endsWith(".") ? s : s + ".");
        } catch (TextParseException e) {
            throw new IllegalArgumentException("invalid name " + s, e);
        }
    }

    /**
     * The wire records of one stored record: URL and FRAME become the forwarding listener's
     * addresses (A, and AAAA when one is configured); SOA takes the zone's serial. MXE is two
     * records at two names: the MX at its owner and the A of its mail exchanger {@code mx.OWNER}.
     */
    static List<org.xbill.DNS.Record> records(DnsRecord r, long serial, String forwardIpv4, String forwardIpv6) {
        Name owner = name(r.name());
        long ttl = r.ttl();
        String c = r.content();
        try {
            return switch (r.type()) {
                case "A" -> List.of(new ARecord(owner, DClass.IN, ttl, InetAddress.getByAddress(Address.toByteArray(c, Address.IPv4))));
                case "AAAA" -> List.of(new AAAARecord(owner, DClass.IN, ttl, InetAddress.getByAddress(Address.toByteArray(c, Address.IPv6))));
                case "CNAME" -> List.of(new CNAMERecord(owner, DClass.IN, ttl, name(c)));
                case "NS" -> List.of(new NSRecord(owner, DClass.IN, ttl, name(c)));
                case "PTR" -> List.of(new PTRRecord(owner, DClass.IN, ttl, name(c)));
                case "MX" -> List.of(new MXRecord(owner, DClass.IN, ttl, r.priority(), name(c)));
                case "MXE" -> {
                    Name host = name(RecordRules.mxeHost(r.name()));
                    yield List.of(new MXRecord(owner, DClass.IN, ttl, r.priority(), host),
                            new ARecord(host, DClass.IN, ttl, InetAddress.getByAddress(Address.toByteArray(c, Address.IPv4))));
                }
                case "TXT" -> List.of(new TXTRecord(owner, DClass.IN, ttl, txtStrings(c)));
                case "SRV" -> {
                    String[] p = c.split(" ");
                    yield List.of(new SRVRecord(owner, DClass.IN, ttl, r.priority(), Integer.parseInt(p[0]), Integer.parseInt(p[1]),
                            p[2].equals(".") ? Name.root : name(p[2])));
                }
                case "CAA" -> {
                    String[] p = c.split(" ", 3);
                    yield List.of(new CAARecord(owner, DClass.IN, ttl, Integer.parseInt(p[0]), p[1], p[2].substring(1, p[2].length() - 1)));
                }
                case "SOA" -> {
                    String[] p = c.split(" ");
                    yield List.of(new SOARecord(owner, DClass.IN, ttl, name(p[0]), name(p[1]), serial, Long.parseLong(p[2]),
                            Long.parseLong(p[3]), Long.parseLong(p[4]), Long.parseLong(p[5])));
                }
                case "URL", "FRAME" -> {
                    var out = new ArrayList<org.xbill.DNS.Record>();
                    out.add(new ARecord(owner, DClass.IN, ttl, InetAddress.getByAddress(Address.toByteArray(forwardIpv4, Address.IPv4))));
                    if (forwardIpv6 != null) {
                        out.add(new AAAARecord(owner, DClass.IN, ttl, InetAddress.getByAddress(Address.toByteArray(forwardIpv6, Address.IPv6))));
                    }
                    yield out;
                }
                default -> List.of();
            };
        } catch (UnknownHostException | RuntimeException e) {
            // A row that does not convert (written by hand, say) is left out rather than breaking the zone.
            return List.of();
        }
    }

    /**
     * TXT content as character-strings of at most 255 bytes (RFC 1035 §3.3.14). Backslashes and
     * quotes are escaped because dnsjava reads these strings in zone-file syntax.
     */
    static List<String> txtStrings(String text) {
        var out = new ArrayList<String>();
        for (int i = 0; i < text.length(); i += 255) {
            String chunk = text.substring(i, Math.min(text.length(), i + 255));
            out.add(chunk.replace("\\", "\\\\").replace("\"", "\\\""));
        }
        return out;
    }
}
