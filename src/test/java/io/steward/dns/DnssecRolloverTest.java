package io.steward.dns;

import static io.steward.core.Json.obj;
import static io.steward.dns.DnsFixtures.added;
import static io.steward.dns.DnsFixtures.dnsService;
import static io.steward.dns.DnsFixtures.zone;
import static org.assertj.core.api.Assertions.assertThat;

import com.fasterxml.jackson.databind.JsonNode;
import io.steward.support.AccountFixtures;
import io.steward.support.Http.Auth;
import io.steward.support.Http.Body;
import io.steward.support.TestServer;
import java.io.ByteArrayInputStream;
import java.nio.charset.StandardCharsets;
import java.time.Duration;
import java.time.LocalDateTime;
import java.time.ZoneOffset;
import java.util.List;
import org.junit.jupiter.api.AfterAll;
import org.junit.jupiter.api.BeforeAll;
import org.junit.jupiter.api.MethodOrderer;
import org.junit.jupiter.api.Order;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.TestMethodOrder;
import org.xbill.DNS.CDSRecord;
import org.xbill.DNS.DClass;
import org.xbill.DNS.ExtendedFlags;
import org.xbill.DNS.Flags;
import org.xbill.DNS.Message;
import org.xbill.DNS.Name;
import org.xbill.DNS.RRSIGRecord;
import org.xbill.DNS.Rcode;
import org.xbill.DNS.Section;
import org.xbill.DNS.Type;
import org.xbill.DNS.dnssec.ValidatingResolver;

/**
 * The keys' life cycle on the test's clock, driven by the DNSSEC job ({@code DnssecService.run}) as
 * the scheduler would: a staff rollover validates throughout with the old DS, then with the new
 * one; switching signing off withdraws it only after cached DS records can have expired; a key
 * that has signed for the rollover interval is rolled by the job itself.
 */
@TestMethodOrder(MethodOrderer.OrderAnnotation.class)
class DnssecRolloverTest {
    static TestServer server;
    static Auth auth;
    static long serviceId;

    @BeforeAll
    static void start() {
        server = TestServer.start();
        var client = AccountFixtures.client(server);
        auth = client.auth();
        serviceId = dnsService(server, client.id(), 5);
    }

    @AfterAll
    static void stop() {
        server.close();
    }

    static long signedZone(String name) {
        long id = zone(server, auth, serviceId, name);
        added(server, auth, serviceId, id, obj("name", "www", "type", "A", "ttl", 300, "content", "192.0.2.80"));
        var res = server.http().post("/admin/api/dns/zones/" + id + "/dnssec", Auth.admin(), Body.json(obj("enabled", true)));
        assertThat(res.status()).as("%s", res).isEqualTo(200);
        return id;
    }

    static JsonNode state(long zoneId) {
        var res = server.http().get("/admin/api/dns/zones/" + zoneId + "/dnssec", Auth.admin());
        assertThat(res.status()).as("%s", res).isEqualTo(200);
        return res.json().get("dnssec");
    }

    static List<String> states(long zoneId) {
        var out = new java.util.ArrayList<String>();
        state(zoneId).get("keys").forEach(k -> out.add(k.get("keytag").asText() + ":" + k.get("state").asText()));
        return out;
    }

    static String ds(long zoneId) {
        JsonNode ds = state(zoneId).get("ds");
        assertThat(ds).hasSize(1);
        return ds.get(0).asText();
    }

    static Message validated(String zone, String ds, String name, int type) {
        try {
            var resolver = new ValidatingResolver(DnsFixtures.resolver(server, false), server.clock);
            resolver.loadTrustAnchors(new ByteArrayInputStream((zone + ". 3600 IN DS " + ds + "\n").getBytes(StandardCharsets.US_ASCII)));
            resolver.setTimeout(Duration.ofSeconds(3));
            return resolver.send(Message.newQuery(org.xbill.DNS.Record.newRecord(Name.fromString(name + "."), type, DClass.IN)));
        } catch (java.io.IOException e) {
            throw new java.io.UncheckedIOException(e);
        }
    }

