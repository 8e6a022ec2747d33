package io.steward.names;

import static io.steward.core.Json.obj;
import static io.steward.dns.DnsFixtures.claim;
import static io.steward.dns.DnsFixtures.dnsService;
import static io.steward.dns.DnsFixtures.query;
import static io.steward.dns.DnsFixtures.zone;
import static org.assertj.core.api.Assertions.assertThat;

import com.fasterxml.jackson.databind.JsonNode;
import io.steward.support.AccountFixtures;
import io.steward.support.Http.Auth;
import io.steward.support.Http.Body;
import io.steward.support.Http.Res;
import io.steward.support.TestResolver;
import io.steward.support.TestServer;
import java.util.UUID;
import org.junit.jupiter.api.AfterAll;
import org.junit.jupiter.api.BeforeAll;
import org.junit.jupiter.api.Test;
import org.xbill.DNS.ARecord;
import org.xbill.DNS.Rcode;
import org.xbill.DNS.Section;
import org.xbill.DNS.Type;

class NameClaimsTest {
    static TestResolver resolver;
    static TestServer server;

    @BeforeAll
    static void start() {
        resolver = TestResolver.start();
        server = TestServer.start(c -> c.with("dns.verify-resolver", resolver.address()));
    }

    @AfterAll
    static void stop() {
        server.close();
        resolver.close();
    }

    private static String unique(String prefix) {
        return prefix + "-" + UUID.randomUUID().toString().substring(0, 8) + ".org";
    }

    private static Res createZone(Auth auth, long serviceId, String name) {
        return server.http().post("/api/service/" + serviceId + "/dns", auth, Body.json(obj("name", name)));
    }

    private static Res challenge(Auth auth, String name) {
        return server.http().post("/api/dns/claims", auth, Body.json(obj("name", name)));
    }

    private static Res verify(Auth auth, String name, String method) {
        return server.http().post("/api/dns/claims/verify", auth, Body.json(method == null ? obj("name", name) : obj("name", name, "method", method)));
    }

    private static String error(Res res) {
        return String.join(" ", AccountFixtures.texts(res.json().get("error")));
    }

    @Test
    void a_client_cannot_create_a_zone_for_a_name_it_has_not_proven_and_is_told_how_to_prove_it() {
        var c = AccountFixtures.client(server);
        long serviceId = dnsService(server, c.id(), 5);
        String name = unique("unproven");
        Res res = createZone(c.auth(), serviceId, name);
        assertThat(res.status()).isEqualTo(403);
        assertThat(res.json().get("success").asBoolean()).isFalse();
        assertThat(error(res)).contains("_steward-challenge." + name, "POST /api/dns/claims", "ns1.steward.test");
        assertThat(server.http().get("/api/service/" + serviceId + "/dns", c.auth()).json().get("zones")).isEmpty();
    }

    @Test
    void publishing_the_challenge_token_as_TXT_proves_control_and_the_first_client_to_prove_it_keeps_it() {
        var c = AccountFixtures.client(server);
        long serviceId = dnsService(server, c.id(), 5);
        String name = unique("txt");
        Res ch = challenge(c.auth(), name);
        assertThat(ch.status()).as("%s", ch).isEqualTo(200);
        JsonNode challenge = ch.json().get("challenge");
        assertThat(challenge.get("txt_name").asText()).isEqualTo("_steward-challenge." + name);
        String token = challenge.get("txt_value").asText();
        assertThat(challenge(c.auth(), name).json().at("/challenge/txt_value").asText()).as("the same token until verified").isEqualTo(token);

        Res early = verify(c.auth(), name, "txt");
        assertThat(early.status()).isEqualTo(422);
        assertThat(error(early)).contains("does not hold the token");
        resolver.txt("_steward-challenge." + name, "something else", token);
        Res ok = verify(c.auth(), name, "txt");
        assertThat(ok.status()).as("%s", ok).isEqualTo(200);
        assertThat(ok.json().at("/claim/method").asText()).isEqualTo("txt");
        JsonNode mine = server.http().get("/api/dns/claims", c.auth()).json();
        assertThat(mine.get("claims")).singleElement().satisfies(x -> assertThat(x.get("name").asText()).isEqualTo(name));
        assertThat(mine.get("challenges")).isEmpty();
        assertThat(createZone(c.auth(), serviceId, name).status()).isEqualTo(200);

        // Another client proving the same name later is told it is held (staff can reassign it).
        var other = AccountFixtures.client(server);
        String theirs = challenge(other.auth(), name).json().at("/challenge/txt_value").asText();
        resolver.txt("_steward-challenge." + name, theirs);
        Res late = verify(other.auth(), name, null);
        assertThat(late.status()).isEqualTo(409);
        assertThat(error(late)).contains("held by another account");
    }

