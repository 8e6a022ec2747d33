package io.steward.notification;

import static io.steward.core.Json.obj;
import static org.assertj.core.api.Assertions.assertThat;

import com.fasterxml.jackson.databind.JsonNode;
import io.steward.support.AccountFixtures;
import io.steward.support.AccountFixtures.NewClient;
import io.steward.support.Http.Auth;
import io.steward.support.Http.Body;
import io.steward.support.Http.Res;
import io.steward.support.TestServer;
import java.util.ArrayList;
import java.util.List;
import java.util.Map;
import org.junit.jupiter.api.AfterAll;
import org.junit.jupiter.api.BeforeAll;
import org.junit.jupiter.api.Test;

/** Staff broadcasts reach exactly the clients of their audience, as a notification and optionally a mail. */
class BroadcastsTest {
    static TestServer server;

    @BeforeAll
    static void start() { server = TestServer.start(); }

    @AfterAll
    static void stop() { server.close(); }

    private static long productId() {
        JsonNode products = server.http().get("/admin/api/products", Auth.admin()).json().get("products");
        return products.get(0).get("id").asLong();
    }

    private static void service(NewClient c, Long productId, String module) {
        var body = obj("client_id", c.id(), "billing_cycle", "m", "currency", "USD", "recurring_amount", "9.99", "first_payment", "9.99",
                "name", "Hosting", "category", "Hosting", "category_slug", "hosting", "domain", "b.example");
        if (productId != null) body.put("product_id", productId);
        if (module != null) body.put("module", module);
        Res res = server.http().post("/admin/api/services", Auth.admin(), Body.json(body));
        assertThat(res.status()).as(res.toString()).isEqualTo(201);
    }

    private static List<String> broadcastSubjects(NewClient c) {
        var out = new ArrayList<String>();
        server.http().get("/api/notifications?rel_type=broadcast", c.auth()).json().get("notifications")
                .forEach(n -> out.add(n.get("subject").asText()));
        return out;
    }

    private static Res send(Map<String, Object> body) {
        return server.http().post("/admin/api/broadcasts", Auth.admin(), Body.json(body));
    }

    @Test
    void a_product_broadcast_reaches_only_clients_with_a_service_of_that_product_and_mails_them() {
        long product = productId();
        NewClient holder = AccountFixtures.client(server);
        NewClient other = AccountFixtures.client(server);
        service(holder, product, null);
        String subject = "Maintenance of product " + product + " " + System.nanoTime();

        Res res = send(obj("target", "product", "product_id", product, "subject", subject, "message", "Tonight 02:00-03:00 UTC", "mail", true));
        assertThat(res.status()).as(res.toString()).isEqualTo(201);
        JsonNode b = res.json().get("broadcast");
        assertThat(b.get("recipients").asInt()).isGreaterThanOrEqualTo(1);
        assertThat(broadcastSubjects(holder)).containsExactly(subject);
        assertThat(broadcastSubjects(other)).isEmpty();
        var mails = server.steward().mail().service().list(null, holder.id(), "broadcast", null, 1, 10).mails();
        assertThat(mails).hasSize(1);
        assertThat(mails.getFirst().subject()).isEqualTo(subject);
        assertThat(mails.getFirst().bodyText()).contains("Tonight 02:00-03:00 UTC");
        assertThat(server.steward().mail().service().list(null, other.id(), "broadcast", null, 1, 10).mails()).isEmpty();

        JsonNode listed = server.http().get("/admin/api/broadcasts", Auth.admin()).json().at("/broadcasts/0");
        assertThat(listed.get("id").asLong()).isEqualTo(b.get("id").asLong());
        assertThat(listed.get("target").asText()).isEqualTo("product");
    }

    @Test
    void a_server_broadcast_follows_the_services_module_and_all_reaches_everyone() {
        NewClient onServer = AccountFixtures.client(server);
        NewClient elsewhere = AccountFixtures.client(server);
        service(onServer, null, "recording");
        String subject = "Server notice " + System.nanoTime();
        Res res = send(obj("target", "server", "server", "recording", "subject", subject, "message", "Reboot"));
        assertThat(res.status()).as(res.toString()).isEqualTo(201);
        assertThat(broadcastSubjects(onServer)).containsExactly(subject);
        assertThat(broadcastSubjects(elsewhere)).isEmpty();
        assertThat(server.steward().mail().service().list(null, onServer.id(), "broadcast", null, 1, 10).mails()).isEmpty();

        String all = "To everyone " + System.nanoTime();
        assertThat(send(obj("subject", all, "message", "Hello")).status()).isEqualTo(201);
        assertThat(broadcastSubjects(onServer)).contains(all);
        assertThat(broadcastSubjects(elsewhere)).containsExactly(all);
    }

    @Test
    void bad_broadcasts_are_refused() {
        assertThat(send(obj("subject", "", "message", "x")).status()).isEqualTo(422);
        assertThat(send(obj("target", "product", "subject", "s", "message", "m")).status()).isEqualTo(422);
        assertThat(send(obj("target", "planet", "subject", "s", "message", "m")).status()).isEqualTo(422);
        assertThat(send(obj("subject", "s", "message", "m", "mail", "maybe")).status()).isEqualTo(422);
        assertThat(server.http().post("/admin/api/broadcasts", Auth.demo(), Body.json(obj("subject", "s", "message", "m"))).status())
                .isEqualTo(401);
    }
}
