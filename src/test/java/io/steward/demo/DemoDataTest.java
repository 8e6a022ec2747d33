package io.steward.demo;

import static org.assertj.core.api.Assertions.assertThat;

import com.fasterxml.jackson.databind.JsonNode;
import io.steward.support.Http.Auth;
import io.steward.support.TestServer;
import org.junit.jupiter.api.AfterAll;
import org.junit.jupiter.api.BeforeAll;
import org.junit.jupiter.api.Test;

/** The demo data set: present after start, and loading it again changes nothing. */
class DemoDataTest {
    static TestServer server;

    @BeforeAll
    static void start() { server = TestServer.start(); }

    @AfterAll
    static void stop() { server.close(); }

    private static JsonNode clients() {
        var res = server.http().get("/admin/api/clients?perpage=500", Auth.admin());
        assertThat(res.status()).isEqualTo(200);
        return res.json();
    }

    private static JsonNode contacts() {
        var res = server.http().get("/api/contact", Auth.demo());
        assertThat(res.status()).isEqualTo(200);
        return res.json().get("contacts");
    }

    @Test
    void loading_the_demo_data_twice_changes_nothing() {
        // Contacts first: the demo holder's first login stamps lastlogin, which is not what is compared here.
        JsonNode contactsBefore = contacts();
        JsonNode clientsBefore = clients();
        // The demo client, the client it referred as an affiliate, the demo partner and its two end clients.
        assertThat(clientsBefore.get("total").asInt()).isEqualTo(5);
        assertThat(contactsBefore.size()).isEqualTo(1);

        server.steward().loadDemo();
        server.steward().loadDemo();

        JsonNode clientsAfter = clients();
        assertThat(clientsAfter.get("total").asInt()).isEqualTo(clientsBefore.get("total").asInt());
        assertThat(clientsAfter.get("clients")).isEqualTo(clientsBefore.get("clients"));
        assertThat(contacts()).isEqualTo(contactsBefore);
        assertThat(server.http().get("/api/details", Auth.demo()).status()).isEqualTo(200);
        assertThat(server.http().get("/api/details", Auth.demoContact()).status()).isEqualTo(200);
        assertThat(server.http().get("/api/details", Auth.admin()).status()).as("an admin key is no client credential").isEqualTo(401);
        assertThat(server.http().get("/admin/api/clients", Auth.admin()).status()).isEqualTo(200);
    }

    @Test
    void the_demo_domain_has_its_zone_answered_by_stewards_dns_server_and_reloading_adds_no_second() {
        var zones = server.http().get("/admin/api/dns/zones?q=demo-domain.test", Auth.admin()).json().get("zones");
        assertThat(zones).singleElement().satisfies(z -> assertThat(z.get("name").asText()).isEqualTo("demo-domain.test"));
        var domain = server.http().get("/api/domain", Auth.demo()).json().toString();
        assertThat(domain).contains("demo-domain.test");
        server.steward().dns().pollChanges();
        var answer = io.steward.dns.DnsFixtures.query(server, "demo-domain.test", org.xbill.DNS.Type.NS, false);
        assertThat(answer.getRcode()).isEqualTo(org.xbill.DNS.Rcode.NOERROR);
        assertThat(answer.getSection(org.xbill.DNS.Section.ANSWER)).isNotEmpty();
        assertThat(server.http().get("/admin/api/names/claims?q=demo-domain.test", Auth.admin()).json().at("/claims/0/method").asText())
                .isEqualTo("registration");

        server.steward().loadDemo();
        assertThat(server.http().get("/admin/api/dns/zones?q=demo-domain.test", Auth.admin()).json().get("zones")).hasSize(1);
    }

    @Test
    void the_demo_set_is_the_documented_one() {
        JsonNode demo = server.http().get("/api/details", Auth.demo()).json().get("client");
        assertThat(demo.get("email").asText()).isEqualTo(DemoData.CLIENT_EMAIL);
        assertThat(demo.get("country").asText()).isEqualTo("US");
        JsonNode contact = contacts().get(0);
        assertThat(contact.get("email").asText()).isEqualTo(DemoData.CONTACT_EMAIL);
        var details = server.http().get("/api/contact/" + contact.get("id").asText(), Auth.demo()).json().get("contact");
        assertThat(details.get("login").asText()).isEqualTo("1");
        assertThat(details.at("/privileges/support").size()).isEqualTo(4);
        assertThat(details.get("privileges").size()).isEqualTo(1);
    }

    @Test
    void the_demo_client_has_a_paid_order_with_an_active_service_and_a_pending_order_loaded_once() {
        long clientId = server.http().get("/api/details", Auth.demo()).json().at("/client/id").asLong();
        JsonNode orders = orders(clientId);
        assertThat(orders).hasSize(2);
        assertThat(orders.findValuesAsText("status")).containsExactlyInAnyOrder("Active", "Pending");
        for (JsonNode o : orders) {
            long serviceId = o.at("/items/0/service_id").asLong();
            var service = server.http().get("/api/service/" + serviceId, Auth.demo());
            assertThat(service.status()).as("%s", service).isEqualTo(200);
            var invoice = server.http().get("/api/invoice/" + o.get("invoice_id").asText(), Auth.demo()).json().get("invoice");
            if (o.get("status").asText().equals("Active")) {
                assertThat(invoice.get("status").asText()).isEqualTo("Paid");
                assertThat(service.json().at("/service/status").asText()).isIn("Pending", "Active"); // Active once its job ran
            } else {
                assertThat(invoice.get("status").asText()).isEqualTo("Unpaid");
                assertThat(service.json().at("/service/status").asText()).isEqualTo("Pending");
            }
        }

        server.steward().loadDemo();

        assertThat(orders(clientId)).isEqualTo(orders);
    }

    private static JsonNode orders(long clientId) {
        var res = server.http().get("/admin/api/orders?client_id=" + clientId, Auth.admin());
        assertThat(res.status()).as("%s", res).isEqualTo(200);
        return res.json().get("orders");
    }
}