    /** A positive answer, a denial of a missing name and the key set all validate with {@code ds} as the only anchor. */
    static void assertValidatesWith(String zone, String ds) {
        for (var q : List.of(new Object[] {"www." + zone, Type.A}, new Object[] {"missing." + zone, Type.A}, new Object[] {zone, Type.DNSKEY})) {
            Message m = validated(zone, ds, (String) q[0], (int) q[1]);
            assertThat(m.getHeader().getFlag(Flags.AD)).as("%s %s validates with DS %s:\n%s", q[0], Type.string((int) q[1]), ds, m).isTrue();
            // The missing name is denied by the NSEC3 chain, the default: a validated NXDOMAIN.
            assertThat(m.getRcode()).isEqualTo(q[0].toString().startsWith("missing.") ? Rcode.NXDOMAIN : Rcode.NOERROR);
        }
    }

    static Message signedQuery(String name, int type) {
        try {
            var r = DnsFixtures.resolver(server, false);
            r.setEDNS(0, 1232, ExtendedFlags.DO, List.of());
            return r.send(Message.newQuery(org.xbill.DNS.Record.newRecord(Name.fromString(name + "."), type, DClass.IN)));
        } catch (java.io.IOException e) {
            throw new java.io.UncheckedIOException(e);
        }
    }

    static int signerOf(String name) {
        return signedQuery(name, Type.A).getSection(Section.ANSWER).stream().filter(r -> r instanceof RRSIGRecord)
                .map(r -> ((RRSIGRecord) r).getFootprint()).findFirst().orElseThrow();
    }

    static void advance(Duration d) {
        server.clock.advance(d);
    }

    static LocalDateTime stamp(String s) {
        return LocalDateTime.parse(s.replace(' ', 'T'));
    }

    @Test
    @Order(1)
    void a_staff_rollover_validates_throughout_with_the_old_ds_then_with_the_new_ds() {
        String zone = "roll-test.example";
        long id = signedZone(zone);
        String oldDs = ds(id);
        int oldTag = Integer.parseInt(oldDs.split(" ")[0]);
        assertValidatesWith(zone, oldDs);

        var roll = server.http().post("/admin/api/dns/zones/" + id + "/dnssec/rollover", Auth.admin(), Body.json(obj()));
        assertThat(roll.status()).as("%s", roll).isEqualTo(200);
        assertThat(server.http().post("/admin/api/dns/zones/" + id + "/dnssec/rollover", Auth.admin(), Body.json(obj())).status())
                .as("one rollover at a time").isEqualTo(409);
        // Published: the new key is in the key set, the old one still signs, the DS stays.
        assertThat(states(id)).hasSize(2).contains(oldTag + ":active").anyMatch(s -> s.endsWith(":published"));
        assertThat(signedQuery(zone, Type.DNSKEY).getSection(Section.ANSWER).stream().filter(r -> r.getType() == Type.DNSKEY)).hasSize(2);
        assertThat(ds(id)).isEqualTo(oldDs);
        assertValidatesWith(zone, oldDs);

        // Not before propagation + DNSKEY TTL (1 h + 1 h by default).
        advance(Duration.ofMinutes(119));
        server.steward().dns().dnssec().run();
        assertThat(states(id)).anyMatch(s -> s.endsWith(":published"));
        assertThat(signerOf("www." + zone)).isEqualTo(oldTag);

        advance(Duration.ofMinutes(2));
        server.steward().dns().dnssec().run();
        String newDs = ds(id);
        int newTag = Integer.parseInt(newDs.split(" ")[0]);
        assertThat(newDs).isNotEqualTo(oldDs);
        assertThat(states(id)).containsExactlyInAnyOrder(oldTag + ":retired", newTag + ":active");
        assertThat(signerOf("www." + zone)).as("zone data signed by the new key").isEqualTo(newTag);
        // Resolvers that still hold the old DS and those that have the new one both validate.
        assertValidatesWith(zone, oldDs);
        assertValidatesWith(zone, newDs);
        // The CDS asks the parent for the new DS.
        var cds = signedQuery(zone, Type.CDS).getSection(Section.ANSWER).stream().filter(r -> r instanceof CDSRecord).toList();
        assertThat(cds).hasSize(1);
        assertThat(((CDSRecord) cds.get(0)).getFootprint()).isEqualTo(newTag);

        // The old key leaves once the old DS (1 day) and its signatures (the zone's NS TTL, 1 day) have expired, plus propagation.
        JsonNode retired = null;
        for (JsonNode k : state(id).get("keys")) if (k.get("state").asText().equals("retired")) retired = k;
        assertThat(retired).isNotNull();
        LocalDateTime removeAt = stamp(retired.get("remove_at").asText());
        LocalDateTime now = LocalDateTime.ofInstant(server.clock.instant(), ZoneOffset.UTC);
        assertThat(Duration.between(now, removeAt)).isBetween(Duration.ofHours(25).minusMinutes(1), Duration.ofHours(25));
        advance(Duration.between(now, removeAt).minusMinutes(1));
        server.steward().dns().dnssec().run();
        assertThat(states(id)).hasSize(2);
        assertValidatesWith(zone, oldDs);

        advance(Duration.ofMinutes(2));
        server.steward().dns().dnssec().run();
        assertThat(states(id)).containsExactly(newTag + ":active");
        assertValidatesWith(zone, newDs);
        Message stale = validated(zone, oldDs, "www." + zone, Type.A);
        assertThat(stale.getRcode()).as("the old DS no longer matches any key").isEqualTo(Rcode.SERVFAIL);
    }