    @Test
    void proving_a_name_releases_a_zone_another_client_holds_there_without_a_claim() {
        var holder = AccountFixtures.client(server);
        long holderService = dnsService(server, holder.id(), 5);
        String name = unique("unclaimed");
        long zoneId = zone(server, holder.auth(), holderService, name);
        server.http().post("/api/service/" + holderService + "/dns/" + zoneId + "/records", holder.auth(),
                Body.json(obj("name", "www", "type", "A", "content", "192.0.2.66")));
        long claimId = server.http().get("/admin/api/names/claims?client_id=" + holder.id(), Auth.admin()).json().at("/claims/0/id").asLong();
        assertThat(server.http().delete("/admin/api/names/claims/" + claimId, Auth.admin()).status()).isEqualTo(200);

        var prover = AccountFixtures.client(server);
        String token = challenge(prover.auth(), name).json().at("/challenge/txt_value").asText();
        resolver.txt("_steward-challenge." + name, token);
        Res ok = verify(prover.auth(), name, "txt");
        assertThat(ok.status()).as("%s", ok).isEqualTo(200);
        assertThat(server.http().get("/api/service/" + holderService + "/dns", holder.auth()).json().get("zones")).isEmpty();
        server.steward().dns().pollChanges(); // released inside the proof's transaction: served through the change log
        assertThat(query(server, "www." + name, Type.A, false).getRcode()).as("the old zone no longer answers").isEqualTo(org.xbill.DNS.Rcode.REFUSED);
        long proverService = dnsService(server, prover.id(), 5);
        assertThat(createZone(prover.auth(), proverService, name).status()).isEqualTo(200);
    }

    @Test
    void delegating_a_name_to_stewards_nameservers_after_the_challenge_proves_control() {
        var c = AccountFixtures.client(server);
        long serviceId = dnsService(server, c.id(), 5);
        String name = unique("ns");
        resolver.ns(name, "ns1.elsewhere.example", "ns2.elsewhere.example");
        Res ch = challenge(c.auth(), name);
        assertThat(ch.json().at("/challenge/ns_method").asText()).isEqualTo("1");
        assertThat(ch.json().at("/challenge/nameservers")).extracting(JsonNode::asText).containsExactly("ns1.steward.test", "ns2.steward.test");
        Res notYet = verify(c.auth(), name, "ns");
        assertThat(notYet.status()).isEqualTo(422);
        assertThat(error(notYet)).contains("ns1.elsewhere.example");

        resolver.ns(name, "ns1.steward.test.", "NS2.steward.test.");
        Res ok = verify(c.auth(), name, "ns");
        assertThat(ok.status()).as("%s", ok).isEqualTo(200);
        assertThat(ok.json().at("/claim/method").asText()).isEqualTo("ns");
        assertThat(createZone(c.auth(), serviceId, name).status()).isEqualTo(200);
        assertThat(query(server, name, Type.SOA, false).getRcode()).isEqualTo(Rcode.NOERROR);
    }

    @Test
    void a_delegation_that_existed_before_the_challenge_proves_nothing_about_who_made_it() {
        var c = AccountFixtures.client(server);
        long serviceId = dnsService(server, c.id(), 5);
        String name = unique("predelegated");
        resolver.ns(name, "ns1.steward.test", "ns2.steward.test");
        assertThat(challenge(c.auth(), name).json().at("/challenge/ns_method").asText()).isEqualTo("0");
        Res res = verify(c.auth(), name, null);
        assertThat(res.status()).isEqualTo(422);
        assertThat(error(res)).contains("publish the TXT record instead");
        assertThat(createZone(c.auth(), serviceId, name).status()).isEqualTo(403);
    }

    @Test
    void a_claim_covers_the_names_below_it_and_the_most_specific_claim_wins() {
        var a = AccountFixtures.client(server);
        var b = AccountFixtures.client(server);
        long aService = dnsService(server, a.id(), 5);
        long bService = dnsService(server, b.id(), 5);
        String parent = unique("family");
        claim(server, a.id(), parent);
        assertThat(createZone(a.auth(), aService, "www." + parent).status()).as("a child of the claimed name").isEqualTo(200);
        Res child = createZone(b.auth(), bService, "mail." + parent);
        assertThat(child.status()).isEqualTo(403);
        assertThat(error(child)).contains("held by another account");

        claim(server, b.id(), "dept." + parent);
        assertThat(createZone(a.auth(), aService, "team.dept." + parent).status()).as("under the other's more specific claim").isEqualTo(403);
        assertThat(createZone(b.auth(), bService, "dept." + parent).status()).as("the more specific claim").isEqualTo(200);

        // Holding a name does not give the names below it that another client holds.
        String top = unique("top");
        claim(server, b.id(), "deep." + top);
        var c = AccountFixtures.client(server);
        long cService = dnsService(server, c.id(), 5);
        claim(server, c.id(), top);
        Res parentOfOthers = createZone(c.auth(), cService, top);
        assertThat(parentOfOthers.status()).isEqualTo(403);
        assertThat(error(parentOfOthers)).contains("A name below " + top + " is held by another account");
        assertThat(createZone(c.auth(), cService, "www." + top).status()).as("beside the other client's name").isEqualTo(200);
    }

