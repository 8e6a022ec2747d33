package io.steward.names;

import java.io.IOException;
import java.time.Duration;
import java.util.ArrayList;
import java.util.List;
import java.util.Locale;
import org.xbill.DNS.DClass;
import org.xbill.DNS.ExtendedResolver;
import org.xbill.DNS.Message;
import org.xbill.DNS.NSRecord;
import org.xbill.DNS.Name;
import org.xbill.DNS.Rcode;
import org.xbill.DNS.Resolver;
import org.xbill.DNS.Section;
import org.xbill.DNS.SimpleResolver;
import org.xbill.DNS.TXTRecord;
import org.xbill.DNS.TextParseException;
import org.xbill.DNS.Type;

/**
 * Asks DNS, from outside Steward's own data, what a name publishes: the TXT strings at
 * {@code _steward-challenge.<name>} and the name's NS records. The resolver is
 * {@code dns.verify-resolver} ({@code host:port}), else the system's (dnsjava reads
 * {@code /etc/resolv.conf}). Fresh queries each time (no cache), so a record just published counts.
 */
final class NameVerifier {
    private final Resolver resolver;

    NameVerifier(Resolver resolver) {
        this.resolver = resolver;
    }

    /** {@code hostPort} like {@code 127.0.0.1:5300} (port 53 when left out), or null/blank for the system resolver. */
    static NameVerifier of(String hostPort, Duration timeout) {
        try {
            Resolver r;
            if (hostPort == null || hostPort.isBlank()) {
                r = new ExtendedResolver();
            } else {
                String hp = hostPort.strip();
                int colon = hp.lastIndexOf(':');
                boolean hasPort = colon > 0 && hp.indexOf(':') == colon;
                var simple = new SimpleResolver(hasPort ? hp.substring(0, colon) : hp);
                simple.setPort(hasPort ? Integer.parseInt(hp.substring(colon + 1)) : 53);
                r = simple;
            }
            r.setTimeout(timeout);
            return new NameVerifier(r);
        } catch (IOException | NumberFormatException e) {
            throw new IllegalArgumentException("dns.verify-resolver must be host:port: " + hostPort, e);
        }
    }

    /** What DNS answered: the values found, or why none could be read. */
    record Answer(List<String> values, String problem) {
        boolean failed() { return problem != null; }
    }

    /** The TXT strings at {@code name} (each record's strings joined). */
    Answer txt(String name) {
        return ask(name, Type.TXT);
    }

    /** The nameservers {@code name} is delegated to (lower case, no final dot), from the answer or a referral. */
    Answer ns(String name) {
        return ask(name, Type.NS);
    }

    private Answer ask(String name, int type) {
        Message response;
        Name qname;
        try {
            qname = Name.fromString(name + ".");
        } catch (TextParseException e) {
            return new Answer(List.of(), "not a DNS name");
        }
        try {
            response = resolver.send(Message.newQuery(org.xbill.DNS.Record.newRecord(qname, type, DClass.IN)));
        } catch (IOException e) {
            return new Answer(List.of(), "the resolver did not answer (" + e.getClass().getSimpleName() + ")");
        }
        int rcode = response.getRcode();
        if (rcode == Rcode.NXDOMAIN) return new Answer(List.of(), null);
        if (rcode != Rcode.NOERROR) return new Answer(List.of(), "the resolver answered " + Rcode.string(rcode));
        var out = new ArrayList<String>();
        for (int section : new int[] {Section.ANSWER, Section.AUTHORITY}) {
            for (var rr : response.getSection(section)) {
                if (!rr.getName().equals(qname)) continue;
                if (rr instanceof TXTRecord t && type == Type.TXT && section == Section.ANSWER) out.add(String.join("", t.getStrings()));
                // A referral from the parent's servers names the delegation in the authority section.
                if (rr instanceof NSRecord n && type == Type.NS) out.add(n.getTarget().toString(true).toLowerCase(Locale.ROOT));
            }
        }
        return new Answer(List.copyOf(out), null);
    }
}
