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
import java.io.ByteArrayInputStream;
import java.nio.charset.StandardCharsets;
import java.time.Duration;
import java.util.Arrays;
import java.util.HashMap;
import java.util.List;
import java.util.Map;
import org.junit.jupiter.api.AfterAll;
import org.junit.jupiter.api.BeforeAll;
import org.junit.jupiter.api.Test;
import org.xbill.DNS.DClass;
import org.xbill.DNS.ExtendedFlags;
import org.xbill.DNS.Flags;
import org.xbill.DNS.Message;
import org.xbill.DNS.NSEC3PARAMRecord;
import org.xbill.DNS.NSEC3Record;
import org.xbill.DNS.Name;
import org.xbill.DNS.RRSIGRecord;
import org.xbill.DNS.Rcode;
import org.xbill.DNS.Section;
import org.xbill.DNS.Type;
import org.xbill.DNS.dnssec.ValidatingResolver;
import org.xbill.DNS.utils.base32;

/**
 * Hashed denial of existence, the default (RFC 5155 with RFC 9276's parameters), checked by
 * dnsjava's {@link ValidatingResolver} trusting only the zone's DS as the client API shows it, and
 * on the bytes: NXDOMAIN with the closest encloser proof, NODATA at names, empty non-terminals,
 * wildcards and unsigned delegations, the chain following record changes, and no signature made
 * per name asked.
 */
class Nsec3DenialTest {
    static TestServer server;
    static Auth auth;
    static long serviceId;
    static long zoneId;
    static final String ZONE = "hashed-test.example";
    static final base32 B32 = new base32(base32.Alphabet.BASE32HEX, false, false);

    @BeforeAll
    static void start() {
        server = TestServer.start();
        var client = AccountFixtures.client(server);
        auth = client.auth();
        serviceId = dnsService(server, client.id(), 5);
        zoneId = zone(server, auth, serviceId, ZONE);
        added(server, auth, serviceId, zoneId, obj("name", "www", "type", "A", "content", "192.0.2.10"));
        added(server, auth, serviceId, zoneId, obj("name", "*.wild", "type", "A", "content", "192.0.2.20"));
        added(server, auth, serviceId, zoneId, obj("name", "deep.branch", "type", "TXT", "content", "below an empty non-terminal"));
        added(server, auth, serviceId, zoneId, obj("name", "sub", "type", "NS", "content", "ns.elsewhere.example"));
        var res = server.http().post("/api/service/" + serviceId + "/dns/" + zoneId + "/dnssec", auth, Body.form("enabled", "1"));
        assertThat(res.status()).as("%s", res).isEqualTo(200);
    }

    @AfterAll
    static void stop() {
        server.close();
    }

    static String anchor() {
        var res = server.http().get("/api/service/" + serviceId + "/dns/" + zoneId, auth);
        assertThat(res.status()).as("%s", res).isEqualTo(200);
        return ZONE + ". 3600 IN DS " + res.json().at("/dnssec/ds/0").asText() + "\n";
    }

    static Message validated(String name, int type) {
        try {
            var resolver = new ValidatingResolver(DnsFixtures.resolver(server, false), server.clock);
            resolver.loadTrustAnchors(new ByteArrayInputStream(anchor().getBytes(StandardCharsets.US_ASCII)));
            resolver.setAddReasonToAdditional(true);
            resolver.setTimeout(Duration.ofSeconds(3));
            return resolver.send(Message.newQuery(org.xbill.DNS.Record.newRecord(Name.fromString(name + "."), type, DClass.IN)));
        } catch (java.io.IOException e) {
            throw new java.io.UncheckedIOException(e);
        }
    }

    static void assertSecure(Message m, int rcode) {
        assertThat(m.getHeader().getFlag(Flags.AD)).as("validated (AD) answer, got:\n%s", m).isTrue();
        assertThat(m.getRcode()).as("%s", m).isEqualTo(rcode);
    }

    static Message signed(String name, int type) {
        try {
            var r = DnsFixtures.resolver(server, true); // TCP: not served from the packet cache
            r.setEDNS(0, 1232, ExtendedFlags.DO, List.of());
            return r.send(Message.newQuery(org.xbill.DNS.Record.newRecord(Name.fromString(name + "."), type, DClass.IN)));
        } catch (java.io.IOException e) {
            throw new java.io.UncheckedIOException(e);
        }
    }

