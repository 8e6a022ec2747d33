package io.steward.domain;

import static org.assertj.core.api.Assertions.assertThat;

import com.fasterxml.jackson.databind.JsonNode;
import io.steward.support.AccountFixtures;
import io.steward.support.Http.Auth;
import io.steward.support.Http.Body;
import io.steward.support.TestServer;
import java.util.List;
import java.util.Map;
import org.junit.jupiter.api.AfterAll;
import org.junit.jupiter.api.BeforeAll;
import org.junit.jupiter.api.Test;

class DomainManagementTest {
    static TestServer server;

    @BeforeAll
    static void start() {
        server = TestServer.start();
    }

    @AfterAll
    static void stop() {
        server.close();
    }

    private static String base(long id) {
        return "/api/domain/" + id;
    }

    @Test
    void nameservers_change_at_the_registry_and_an_empty_list_sets_the_defaults() {
        var c = AccountFixtures.client(server);
        String name = DomainFixtures.unique("ns") + ".com";
        long id = DomainFixtures.registered(server, c, name);
        var put = server.http().put(base(id) + "/ns", c.auth(), Body.json(Map.of("nameservers", List.of("ns1.other.example", "ns2.other.example"))));
        assertThat(put.status()).as("%s", put).isEqualTo(200);
        assertThat(put.json().get("info").get(0).asText()).isEqualTo("success_changes_save");
        assertThat(server.http().get(base(id) + "/ns", c.auth()).json().get("nameservers")).extracting(JsonNode::asText)
                .containsExactly("ns1.other.example", "ns2.other.example");
        assertThat(server.http().get("/admin/api/registry/" + name, Auth.admin()).json().at("/registry/nameservers/0").asText())
                .isEqualTo("ns1.other.example");

        var reset = server.http().put(base(id) + "/ns", c.auth(), Body.json(Map.of("nameservers", List.of())));
        assertThat(reset.status()).isEqualTo(200);
        assertThat(reset.json().get("nameservers")).extracting(JsonNode::asText).containsExactly("ns1.steward.test", "ns2.steward.test");
        var one = server.http().put(base(id) + "/ns", c.auth(), Body.json(Map.of("nameservers", List.of("ns1.only.example"))));
        assertThat(one.status()).isEqualTo(422);
        var bad = server.http().put(base(id) + "/ns", c.auth(), Body.json(Map.of("nameservers", List.of("not a host", "ns2.x.example"))));
        assertThat(bad.status()).isEqualTo(422);
    }

    @Test
    void glue_hosts_are_registered_under_the_domain_with_their_addresses() {
        var c = AccountFixtures.client(server);
        String name = DomainFixtures.unique("glue") + ".com";
        long id = DomainFixtures.registered(server, c, name);
        var reg = server.http().post(base(id) + "/reg", c.auth(), Body.json(Map.of("host", "ns1", "ip", List.of("192.0.2.10", "2001:db8::10"))));
        assertThat(reg.status()).as("%s", reg).isEqualTo(200);
        assertThat(reg.json().at("/hosts/0/host").asText()).isEqualTo("ns1." + name);
        assertThat(reg.json().at("/hosts/0/ips")).extracting(JsonNode::asText).containsExactly("192.0.2.10", "2001:db8::10");
        assertThat(server.http().get("/admin/api/registry/" + name, Auth.admin()).json().at("/registry/hosts/0/host").asText()).isEqualTo("ns1." + name);
        var outside = server.http().post(base(id) + "/reg", c.auth(), Body.json(Map.of("host", "ns1.elsewhere.example", "ip", "192.0.2.1")));
        assertThat(outside.status()).isEqualTo(422);
        var badIp = server.http().post(base(id) + "/reg", c.auth(), Body.json(Map.of("host", "ns2", "ip", "999.1.1.1")));
        assertThat(badIp.status()).isEqualTo(422);
    }

