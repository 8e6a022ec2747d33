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
import java.util.List;
import org.junit.jupiter.api.AfterAll;
import org.junit.jupiter.api.BeforeAll;
import org.junit.jupiter.api.Test;
import org.xbill.DNS.DClass;
import org.xbill.DNS.ExtendedFlags;
import org.xbill.DNS.Message;
import org.xbill.DNS.Name;
import org.xbill.DNS.RRSIGRecord;
import org.xbill.DNS.Rcode;
import org.xbill.DNS.Section;
import org.xbill.DNS.Type;

/**
 * Pre-signing: once signing is switched on, and after a record change, the zone's sets and NSEC3
 * links are signed in the background, so the first answers (positive, NODATA, NXDOMAIN, the keys,
 * the changed names) make no signature on the answering thread. Counted on the zone's signer.
 */
class DnssecPresignTest {
    static final String ZONE = "presign-test.example";
    static final int NAMES = 40;
    static TestServer server;
    static Auth auth;
    static long serviceId;
    static long zoneId;

    @BeforeAll
    static void start() {
        server = TestServer.start();
        var client = AccountFixtures.client(server);
        auth = client.auth();
        serviceId = dnsService(server, client.id(), 5);
        zoneId = zone(server, auth, serviceId, ZONE);
        for (int i = 0; i < NAMES; i++) added(server, auth, serviceId, zoneId, obj("name", "h" + i, "type", "A", "content", "192.0.2." + (i + 1)));
        added(server, auth, serviceId, zoneId, obj("name", "deep.branch", "type", "TXT", "content", "below an empty non-terminal"));
        added(server, auth, serviceId, zoneId, obj("name", "*.wild", "type", "A", "content", "192.0.2.200"));
    }

    @AfterAll
    static void stop() {
        server.close();
    }

    static ZoneSigner awaitPresigned() throws InterruptedException {
        long deadline = System.nanoTime() + 60_000_000_000L;
        while (!server.steward().dns().presigned()) {
            assertThat(System.nanoTime()).as("pre-signing finishes").isLessThan(deadline);
            Thread.sleep(20);
        }
        ZoneSigner signer = server.steward().dns().cache().byId(zoneId).signer;
        assertThat(signer).isNotNull();
        return signer;
    }

    /** Asks over TCP (never from the packet cache) with DO; answers the response, which must be signed. */
    static Message signed(String name, int type, int rcode) throws Exception {
        var r = DnsFixtures.resolver(server, true);
        r.setEDNS(0, 1232, ExtendedFlags.DO, List.of());
        Message m = r.send(Message.newQuery(org.xbill.DNS.Record.newRecord(Name.fromString(name + "."), type, DClass.IN)));
        assertThat(m.getRcode()).as("%s", m).isEqualTo(rcode);
        var records = new java.util.ArrayList<>(m.getSection(Section.ANSWER));
        records.addAll(m.getSection(Section.AUTHORITY));
        assertThat(records).as("signed: %s", m).anyMatch(x -> x instanceof RRSIGRecord);
        return m;
    }

    @Test
    void first_answers_after_signing_and_after_a_change_are_served_from_ready_signatures() throws Exception {
        var res = server.http().post("/api/service/" + serviceId + "/dns/" + zoneId + "/dnssec", auth, Body.form("enabled", "1"));
        assertThat(res.status()).as("%s", res).isEqualTo(200);
        ZoneSigner signer = awaitPresigned();
        long made = signer.signaturesMade();
        assertThat(made).as("the zone was signed ahead: its sets and links").isGreaterThan(NAMES);

        for (int i = 0; i < NAMES; i++) signed("h" + i + "." + ZONE, Type.A, Rcode.NOERROR);
        signed(ZONE, Type.DNSKEY, Rcode.NOERROR);
        signed(ZONE, Type.SOA, Rcode.NOERROR);
        signed(ZONE, Type.NSEC3PARAM, Rcode.NOERROR);
        signed("h1." + ZONE, Type.TXT, Rcode.NOERROR);          // NODATA
        signed("branch." + ZONE, Type.A, Rcode.NOERROR);        // an empty non-terminal
        for (int i = 0; i < 20; i++) signed("missing" + i + "." + ZONE, Type.A, Rcode.NXDOMAIN);
        assertThat(server.steward().dns().cache().byId(zoneId).signer).isSameAs(signer);
        assertThat(signer.signaturesMade()).as("no answer signed anything").isEqualTo(made);

        // A wildcard expansion exists only per asked name: it is signed when asked (the count does move).
        signed("anything.wild." + ZONE, Type.A, Rcode.NOERROR);
        assertThat(signer.signaturesMade()).isEqualTo(made + 1);

        var later = added(server, auth, serviceId, zoneId, obj("name", "later", "type", "A", "content", "192.0.2.99"));
        var edit = server.http().put("/api/service/" + serviceId + "/dns/" + zoneId + "/records/" + later.get("id").asText(), auth,
                Body.json(obj("content", "192.0.2.98")));
        assertThat(edit.status()).as("%s", edit).isEqualTo(200);
        added(server, auth, serviceId, zoneId, obj("name", "leaf.newbranch", "type", "A", "content", "192.0.2.97"));
        assertThat(awaitPresigned()).as("a record change refreshes names, not the signer").isSameAs(signer);
        long afterChange = signer.signaturesMade();
        assertThat(afterChange).as("the changed names, the SOA and their links were signed ahead").isGreaterThan(made + 1);

        Message m = signed("later." + ZONE, Type.A, Rcode.NOERROR);
        assertThat(m.getSection(Section.ANSWER).toString()).contains("192.0.2.98");
        signed("leaf.newbranch." + ZONE, Type.A, Rcode.NOERROR);
        signed("newbranch." + ZONE, Type.A, Rcode.NOERROR);     // a new empty non-terminal
        signed(ZONE, Type.SOA, Rcode.NOERROR);                  // the new serial
        for (int i = 0; i < 20; i++) signed("gone" + i + "." + ZONE, Type.A, Rcode.NXDOMAIN);
        signed("later." + ZONE, Type.TXT, Rcode.NOERROR);
        assertThat(signer.signaturesMade()).as("no answer after the change signed anything").isEqualTo(afterChange);
    }
}