    static List<NSEC3Record> nsec3s(Message m) {
        return m.getSection(Section.AUTHORITY).stream().filter(r -> r instanceof NSEC3Record).map(r -> (NSEC3Record) r).toList();
    }

    static byte[] hash(String name) throws Exception {
        return java.security.MessageDigest.getInstance("SHA-1").digest(Name.fromString(name + ".").toWireCanonical());
    }

    static byte[] ownerHash(NSEC3Record r) {
        return B32.fromString(r.getName().getLabelString(0).toUpperCase());
    }

    static boolean covers(NSEC3Record r, byte[] h) {
        byte[] own = ownerHash(r);
        byte[] next = r.getNext();
        if (Arrays.compareUnsigned(own, next) < 0) return Arrays.compareUnsigned(own, h) < 0 && Arrays.compareUnsigned(h, next) < 0;
        return Arrays.compareUnsigned(h, own) > 0 || Arrays.compareUnsigned(h, next) < 0; // the last link wraps
    }

    static NSEC3Record matching(Message m, String name) throws Exception {
        byte[] h = hash(name);
        return nsec3s(m).stream().filter(r -> Arrays.equals(ownerHash(r), h)).findFirst().orElseThrow(() -> new AssertionError("no NSEC3 of " + name + " in\n" + m));
    }

    @Test
    void a_missing_name_is_a_validated_nxdomain_with_the_closest_encloser_proof() throws Exception {
        assertSecure(validated("nothing-here." + ZONE, Type.A), Rcode.NXDOMAIN);

        Message raw = signed("nothing-here." + ZONE, Type.A);
        assertThat(raw.getRcode()).isEqualTo(Rcode.NXDOMAIN);
        NSEC3Record apex = matching(raw, ZONE);
        assertThat(apex.hasType(Type.SOA)).isTrue();
        assertThat(apex.hasType(Type.NSEC3PARAM)).isTrue();
        assertThat(apex.getIterations()).isZero();
        assertThat(apex.getSalt()).isNullOrEmpty();
        assertThat(apex.getFlags()).as("no opt-out").isZero();
        assertThat(nsec3s(raw)).anyMatch(r -> covers(r, hash0("nothing-here." + ZONE)));
        assertThat(nsec3s(raw)).anyMatch(r -> covers(r, hash0("*." + ZONE)));
        assertThat(raw.getSection(Section.AUTHORITY)).anyMatch(r -> r instanceof RRSIGRecord && ((RRSIGRecord) r).getTypeCovered() == Type.NSEC3);
        // Below a name that does not exist either: the closest encloser is still the apex.
        assertSecure(validated("a.b.c.nothing-here." + ZONE, Type.TXT), Rcode.NXDOMAIN);
    }

    static byte[] hash0(String name) {
        try {
            return hash(name);
        } catch (Exception e) {
            throw new IllegalStateException(e);
        }
    }

    @Test
    void a_missing_type_an_empty_non_terminal_and_a_wildcard_without_the_type_are_validated_nodata() throws Exception {
        assertSecure(validated("www." + ZONE, Type.TXT), Rcode.NOERROR);
        NSEC3Record www = matching(signed("www." + ZONE, Type.TXT), "www." + ZONE);
        assertThat(www.hasType(Type.A)).isTrue();
        assertThat(www.hasType(Type.RRSIG)).isTrue();
        assertThat(www.hasType(Type.TXT)).isFalse();

        assertSecure(validated("branch." + ZONE, Type.A), Rcode.NOERROR);
        NSEC3Record ent = matching(signed("branch." + ZONE, Type.A), "branch." + ZONE);
        assertThat(ent.getTypes()).as("an empty non-terminal has no types").isEmpty();

        assertSecure(validated("anything.wild." + ZONE, Type.A), Rcode.NOERROR);
        assertSecure(validated("anything.wild." + ZONE, Type.MX), Rcode.NOERROR);
        assertThat(matching(signed("anything.wild." + ZONE, Type.MX), "*.wild." + ZONE).hasType(Type.A)).isTrue();
    }