    @Test
    @Order(2)
    void switching_signing_off_keeps_signing_until_cached_ds_records_have_expired() {
        String zone = "unsign-test.example";
        long id = signedZone(zone);
        String ds = ds(id);
        var off = server.http().post("/admin/api/dns/zones/" + id + "/dnssec", Auth.admin(), Body.form("enabled", "0"));
        assertThat(off.status()).as("%s", off).isEqualTo(200);
        assertThat(off.json().at("/dnssec/enabled").asBoolean()).isFalse();
        assertThat(off.json().at("/dnssec/ds")).isEmpty();
        // Still signed, with CDS "0 0 0 00" asking the parent to delete the DS (RFC 8078 §4).
        assertValidatesWith(zone, ds);
        var cds = (CDSRecord) signedQuery(zone, Type.CDS).getSection(Section.ANSWER).stream().filter(r -> r instanceof CDSRecord)
                .findFirst().orElseThrow();
        assertThat(cds.getAlgorithm()).isZero();

        advance(Duration.ofHours(25).minusMinutes(1));
        server.steward().dns().dnssec().run();
        assertValidatesWith(zone, ds);
        advance(Duration.ofMinutes(2));
        server.steward().dns().dnssec().run();
        assertThat(state(id).get("keys")).isEmpty();
        assertThat(state(id).get("ds_status").asText()).isEqualTo("none");
        Message plain = signedQuery("www." + zone, Type.A);
        assertThat(plain.getSection(Section.ANSWER)).noneMatch(r -> r instanceof RRSIGRecord);
        assertThat(signedQuery(zone, Type.DNSKEY).getSection(Section.ANSWER)).isEmpty();
    }

    @Test
    @Order(3)
    void a_key_that_has_signed_for_the_rollover_interval_is_rolled_by_the_job() {
        String zone = "scheduled-roll.example";
        long id = signedZone(zone);
        String tag = ds(id).split(" ")[0];
        advance(Duration.ofDays(90).minusMinutes(1));
        server.steward().dns().dnssec().run();
        assertThat(states(id)).containsExactly(tag + ":active");
        advance(Duration.ofMinutes(2));
        server.steward().dns().dnssec().run();
        assertThat(states(id)).hasSize(2).contains(tag + ":active").anyMatch(s -> s.endsWith(":published"));
        assertValidatesWith(zone, ds(id));
    }
}