    @Test
    void a_locked_domain_cannot_be_transferred_away_and_an_unlocked_one_is_detected_by_sync() {
        var c = AccountFixtures.client(server);
        String name = DomainFixtures.unique("lock") + ".com";
        long id = DomainFixtures.registered(server, c, name);
        var lock = server.http().put(base(id) + "/reglock", c.auth(), Body.json(Map.of("reglock", "1")));
        assertThat(lock.status()).as("%s", lock).isEqualTo(200);
        assertThat(server.http().get(base(id) + "/reglock", c.auth()).json().get("reglock").asText()).isEqualTo("1");
        var refused = server.http().post("/admin/api/registry/" + name + "/transfer-away", Auth.admin(), Body.json(Map.of("to", "rival")));
        assertThat(refused.status()).as("%s", refused).isEqualTo(409);
        assertThat(refused.json().at("/messages/0").asText()).contains("locked");

        // Another registrar's transfer of a locked name is refused at the registry too.
        var other = AccountFixtures.client(server);
        String epp = server.http().get(base(id) + "/epp", c.auth()).json().get("epp").asText();
        assertThat(epp).isNotBlank();

        assertThat(server.http().put(base(id) + "/reglock", c.auth(), Body.json(Map.of("reglock", "0"))).status()).isEqualTo(200);
        assertThat(server.http().post("/admin/api/registry/" + name + "/transfer-away", Auth.admin(), Body.json(Map.of("to", "rival"))).status())
                .isEqualTo(200);
        var sync = server.http().get(base(id) + "/sync", c.auth());
        assertThat(sync.status()).as("%s", sync).isEqualTo(200);
        assertThat(sync.json().at("/details/status").asText()).isEqualTo("Transferred Away");
        // The client was told when the domain was registered and when it left, by mail and in the portal.
        assertThat(DomainFixtures.mails(server, c.id(), "domain.registered")).containsExactly("Your domain " + name + " is registered");
        assertThat(DomainFixtures.mails(server, c.id(), "domain.transferred-away")).containsExactly("Your domain " + name + " was transferred away");
        assertThat(DomainFixtures.notes(server, c, id)).containsExactly("Domain " + name + " transferred away", "Domain " + name + " registered");
        assertThat(server.http().get(base(id) + "/epp", c.auth()).status()).as("no longer ours to manage").isEqualTo(409);
        assertThat(server.http().get(base(id), other.auth()).status()).isEqualTo(404);
    }

    @Test
    void dnssec_keys_are_added_listed_and_deleted() {
        var c = AccountFixtures.client(server);
        long id = DomainFixtures.registered(server, c, DomainFixtures.unique("sec") + ".com");
        assertThat(server.http().get(base(id) + "/dnssec/flags", c.auth()).json().at("/flags/257").asText()).isEqualTo("KSK");
        String digest = "2bb183af5f22588179a53b0a98631fad1a292118a2bb183af5f22588179a53b0";
        var add = server.http().put(base(id) + "/dnssec", c.auth(), Body.json(Map.of("keytag", "12345", "alg", "13", "digest_type", "2",
                "digest", digest.toUpperCase())));
        assertThat(add.status()).as("%s", add).isEqualTo(200);
        String key = add.json().at("/key/key").asText();
        assertThat(key).isEqualTo("12345-13-2-" + digest);
        var keys = server.http().get(base(id) + "/dnssec", c.auth()).json().get("keys");
        assertThat(keys).hasSize(1);
        assertThat(keys.get(0).get("digest").asText()).isEqualTo(digest);

        var shortDigest = server.http().put(base(id) + "/dnssec", c.auth(), Body.json(Map.of("keytag", "1", "alg", "13", "digest_type", "2", "digest", "abcd")));
        assertThat(shortDigest.status()).isEqualTo(422);
        assertThat(shortDigest.json().get("fields").has("digest")).isTrue();

        assertThat(server.http().delete(base(id) + "/dnssec/" + key, c.auth()).status()).isEqualTo(200);
        assertThat(server.http().get(base(id) + "/dnssec", c.auth()).json().get("keys")).isEmpty();
        assertThat(server.http().delete(base(id) + "/dnssec/" + key, c.auth()).status()).isEqualTo(404);
    }

    @Test
    void contacts_are_set_from_an_account_contact_or_from_fields() {
        var c = AccountFixtures.client(server);
        long id = DomainFixtures.registered(server, c, DomainFixtures.unique("who") + ".com");
        var got = server.http().get(base(id) + "/contact", c.auth());
        assertThat(got.status()).as("%s", got).isEqualTo(200);
        assertThat(got.json().at("/contact/registrant/firstname").asText()).isEqualTo("Fixture");

        var contact = AccountFixtures.contact(server, c.auth(), null, false);
        var put = server.http().put(base(id) + "/contact", c.auth(), Body.json(Map.of("admin", String.valueOf(contact.id()),
                "tech", Map.of("firstname", "Tech", "lastname", "Person", "email", "tech@example.com", "address1", "1 Road", "city", "Town", "country", "nl"))));
        assertThat(put.status()).as("%s", put).isEqualTo(200);
        var now = server.http().get(base(id) + "/contact", c.auth()).json().get("contact");
        assertThat(now.at("/admin/email").asText()).isEqualTo(contact.email());
        assertThat(now.at("/tech/country").asText()).isEqualTo("NL");
        assertThat(now.at("/registrant/firstname").asText()).isEqualTo("Fixture");

        var unknown = server.http().put(base(id) + "/contact", c.auth(), Body.json(Map.of("billing", "999999")));
        assertThat(unknown.status()).isEqualTo(422);
        var missing = server.http().put(base(id) + "/contact", c.auth(), Body.json(Map.of("tech", Map.of("firstname", "X"))));
        assertThat(missing.status()).isEqualTo(422);
    }

