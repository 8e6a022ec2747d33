package io.steward.dns;

import static io.steward.core.Json.obj;
import static io.steward.dns.DnsFixtures.added;
import static io.steward.dns.DnsFixtures.dnsService;
import static io.steward.dns.DnsFixtures.query;
import static io.steward.dns.DnsFixtures.zone;
import static org.assertj.core.api.Assertions.assertThat;

import com.fasterxml.jackson.databind.JsonNode;
import io.steward.support.AccountFixtures;
import io.steward.support.Http.Auth;
import io.steward.support.Http.Body;
import io.steward.support.TestServer;
import java.io.ByteArrayInputStream;
import java.nio.charset.StandardCharsets;
import java.security.KeyFactory;
import java.security.spec.PKCS8EncodedKeySpec;
import java.time.Duration;
import java.util.ArrayList;
import java.util.Base64;
import java.util.List;
import org.junit.jupiter.api.AfterAll;
import org.junit.jupiter.api.BeforeAll;
import org.junit.jupiter.api.Test;
import org.xbill.DNS.ARecord;
import org.xbill.DNS.CNAMERecord;
import org.xbill.DNS.DClass;
import org.xbill.DNS.DNSKEYRecord;
import org.xbill.DNS.ExtendedFlags;
import org.xbill.DNS.Flags;
import org.xbill.DNS.Message;
import org.xbill.DNS.NSECRecord;
import org.xbill.DNS.Name;
import org.xbill.DNS.RRSIGRecord;
import org.xbill.DNS.Rcode;
import org.xbill.DNS.Section;
import org.xbill.DNS.SimpleResolver;
import org.xbill.DNS.Type;
import org.xbill.DNS.dnssec.ValidatingResolver;

/**
 * Signed zones, checked the way a validating resolver checks them: dnsjava's
 * {@link ValidatingResolver} with the zone's DS (as the API shows it) as the only trust anchor,
 * on the test's clock. Positive answers, compact denials of missing names and types (the zone
 * configured {@code dns.dnssec.denial = compact}; the default NSEC3 chain is {@link Nsec3DenialTest}'s),
 * wildcard and CNAME answers validate.
 */
class DnssecTest {
    static TestServer server;
    static Auth auth;
    static long serviceId;
    static long zoneId;
    static final String ZONE = "signed-test.example";

    @BeforeAll
    static void start() {
        server = TestServer.start(c -> c.with("dns.dnssec.denial", "compact"));
        var client = AccountFixtures.client(server);
        auth = client.auth();
        serviceId = dnsService(server, client.id(), 5);
        zoneId = zone(server, auth, serviceId, ZONE);
        added(server, auth, serviceId, zoneId, obj("name", "www", "type", "A", "content", "192.0.2.10"));
        added(server, auth, serviceId, zoneId, obj("name", "alias", "type", "CNAME", "content", "www." + ZONE));
        added(server, auth, serviceId, zoneId, obj("name", "*.wild", "type", "A", "content", "192.0.2.20"));
        added(server, auth, serviceId, zoneId, obj("name", "deep.branch", "type", "TXT", "content", "below an empty non-terminal"));
        added(server, auth, serviceId, zoneId, obj("name", "sub", "type", "NS", "content", "ns.elsewhere.example"));
        var res = server.http().post(dnssecPath(), auth, Body.form("enabled", "1"));
        assertThat(res.status()).as("%s", res).isEqualTo(200);
    }

    @AfterAll
    static void stop() {
        server.close();
    }

    static String dnssecPath() {
        return "/api/service/" + serviceId + "/dns/" + zoneId + "/dnssec";
    }

    static JsonNode dnssecDetails() {
        var res = server.http().get("/api/service/" + serviceId + "/dns/" + zoneId, auth);
        assertThat(res.status()).as("%s", res).isEqualTo(200);
        return res.json().get("dnssec");
    }

    /** The trust anchor a resolver would take from the parent: the zone's DS as the client API shows it. */
    static String anchor(String ds) {
        return ZONE + ". 3600 IN DS " + ds + "\n";
    }

    static String currentDs() {
        JsonNode ds = dnssecDetails().get("ds");
        assertThat(ds).hasSize(1);
        return ds.get(0).asText();
    }

