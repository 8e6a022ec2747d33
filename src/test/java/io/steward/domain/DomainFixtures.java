package io.steward.domain;

import static io.steward.core.Json.obj;
import static org.assertj.core.api.Assertions.assertThat;

import com.fasterxml.jackson.databind.JsonNode;
import io.steward.support.AccountFixtures;
import io.steward.support.Http.Auth;
import io.steward.support.Http.Body;
import io.steward.support.Http.Res;
import io.steward.support.TestServer;
import java.util.Map;
import java.util.UUID;

/** Ordering, paying and provisioning domains through the APIs, for the domain tests. */
final class DomainFixtures {
    private DomainFixtures() {}

    static String unique(String prefix) {
        return prefix + "-" + UUID.randomUUID().toString().substring(0, 8);
    }

    static long tldId(TestServer server, String tld) {
        for (JsonNode t : server.http().get("/admin/api/tlds", Auth.admin()).json().get("tlds")) {
            if (t.get("name").asText().equals(tld)) return t.get("id").asLong();
        }
        throw new AssertionError("no TLD " + tld);
    }

    static void addCredit(TestServer server, long clientId, String amount) {
        var res = server.http().post("/admin/api/clients/" + clientId + "/credit", Auth.admin(),
                Body.json(Map.of("amount", amount, "reason", "test credit")));
        assertThat(res.status()).as("adding credit: %s", res).isEqualTo(201);
    }

    static Res order(TestServer server, Auth auth, Map<String, Object> params) {
        return server.http().post("/api/domain/order", auth, Body.json(params));
    }

    static void pay(TestServer server, AccountFixtures.NewClient c, String invoiceId) {
        addCredit(server, c.id(), "500.00");
        var pay = server.http().post("/api/invoice/" + invoiceId + "/credit", c.auth(), Body.json(Map.of()));
        assertThat(pay.status()).as("paying %s: %s", invoiceId, pay).isEqualTo(200);
    }

    /** Runs registrar jobs until the domain leaves the given status (the scheduler may run them too). */
    static JsonNode settle(TestServer server, long domainId, String whileStatus) {
        JsonNode d = null;
        for (int i = 0; i < 100; i++) {
            server.steward().domains().runDueJobsNow();
            d = admin(server, domainId);
            if (!d.get("status").asText().equals(whileStatus)) return d;
            try {
                Thread.sleep(50);
            } catch (InterruptedException e) {
                Thread.currentThread().interrupt();
            }
        }
        return d;
    }

    static JsonNode admin(TestServer server, long domainId) {
        var res = server.http().get("/admin/api/domains/" + domainId, Auth.admin());
        assertThat(res.status()).as("%s", res).isEqualTo(200);
        return res.json().get("domain");
    }

    /** A client with an Active domain registered through an order paid with credit; answers the domain id. */
    static long registered(TestServer server, AccountFixtures.NewClient c, String name) {
        var res = order(server, c.auth(), obj("name", name, "years", "1"));
        assertThat(res.status()).as("%s", res).isEqualTo(200);
        pay(server, c, res.json().get("invoice_id").asText());
        long id = res.json().at("/items/id").asLong();
        assertThat(settle(server, id, "Pending Registration").get("status").asText()).isEqualTo("Active");
        return id;
    }

    /** The subjects of the client's queued mails made from {@code template} (the staff outbox). */
    static java.util.List<String> mails(TestServer server, long clientId, String template) {
        var res = server.http().get("/admin/api/mails?client_id=" + clientId + "&template=" + template, Auth.admin());
        assertThat(res.status()).as("%s", res).isEqualTo(200);
        var out = new java.util.ArrayList<String>();
        res.json().get("mails").forEach(m -> out.add(m.get("subject").asText()));
        return out;
    }

    /** The subjects of the client's portal notifications about the domain. */
    static java.util.List<String> notes(TestServer server, AccountFixtures.NewClient c, long domainId) {
        var out = new java.util.ArrayList<String>();
        server.http().get("/api/notifications?rel_type=domain&rel_id=" + domainId, c.auth()).json().get("notifications")
                .forEach(n -> out.add(n.get("subject").asText()));
        return out;
    }
}