    @Test
    void email_forwarding_autorenew_and_id_protection_are_kept() {
        var c = AccountFixtures.client(server);
        String name = DomainFixtures.unique("fwd") + ".com";
        long id = DomainFixtures.registered(server, c, name);
        var put = server.http().put(base(id) + "/emforwarding", c.auth(), Body.json(Map.of("emforwarding",
                List.of(Map.of("from", "info", "to", "me@example.org"), Map.of("from", "*", "to", "catch@example.org")))));
        assertThat(put.status()).as("%s", put).isEqualTo(200);
        var got = server.http().get(base(id) + "/emforwarding", c.auth()).json().get("emforwarding");
        assertThat(got).hasSize(2);
        assertThat(got.get(0).get("from").asText()).isEqualTo("info");
        assertThat(server.http().put(base(id) + "/emforwarding", c.auth(), Body.json(Map.of("emforwarding",
                List.of(Map.of("from", "info", "to", "not-an-address"))))).status()).isEqualTo(422);

        assertThat(server.http().get(base(id) + "/autorenew", c.auth()).json().get("autorenew").asText()).isEqualTo("1");
        assertThat(server.http().put(base(id) + "/autorenew", c.auth(), Body.json(Map.of("autorenew", "0"))).json().get("autorenew").asText()).isEqualTo("0");
        assertThat(server.http().put(base(id) + "/autorenew", c.auth(), Body.json(Map.of("autorenew", "maybe"))).status()).isEqualTo(422);

        var idp = server.http().put(base(id) + "/idprotection", c.auth(), Body.json(Map.of("idprotection", "1")));
        assertThat(idp.status()).as("%s", idp).isEqualTo(200);
        assertThat(server.http().get(base(id), c.auth()).json().at("/details/idprotection").asText()).isEqualTo("1");
        assertThat(server.http().get("/admin/api/registry/" + name, Auth.admin()).json().at("/registry/privacy").asBoolean()).isTrue();
    }

    @Test
    void contacts_with_per_domain_privileges_see_and_change_only_what_they_hold() {
        var c = AccountFixtures.client(server);
        long id = DomainFixtures.registered(server, c, DomainFixtures.unique("priv") + ".com");
        long other = DomainFixtures.registered(server, c, DomainFixtures.unique("priv2") + ".com");
        var privileges = Map.of("domains", Map.of(String.valueOf(id), List.of("basic", "nameservers")));
        var contact = AccountFixtures.contact(server, c.auth(), privileges, true);
        Auth auth = Auth.basic(contact.email(), contact.password());

        assertThat(server.http().get("/api/domain", auth).json().get("domains")).hasSize(1);
        assertThat(server.http().get(base(id), auth).status()).isEqualTo(200);
        assertThat(server.http().get(base(other), auth).status()).isEqualTo(403);
        assertThat(server.http().put(base(id) + "/ns", auth, Body.json(Map.of("nameservers", List.of()))).status()).isEqualTo(200);
        assertThat(server.http().get(base(id) + "/epp", auth).status()).isEqualTo(403);
        assertThat(server.http().put(base(id) + "/reglock", auth, Body.json(Map.of("reglock", "1"))).status()).isEqualTo(403);
        assertThat(server.http().post(base(id) + "/renew", auth, Body.json(Map.of("years", "1"))).status()).isEqualTo(403);

        var stranger = AccountFixtures.client(server);
        assertThat(server.http().get(base(id), stranger.auth()).status()).isEqualTo(404);
        assertThat(server.http().get(base(id) + "/epp", stranger.auth()).status()).isEqualTo(404);
        assertThat(server.http().get("/api/contact/privileges", c.auth()).json().at("/privileges/domains/" + id)).isNotEmpty();
    }

    @Test
    void the_demo_client_has_its_demo_domains() {
        var list = server.http().get("/api/domain", Auth.demo()).json().get("domains");
        var names = new java.util.ArrayList<String>();
        list.forEach(d -> names.add(d.get("name").asText() + "/" + d.get("status").asText()));
        assertThat(names).contains("demo-domain.test/Active", "expired-demo.test/Expired");
    }
}