    /** Asks through a validating resolver trusting {@code anchor} only. */
    static Message validated(String anchor, String name, int type) {
        try {
            var head = DnsFixtures.resolver(server, false);
            var resolver = new ValidatingResolver(head, server.clock);
            resolver.loadTrustAnchors(new ByteArrayInputStream(anchor.getBytes(StandardCharsets.US_ASCII)));
            resolver.setAddReasonToAdditional(true);
            resolver.setTimeout(Duration.ofSeconds(3));
            return resolver.send(Message.newQuery(org.xbill.DNS.Record.newRecord(Name.fromString(name + "."), type, DClass.IN)));
        } catch (java.io.IOException e) {
            throw new java.io.UncheckedIOException(e);
        }
    }

    static void assertSecure(Message m) {
        assertThat(m.getHeader().getFlag(Flags.AD)).as("validated (AD) answer, got:\n%s", m).isTrue();
        assertThat(m.getRcode()).as("%s", m).isEqualTo(Rcode.NOERROR);
    }

    static Message signedQuery(String name, int type) {
        return signedQuery(name, type, false);
    }

    static Message signedQuery(String name, int type, boolean tcp) {
        try {
            var r = DnsFixtures.resolver(server, tcp);
            r.setEDNS(0, 1232, ExtendedFlags.DO, List.of());
            return r.send(Message.newQuery(org.xbill.DNS.Record.newRecord(Name.fromString(name + "."), type, DClass.IN)));
        } catch (java.io.IOException e) {
            throw new java.io.UncheckedIOException(e);
        }
    }

    @Test
    void a_positive_answer_validates_against_the_zone_ds_shown_in_the_zone_details() {
        JsonNode d = dnssecDetails();
        assertThat(d.get("enabled").asBoolean()).isTrue();
        assertThat(currentDs()).matches("\\d+ 13 2 [0-9A-F]{64}");
        Message m = validated(anchor(currentDs()), "www." + ZONE, Type.A);
        assertSecure(m);
        assertThat(((ARecord) m.getSection(Section.ANSWER).get(0)).getAddress().getHostAddress()).isEqualTo("192.0.2.10");
    }

    @Test
    void a_wrong_trust_anchor_makes_the_answer_bogus() {
        String ds = currentDs();
        String wrong = ds.substring(0, ds.length() - 1) + (ds.endsWith("A") ? "B" : "A");
        Message m = validated(anchor(wrong), "www." + ZONE, Type.A);
        assertThat(m.getRcode()).isEqualTo(Rcode.SERVFAIL);
        assertThat(m.getHeader().getFlag(Flags.AD)).isFalse();
    }

    @Test
    void a_missing_name_is_a_validated_compact_denial_with_an_nsec_at_the_name() {
        Message m = validated(anchor(currentDs()), "nothing-here." + ZONE, Type.A);
        assertSecure(m);
        assertThat(m.getSection(Section.ANSWER)).isEmpty();

        Message raw = signedQuery("nothing-here." + ZONE, Type.A);
        NSECRecord nsec = raw.getSection(Section.AUTHORITY).stream().filter(r -> r instanceof NSECRecord).map(r -> (NSECRecord) r)
                .findFirst().orElseThrow();
        assertThat(nsec.getName().toString()).isEqualTo("nothing-here." + ZONE + ".");
        assertThat(nsec.getNext().toString()).isEqualTo("\\000.nothing-here." + ZONE + ".");
        assertThat(nsec.hasType(ZoneSigner.NXNAME)).isTrue();
        assertThat(nsec.hasType(Type.A)).isFalse();
    }

    @Test
    void a_missing_type_is_a_validated_nodata_whose_nsec_lists_the_types_present() {
        Message m = validated(anchor(currentDs()), "www." + ZONE, Type.TXT);
        assertSecure(m);
        assertThat(m.getSection(Section.ANSWER)).isEmpty();
        NSECRecord nsec = (NSECRecord) signedQuery("www." + ZONE, Type.TXT).getSection(Section.AUTHORITY).stream()
                .filter(r -> r instanceof NSECRecord).findFirst().orElseThrow();
        assertThat(nsec.hasType(Type.A)).isTrue();
        assertThat(nsec.hasType(ZoneSigner.NXNAME)).isFalse();
        // An empty non-terminal exists too: NODATA, not a denial of the name.
        assertSecure(validated(anchor(currentDs()), "branch." + ZONE, Type.A));
        NSECRecord ent = (NSECRecord) signedQuery("branch." + ZONE, Type.A).getSection(Section.AUTHORITY).stream()
                .filter(r -> r instanceof NSECRecord).findFirst().orElseThrow();
        assertThat(ent.hasType(ZoneSigner.NXNAME)).isFalse();
    }

