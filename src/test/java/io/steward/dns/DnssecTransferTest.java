package io.steward.dns;

import static io.steward.core.Json.obj;
import static io.steward.dns.DnsFixtures.added;
import static io.steward.dns.DnsFixtures.dnsService;
import static io.steward.dns.DnsFixtures.zone;
import static org.assertj.core.api.Assertions.assertThat;

import io.steward.support.AccountFixtures;
import io.steward.support.Http.Auth;
import io.steward.support.Http.Body;
import io.steward.support.TestServer;
import java.net.DatagramSocket;
import java.net.InetAddress;
import java.net.InetSocketAddress;
import java.util.ArrayList;
import java.util.Arrays;
import java.util.HashMap;
import java.util.HashSet;
import java.util.List;
import java.util.Map;
import java.util.Set;
import org.junit.jupiter.api.AfterAll;
import org.junit.jupiter.api.BeforeAll;
import org.junit.jupiter.api.Test;
import org.xbill.DNS.ARecord;
import org.xbill.DNS.DClass;
import org.xbill.DNS.DNSKEYRecord;
import org.xbill.DNS.DNSSEC;
import org.xbill.DNS.DSRecord;
import org.xbill.DNS.NSEC3PARAMRecord;
import org.xbill.DNS.NSEC3Record;
import org.xbill.DNS.Name;
import org.xbill.DNS.RRSIGRecord;
import org.xbill.DNS.RRset;
import org.xbill.DNS.Record;
import org.xbill.DNS.SOARecord;
import org.xbill.DNS.Type;
import org.xbill.DNS.ZoneTransferIn;
import org.xbill.DNS.utils.base16;
import org.xbill.DNS.utils.base32;

/**
 * Zone transfers of a signed zone, with dnsjava's client as the secondary: AXFR carries every
 * RRSIG, the DNSKEY set (whose DS is the one the client API shows), NSEC3PARAM and the whole
 * NSEC3 chain, each signature verified with {@link DNSSEC#verify} against the transferred keys,
 * the chain checked complete and closed; delegation NS and glue go unsigned. IXFR of a signed zone
 * answers the whole signed zone (RFC 1995 §4), whose signatures cover the change.
 */
class DnssecTransferTest {
    static final String ZONE = "xfr-signed.example";
    static final base32 B32 = new base32(base32.Alphabet.BASE32HEX, false, false);
    static TestServer server;
    static DatagramSocket secondary;
    static Auth auth;
    static long serviceId;
    static long zoneId;
    static Name origin;

    @BeforeAll
    static void start() throws Exception {
        secondary = new DatagramSocket(0, InetAddress.getLoopbackAddress());
        server = TestServer.start(c -> c.with("dns.secondaries", "127.0.0.1:" + secondary.getLocalPort()));
        var client = AccountFixtures.client(server);
        auth = client.auth();
        serviceId = dnsService(server, client.id(), 5);
        zoneId = zone(server, auth, serviceId, ZONE);
        origin = Name.fromString(ZONE + ".");
        added(server, auth, serviceId, zoneId, obj("name", "www", "type", "A", "content", "192.0.2.10"));
        added(server, auth, serviceId, zoneId, obj("name", "*.wild", "type", "A", "content", "192.0.2.20"));
        added(server, auth, serviceId, zoneId, obj("name", "deep.branch", "type", "TXT", "content", "below an empty non-terminal"));
        added(server, auth, serviceId, zoneId, obj("name", "sub", "type", "NS", "content", "ns.sub." + ZONE));
        added(server, auth, serviceId, zoneId, obj("name", "ns.sub", "type", "A", "content", "192.0.2.53"));
        var res = server.http().post("/api/service/" + serviceId + "/dns/" + zoneId + "/dnssec", auth, Body.form("enabled", "1"));
        assertThat(res.status()).as("%s", res).isEqualTo(200);
    }

    @AfterAll
    static void stop() {
        server.close();
        secondary.close();
    }

    static ZoneTransferIn transfer(Long ixfrFrom) throws Exception {
        var address = new InetSocketAddress("127.0.0.1", server.steward().dns().dnsPort());
        var xfr = ixfrFrom == null ? ZoneTransferIn.newAXFR(origin, address, null) : ZoneTransferIn.newIXFR(origin, ixfrFrom, false, address, null);
        xfr.setTimeout(java.time.Duration.ofSeconds(20));
        xfr.run();
        return xfr;
    }