    @Test
    void an_unsigned_delegation_is_proven_by_the_nsec3_matching_the_cut_and_the_apex_serves_nsec3param() throws Exception {
        Message referral = signed("host.sub." + ZONE, Type.A);
        assertThat(referral.getHeader().getFlag(Flags.AA)).isFalse();
        NSEC3Record cut = matching(referral, "sub." + ZONE);
        assertThat(cut.hasType(Type.NS)).isTrue();
        assertThat(cut.hasType(Type.DS)).isFalse();
        assertThat(cut.hasType(Type.RRSIG)).as("nothing at an unsigned cut is signed").isFalse();
        assertSecure(validated("sub." + ZONE, Type.DS), Rcode.NOERROR);

        Message param = validated(ZONE, Type.NSEC3PARAM);
        assertSecure(param, Rcode.NOERROR);
        var p = (NSEC3PARAMRecord) param.getSection(Section.ANSWER).stream().filter(r -> r instanceof NSEC3PARAMRecord).findFirst().orElseThrow();
        assertThat(p.getHashAlgorithm()).isEqualTo(1);
        assertThat(p.getIterations()).isZero();
    }

    @Test
    void names_asked_are_denied_by_records_signed_once_not_one_signature_per_name() {
        Map<Name, byte[]> sigByOwner = new HashMap<>();
        for (int i = 0; i < 40; i++) {
            Message m = signed("random-" + i + "." + ZONE, Type.A);
            assertThat(m.getRcode()).isEqualTo(Rcode.NXDOMAIN);
            for (var r : m.getSection(Section.AUTHORITY)) {
                if (!(r instanceof RRSIGRecord sig) || sig.getTypeCovered() != Type.NSEC3) continue;
                byte[] before = sigByOwner.putIfAbsent(sig.getName(), sig.getSignature());
                if (before != null) assertThat(sig.getSignature()).as("the kept signature of %s", sig.getName()).isEqualTo(before);
            }
        }
        // Forty names, denied by at most one NSEC3 per name of the zone (apex, www, *.wild, wild,
        // deep.branch, branch, sub, plus the NS names at the apex).
        assertThat(sigByOwner.size()).isBetween(2, 12);
    }

    @Test
    void the_chain_follows_record_changes() throws Exception {
        assertSecure(validated("later.tree." + ZONE, Type.A), Rcode.NXDOMAIN);
        var rec = added(server, auth, serviceId, zoneId, obj("name", "later.tree", "type", "A", "content", "192.0.2.30"));
        assertSecure(validated("later.tree." + ZONE, Type.TXT), Rcode.NOERROR);
        assertThat(matching(signed("later.tree." + ZONE, Type.TXT), "later.tree." + ZONE).hasType(Type.A)).isTrue();
        // Its parent became an empty non-terminal.
        assertSecure(validated("tree." + ZONE, Type.A), Rcode.NOERROR);
        assertThat(matching(signed("tree." + ZONE, Type.A), "tree." + ZONE).getTypes()).isEmpty();

        var del = server.http().delete("/api/service/" + serviceId + "/dns/" + zoneId + "/records/" + rec.get("id").asText(), auth);
        assertThat(del.status()).as("%s", del).isEqualTo(200);
        assertSecure(validated("later.tree." + ZONE, Type.A), Rcode.NXDOMAIN);
        assertSecure(validated("tree." + ZONE, Type.A), Rcode.NXDOMAIN);

        // A delegation made over a name hides it: the name leaves the chain, the cut joins it.
        added(server, auth, serviceId, zoneId, obj("name", "host.child", "type", "A", "content", "192.0.2.40"));
        assertThat(matching(signed("host.child." + ZONE, Type.TXT), "host.child." + ZONE)).isNotNull();
        added(server, auth, serviceId, zoneId, obj("name", "child", "type", "NS", "content", "ns.elsewhere.example"));
        Message referral = signed("host.child." + ZONE, Type.A);
        assertThat(referral.getHeader().getFlag(Flags.AA)).isFalse();
        assertThat(matching(referral, "child." + ZONE).hasType(Type.NS)).isTrue();
        assertSecure(validated("child." + ZONE, Type.DS), Rcode.NOERROR);
        Nsec3Chain chain = server.steward().dns().cache().byId(zoneId).chain;
        assertThat(chain.matching(Name.fromString("host.child." + ZONE + "."))).as("glue below a cut is not in the chain").isNull();
        assertThat(chain.matching(Name.fromString("child." + ZONE + "."))).isNotNull();
        assertSecure(validated("absent." + ZONE, Type.A), Rcode.NXDOMAIN);
    }
}