    @Test
    void a_wildcard_answer_validates_at_the_asked_name() {
        Message m = validated(anchor(currentDs()), "anything.wild." + ZONE, Type.A);
        assertSecure(m);
        assertThat(((ARecord) m.getSection(Section.ANSWER).get(0)).getAddress().getHostAddress()).isEqualTo("192.0.2.20");
        assertSecure(validated(anchor(currentDs()), "anything.wild." + ZONE, Type.MX));
    }

    @Test
    void a_cname_and_its_in_zone_target_validate_together() {
        Message m = validated(anchor(currentDs()), "alias." + ZONE, Type.A);
        assertSecure(m);
        assertThat(m.getSection(Section.ANSWER).stream().anyMatch(r -> r instanceof CNAMERecord)).isTrue();
        assertThat(m.getSection(Section.ANSWER).stream().anyMatch(r -> r instanceof ARecord)).isTrue();
    }

    @Test
    void the_apex_publishes_dnskey_cds_and_cdnskey_and_answers_are_signed_only_with_the_do_bit() {
        assertSecure(validated(anchor(currentDs()), ZONE, Type.DNSKEY));
        assertSecure(validated(anchor(currentDs()), ZONE, Type.CDS));
        assertSecure(validated(anchor(currentDs()), ZONE, Type.CDNSKEY));
        assertSecure(validated(anchor(currentDs()), ZONE, Type.SOA));

        Message plain = query(server, "www." + ZONE, Type.A, false);
        assertThat(plain.getSection(Section.ANSWER)).noneMatch(r -> r instanceof RRSIGRecord);
        Message missing = query(server, "nothing-here." + ZONE, Type.A, false);
        assertThat(missing.getRcode()).as("without DO a missing name stays NXDOMAIN").isEqualTo(Rcode.NXDOMAIN);

        Message signed = signedQuery("www." + ZONE, Type.A);
        assertThat(signed.getSection(Section.ANSWER)).anyMatch(r -> r instanceof RRSIGRecord);
        RRSIGRecord sig = (RRSIGRecord) signed.getSection(Section.ANSWER).stream().filter(r -> r instanceof RRSIGRecord).findFirst().orElseThrow();
        assertThat(sig.getAlgorithm()).isEqualTo(13);
        // Inception back-dated one hour, fourteen days of validity.
        assertThat(Duration.between(sig.getTimeSigned(), server.clock.instant())).isBetween(Duration.ofMinutes(59), Duration.ofMinutes(61));
        assertThat(Duration.between(server.clock.instant(), sig.getExpire())).isBetween(Duration.ofDays(14).minusMinutes(1), Duration.ofDays(14));
    }

    @Test
    void repeated_questions_reuse_the_cached_signatures_and_fresh_ones_are_made_when_a_third_of_the_validity_remains() {
        // Over TCP, which the packet cache does not serve: every answer is built anew.
        RRSIGRecord first = sigOf(signedQuery("www." + ZONE, Type.A, true));
        RRSIGRecord second = sigOf(signedQuery("www." + ZONE, Type.A, true));
        // ECDSA signatures are randomised: equal bytes mean the signature was not made again.
        assertThat(second.getSignature()).isEqualTo(first.getSignature());
        RRSIGRecord denial = nsecSigOf(signedQuery("gone." + ZONE, Type.A, true));
        assertThat(nsecSigOf(signedQuery("gone." + ZONE, Type.A, true)).getSignature()).isEqualTo(denial.getSignature());

        // Fourteen days of validity: made again once less than 14/3 days remain, never served expired.
        // (The clock stays there: moving it back would leave signatures with inceptions in the future.)
        sigOf(signedQuery("www." + ZONE, Type.A, false)); // a UDP answer in the packet cache
        server.clock.advance(Duration.ofDays(9).plusHours(8).plusMinutes(1));
        RRSIGRecord renewed = sigOf(signedQuery("www." + ZONE, Type.A, true));
        assertThat(renewed.getSignature()).isNotEqualTo(first.getSignature());
        assertThat(renewed.getExpire()).isAfter(first.getExpire());
        RRSIGRecord renewedUdp = sigOf(signedQuery("www." + ZONE, Type.A, false));
        assertThat(renewedUdp.getExpire()).as("the packet cache does not keep a signature past its refresh").isEqualTo(renewed.getExpire());
        assertSecure(validated(anchor(currentDs()), "www." + ZONE, Type.A));
    }