    /** The DS the client API shows, e.g. {@code "12345 13 2 ABCD..."}. */
    static String shownDs() {
        var res = server.http().get("/api/service/" + serviceId + "/dns/" + zoneId, auth);
        assertThat(res.status()).as("%s", res).isEqualTo(200);
        return res.json().at("/dnssec/ds/0").asText();
    }

    record Key(Name name, int type) {}

    /**
     * Checks a transferred zone as a secondary would serve it, and answers its RRsets by name and
     * type: every authoritative set signed by a transferred key trusted through the shown DS,
     * nothing else signed, and the NSEC3 chain covering exactly the zone's authoritative names.
     */
    static Map<Key, RRset> verify(List<Record> records) throws Exception {
        var sets = new HashMap<Key, RRset>();
        var sigs = new HashMap<Key, List<RRSIGRecord>>();
        for (Record r : records) {
            if (r instanceof RRSIGRecord s) sigs.computeIfAbsent(new Key(s.getName(), s.getTypeCovered()), k -> new ArrayList<>()).add(s);
            else sets.computeIfAbsent(new Key(r.getName(), r.getType()), k -> new RRset()).addRR(r);
        }
        RRset keys = sets.get(new Key(origin, Type.DNSKEY));
        assertThat(keys).as("the DNSKEY set is transferred").isNotNull();
        String[] ds = shownDs().split(" ");
        DNSKEYRecord trusted = keys.rrs(false).stream().map(r -> (DNSKEYRecord) r).filter(k -> k.getFootprint() == Integer.parseInt(ds[0]))
                .findFirst().orElseThrow(() -> new AssertionError("no transferred DNSKEY has the shown DS's tag " + ds[0]));
        var digest = new DSRecord(origin, DClass.IN, 3600, Integer.parseInt(ds[2]), trusted);
        assertThat(base16.toString(digest.getDigest())).as("the shown DS is the transferred key's").isEqualToIgnoringCase(ds[3]);
        assertThat(sets).containsKey(new Key(origin, Type.NSEC3PARAM));

        Name cut = Name.fromString("sub." + ZONE + ".");
        Set<Name> authoritative = new HashSet<>();
        for (var e : sets.entrySet()) {
            Key k = e.getKey();
            List<RRSIGRecord> signatures = sigs.getOrDefault(k, List.of());
            boolean below = k.name().subdomain(cut) && !k.name().equals(cut);
            boolean delegationNs = k.name().equals(cut) && k.type() == Type.NS;
            if (below || delegationNs) {
                assertThat(signatures).as("%s %s is the child's: sent unsigned", k.name(), Type.string(k.type())).isEmpty();
                if (delegationNs) authoritative.add(k.name()); // the cut is in the chain, the glue below it is not
            } else {
                assertThat(signatures).as("%s %s is signed", k.name(), Type.string(k.type())).isNotEmpty();
                for (RRSIGRecord sig : signatures) {
                    DNSKEYRecord key = keys.rrs(false).stream().map(r -> (DNSKEYRecord) r).filter(x -> x.getFootprint() == sig.getFootprint())
                            .findFirst().orElseThrow();
                    DNSSEC.verify(e.getValue(), sig, key, server.clock.instant()); // throws when it does not verify
                }
                if (k.type() != Type.NSEC3) authoritative.add(k.name());
            }
        }
        // The DNSKEY set is signed by the key the DS points at (a validator's first step).
        DNSSEC.verify(keys, sigs.get(new Key(origin, Type.DNSKEY)).stream().filter(s -> s.getFootprint() == trusted.getFootprint())
                .findFirst().orElseThrow(), trusted, server.clock.instant());

        // The chain: one link per authoritative name and empty non-terminal, in a closed ring.
        Set<Name> expected = new HashSet<>();
        for (Name n : authoritative) {
            for (Name a = n; a.subdomain(origin); a = new Name(a, 1)) {
                expected.add(a);
                if (a.equals(origin)) break;
            }
        }
        var chain = new ArrayList<NSEC3Record>();
        for (var e : sets.entrySet()) if (e.getKey().type() == Type.NSEC3) chain.add((NSEC3Record) e.getValue().first());
        var hashes = chain.stream().map(r -> B32.fromString(r.getName().getLabelString(0).toUpperCase())).sorted(Arrays::compareUnsigned).toList();
        var wanted = new ArrayList<byte[]>();
        for (Name n : expected) wanted.add(Nsec3Chain.hash(n));
        wanted.sort(Arrays::compareUnsigned);
        assertThat(hashes).as("one NSEC3 per name of %s", expected).hasSameSizeAs(wanted);
        for (int i = 0; i < wanted.size(); i++) assertThat(hashes.get(i)).isEqualTo(wanted.get(i));
        for (NSEC3Record r : chain) {
            byte[] own = B32.fromString(r.getName().getLabelString(0).toUpperCase());
            int at = indexOf(hashes, own);
            assertThat(r.getNext()).as("the link after %s", r.getName()).isEqualTo(hashes.get((at + 1) % hashes.size()));
        }
        return sets;
    }