    @Test
    void public_suffixes_and_TLDs_can_never_be_claimed_not_even_by_staff() {
        var c = AccountFixtures.client(server);
        long serviceId = dnsService(server, c.id(), 5);
        for (String suffix : new String[] {"co.uk", "github.io", "whatever.kawasaki.jp"}) {
            Res zone = createZone(c.auth(), serviceId, suffix);
            assertThat(zone.status()).as(suffix).isEqualTo(422);
            assertThat(error(zone)).contains("public suffix");
            assertThat(challenge(c.auth(), suffix).status()).as(suffix).isEqualTo(422);
            assertThat(server.http().post("/admin/api/names/claims", Auth.admin(), Body.json(obj("client_id", c.id(), "name", suffix))).status())
                    .as(suffix).isEqualTo(422);
            assertThat(server.http().post("/admin/api/dns/zones", Auth.admin(), Body.json(obj("client_id", c.id(), "name", suffix))).status())
                    .as(suffix).isEqualTo(422);
        }
        assertThat(challenge(c.auth(), "test").status()).isEqualTo(422);
        assertThat(challenge(c.auth(), "com").status()).isEqualTo(422);
    }

    @Test
    void staff_give_a_name_and_its_zone_to_another_client_and_revoke_claims() {
        var a = AccountFixtures.client(server);
        var b = AccountFixtures.client(server);
        long aService = dnsService(server, a.id(), 5);
        String name = unique("moved");
        long zoneId = zone(server, a.auth(), aService, name);
        server.http().post("/api/service/" + aService + "/dns/" + zoneId + "/records", a.auth(),
                Body.json(obj("name", "www", "type", "A", "content", "192.0.2.77")));

        Res given = server.http().post("/admin/api/names/claims", Auth.admin(), Body.json(obj("client_id", b.id(), "name", name)));
        assertThat(given.status()).as("%s", given).isEqualTo(201);
        assertThat(given.json().at("/claim/method").asText()).isEqualTo("staff");
        assertThat(server.http().get("/admin/api/dns/zones?client_id=" + b.id(), Auth.admin()).json().get("zones"))
                .singleElement().satisfies(z -> assertThat(z.get("name").asText()).isEqualTo(name));
        assertThat(server.http().get("/api/service/" + aService + "/dns", a.auth()).json().get("zones")).isEmpty();
        assertThat(server.http().get("/api/dns/claims", a.auth()).json().get("claims")).isEmpty();
        var answer = query(server, "www." + name, Type.A, false).getSection(Section.ANSWER);
        assertThat(((ARecord) answer.get(0)).getAddress().getHostAddress()).as("the zone moved, its records with it").isEqualTo("192.0.2.77");

        JsonNode claims = server.http().get("/admin/api/names/claims?client_id=" + b.id(), Auth.admin()).json().get("claims");
        assertThat(claims).singleElement().satisfies(x -> assertThat(x.get("name").asText()).isEqualTo(name));
        long claimId = claims.get(0).get("id").asLong();
        assertThat(server.http().delete("/admin/api/names/claims/" + claimId, Auth.admin()).status()).isEqualTo(200);
        assertThat(server.http().get("/admin/api/names/claims?client_id=" + b.id(), Auth.admin()).json().get("claims")).isEmpty();
        assertThat(server.http().delete("/admin/api/names/claims/" + claimId, Auth.admin()).status()).isEqualTo(404);
    }

    @Test
    void a_zone_staff_create_records_the_clients_claim_and_the_demo_client_holds_its_demo_zone() {
        var c = AccountFixtures.client(server);
        String name = unique("staffzone");
        assertThat(server.http().post("/admin/api/dns/zones", Auth.admin(), Body.json(obj("client_id", c.id(), "name", name))).status()).isEqualTo(201);
        assertThat(server.http().get("/api/dns/claims", c.auth()).json().get("claims")).singleElement().satisfies(x -> {
            assertThat(x.get("name").asText()).isEqualTo(name);
            assertThat(x.get("method").asText()).isEqualTo("staff");
        });
        assertThat(server.http().get("/api/dns/claims", Auth.demo()).json().get("claims")).extracting(x -> x.get("name").asText())
                .contains("demo-zone.test");
    }

    @Test
    void bad_names_are_refused_with_a_field_error() {
        Res res = challenge(Auth.demo(), "not a name");
        assertThat(res.status()).isEqualTo(422);
        assertThat(res.json().path("fields").has("name")).isTrue();
        assertThat(verify(Auth.demo(), "no-challenge-" + UUID.randomUUID().toString().substring(0, 8) + ".org", null).status()).isEqualTo(422);
        assertThat(server.http().post("/api/dns/claims", Auth.demo(), Body.json(obj())).status()).isEqualTo(400);
        assertThat(verify(Auth.demo(), "x.org", "carrier-pigeon").status()).isEqualTo(422);
    }
}