    static RRSIGRecord nsecSigOf(Message m) {
        return (RRSIGRecord) m.getSection(Section.AUTHORITY).stream().filter(r -> r instanceof RRSIGRecord && ((RRSIGRecord) r).getTypeCovered() == Type.NSEC)
                .findFirst().orElseThrow();
    }

    @Test
    void a_referral_to_an_unsigned_child_carries_a_signed_nsec_proving_there_is_no_ds() throws Exception {
        Message referral = signedQuery("host.sub." + ZONE, Type.A);
        assertThat(referral.getHeader().getFlag(Flags.AA)).isFalse();
        NSECRecord nsec = (NSECRecord) referral.getSection(Section.AUTHORITY).stream().filter(r -> r instanceof NSECRecord).findFirst().orElseThrow();
        assertThat(nsec.getName().toString()).isEqualTo("sub." + ZONE + ".");
        assertThat(nsec.hasType(Type.NS)).isTrue();
        assertThat(nsec.hasType(Type.DS)).isFalse();
        RRSIGRecord sig = nsecSigOf(referral);
        DNSKEYRecord key = (DNSKEYRecord) signedQuery(ZONE, Type.DNSKEY).getSection(Section.ANSWER).stream()
                .filter(r -> r instanceof DNSKEYRecord && ((DNSKEYRecord) r).getFootprint() == sig.getFootprint()).findFirst().orElseThrow();
        org.xbill.DNS.DNSSEC.verify(new org.xbill.DNS.RRset(nsec), sig, key, server.clock.instant());
        // The DS of the cut is this zone's to answer: a signed NODATA, not a referral.
        Message ds = validated(anchor(currentDs()), "sub." + ZONE, Type.DS);
        assertSecure(ds);
        assertThat(ds.getSection(Section.ANSWER)).isEmpty();
    }

    static RRSIGRecord sigOf(Message m) {
        return (RRSIGRecord) m.getSection(Section.ANSWER).stream().filter(r -> r instanceof RRSIGRecord).findFirst().orElseThrow();
    }

    @Test
    void the_private_key_is_stored_sealed_never_in_clear() throws Exception {
        var rows = server.steward().db().tx(() -> server.steward().db().dsl()
                .fetch("select public_key, private_key from dns_key where zone_id = " + zoneId));
        assertThat(rows).isNotEmpty();
        for (var row : rows) {
            String sealed = row.get(1, String.class);
            assertThat(sealed).startsWith("v1:");
            // A PKCS#8 EC key in base64 starts "MIG"; neither the value nor its decoded bytes are one.
            assertThat(sealed).doesNotContain("MIGHAgEA");
            byte[] raw = Base64.getDecoder().decode(sealed.substring(3));
            boolean parses;
            try {
                KeyFactory.getInstance("EC").generatePrivate(new PKCS8EncodedKeySpec(raw));
                parses = true;
            } catch (java.security.spec.InvalidKeySpecException e) {
                parses = false;
            }
            assertThat(parses).isFalse();
            // The public half is the DNSKEY served.
            var dnskeys = signedQuery(ZONE, Type.DNSKEY).getSection(Section.ANSWER).stream().filter(r -> r instanceof DNSKEYRecord)
                    .map(r -> Base64.getEncoder().encodeToString(((DNSKEYRecord) r).getKey())).toList();
            assertThat(dnskeys).contains(row.get(0, String.class));
        }
    }

    @Test
    void a_bad_enabled_value_is_a_400_and_another_clients_zone_is_a_404() {
        var bad = server.http().post(dnssecPath(), auth, Body.form("enabled", "maybe"));
        assertThat(bad.status()).isEqualTo(400);
        var missing = server.http().post(dnssecPath(), auth, Body.form("other", "1"));
        assertThat(missing.status()).isEqualTo(400);
        var other = AccountFixtures.client(server);
        var res = server.http().post(dnssecPath(), other.auth(), Body.form("enabled", "1"));
        assertThat(res.status()).isEqualTo(404);
    }
}