    static int indexOf(List<byte[]> hashes, byte[] h) {
        for (int i = 0; i < hashes.size(); i++) if (Arrays.equals(hashes.get(i), h)) return i;
        throw new AssertionError("not in the chain");
    }

    static NSEC3Record link(Map<Key, RRset> sets, String name) throws Exception {
        byte[] h = Nsec3Chain.hash(Name.fromString(name + "."));
        return sets.entrySet().stream().filter(e -> e.getKey().type() == Type.NSEC3)
                .map(e -> (NSEC3Record) e.getValue().first())
                .filter(r -> Arrays.equals(B32.fromString(r.getName().getLabelString(0).toUpperCase()), h))
                .findFirst().orElseThrow(() -> new AssertionError("no NSEC3 for " + name));
    }

    @Test
    void an_axfr_of_a_signed_zone_carries_its_keys_signatures_and_nsec3_chain() throws Exception {
        var xfr = transfer(null);
        assertThat(xfr.isAXFR()).isTrue();
        var sets = verify(xfr.getAXFR());
        assertThat(sets).containsKeys(new Key(Name.fromString("www." + ZONE + "."), Type.A), new Key(Name.fromString("*.wild." + ZONE + "."), Type.A),
                new Key(Name.fromString("ns.sub." + ZONE + "."), Type.A), new Key(Name.fromString("sub." + ZONE + "."), Type.NS));
        assertThat(link(sets, "www." + ZONE).hasType(Type.A)).isTrue();
        assertThat(link(sets, "branch." + ZONE).getTypes()).as("an empty non-terminal").isEmpty();
        assertThat(link(sets, "sub." + ZONE).getTypes()).as("an unsigned delegation").containsExactly(Type.NS);
        assertThat(link(sets, ZONE).hasType(Type.NSEC3PARAM)).isTrue();
        var param = (NSEC3PARAMRecord) sets.get(new Key(origin, Type.NSEC3PARAM)).first();
        assertThat(param.getIterations()).isZero();
    }

    @Test
    void an_ixfr_of_a_signed_zone_gets_the_whole_zone_signed_after_the_change() throws Exception {
        var before = transfer(null).getAXFR();
        long serial = ((SOARecord) before.get(0)).getSerial();
        added(server, auth, serviceId, zoneId, obj("name", "later", "type", "A", "content", "192.0.2.77"));

        var xfr = transfer(serial);
        assertThat(xfr.isAXFR()).as("a signed zone's changes come as the whole zone (RFC 1995 §4)").isTrue();
        var records = xfr.getAXFR();
        assertThat(((SOARecord) records.get(0)).getSerial()).isGreaterThan(serial);
        var sets = verify(records); // the SOA's and the chain's signatures cover the new serial and the new name
        RRset later = sets.get(new Key(Name.fromString("later." + ZONE + "."), Type.A));
        assertThat(later).isNotNull();
        assertThat(((ARecord) later.first()).getAddress().getHostAddress()).isEqualTo("192.0.2.77");
        assertThat(link(sets, "later." + ZONE).hasType(Type.A)).isTrue();

        assertThat(transfer(((SOARecord) records.get(0)).getSerial()).isCurrent()).as("a secondary up to date gets the SOA alone").isTrue();
    }
}
