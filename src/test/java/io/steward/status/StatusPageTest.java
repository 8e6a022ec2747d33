package io.steward.status;

import static io.steward.core.Json.obj;
import static org.assertj.core.api.Assertions.assertThat;

import com.fasterxml.jackson.databind.JsonNode;
import io.steward.support.AccountFixtures;
import io.steward.support.Http.Auth;
import io.steward.support.Http.Body;
import io.steward.support.Http.Res;
import io.steward.support.TestServer;
import java.util.List;
import org.junit.jupiter.api.AfterAll;
import org.junit.jupiter.api.BeforeAll;
import org.junit.jupiter.api.Test;

/** The status page: staff open incidents and maintenance; exactly the clients with affected services are told. */
class StatusPageTest {
    static TestServer server;

    @BeforeAll
    static void start() { server = TestServer.start(); }

    @AfterAll
    static void stop() { server.close(); }

    private static long product(String name) {
        Res res = server.http().post("/admin/api/products", Auth.admin(), Body.json(obj("name", name, "category_id",
                server.http().get("/admin/api/categories", Auth.admin()).json().at("/categories/0/id").asLong(), "type", "hosting",
                "pay_type", "Regular")));
        assertThat(res.status()).as(res.toString()).isEqualTo(201);
        return res.json().at("/product/id").asLong();
    }

    private static long service(long clientId, Long productId, String module, String status) {
        var body = obj("client_id", clientId, "billing_cycle", "m", "currency", "USD", "recurring_amount", "5", "first_payment", "5",
                "name", "Svc", "category", "Hosting", "category_slug", "hosting", "domain", "s" + System.nanoTime() + ".example.com");
        if (productId != null) body.put("product_id", productId);
        if (module != null) body.put("module", module);
        Res res = server.http().post("/admin/api/services", Auth.admin(), Body.json(body));
        assertThat(res.status()).as(res.toString()).isEqualTo(201);
        long id = res.json().at("/service/id").asLong();
        if (status != null) server.steward().db().dsl().execute("UPDATE service SET status = ? WHERE id = ?", status, id);
        return id;
    }

    private static JsonNode clientView(Auth who, long id) {
        for (JsonNode s : server.http().get("/api/statuses", who).json().get("statuses")) if (s.get("id").asLong() == id) return s;
        throw new AssertionError("status " + id + " not listed");
    }

    @Test
    void an_incident_tells_exactly_the_clients_with_open_services_on_the_affected_products_or_servers() {
        long affectedProduct = product("Status test A");
        long otherProduct = product("Status test B");
        var onProduct = AccountFixtures.client(server);
        var onServer = AccountFixtures.client(server);
        var twice = AccountFixtures.client(server);
        var elsewhere = AccountFixtures.client(server);
        var terminated = AccountFixtures.client(server);
        service(onProduct.id(), affectedProduct, null, null);
        service(onServer.id(), otherProduct, "flaky", "Active");
        service(twice.id(), affectedProduct, "flaky", "Active");
        service(twice.id(), affectedProduct, null, "Suspended");
        service(elsewhere.id(), otherProduct, null, "Active");
        service(terminated.id(), affectedProduct, null, "Terminated");

        Res created = server.http().post("/admin/api/statuses", Auth.admin(), Body.json(obj("title", "Storage outage",
                "description", "Disks are slow", "product_ids", List.of(affectedProduct), "servers", List.of("flaky"))));
        assertThat(created.status()).as(created.toString()).isEqualTo(201);
        assertThat(created.json().get("notified").asInt()).isEqualTo(3);
        long id = created.json().at("/status/id").asLong();
        assertThat(created.json().at("/status/status").asText()).isEqualTo("Investigating");

        assertThat(clientView(onProduct.auth(), id).get("affected").asText()).isEqualTo("1");
        assertThat(clientView(onServer.auth(), id).get("affected").asText()).isEqualTo("1");
        assertThat(clientView(twice.auth(), id).get("affected").asText()).isEqualTo("1");
        assertThat(clientView(elsewhere.auth(), id).get("affected").asText()).isEqualTo("0");
        assertThat(clientView(terminated.auth(), id).get("affected").asText()).isEqualTo("0");

        Res update = server.http().post("/admin/api/statuses/" + id + "/updates", Auth.admin(),
                Body.json(obj("status", "Resolved", "message", "Disks replaced")));
        assertThat(update.status()).isEqualTo(201);
        assertThat(update.json().get("notified").asInt()).isEqualTo(3);
        assertThat(update.json().at("/status/resolved_at").isNull()).isFalse();

        Res quiet = server.http().post("/admin/api/statuses/" + id + "/updates", Auth.admin(),
                Body.json(obj("message", "Post-mortem published", "notify", false)));
        assertThat(quiet.json().get("notified").asInt()).isZero();

        Res unclear = server.http().post("/admin/api/statuses/" + id + "/updates", Auth.admin(),
                Body.json(obj("message", "More news", "notify", "maybe")));
        assertThat(unclear.status()).as("notify must be a yes or no").isEqualTo(400);
        assertThat(unclear.json().at("/fields/notify").isMissingNode()).isFalse();
    }

    @Test
    void clients_read_details_by_GET_and_PUT_and_filter_by_status() {
        Res created = server.http().post("/admin/api/statuses", Auth.admin(), Body.json(obj("type", "Maintenance", "title", "Router upgrade",
                "starts_at", "2030-01-10 02:00:00", "ends_at", "2030-01-10 04:00:00")));
        long id = created.json().at("/status/id").asLong();
        assertThat(created.json().at("/status/status").asText()).isEqualTo("Scheduled");
        server.http().post("/admin/api/statuses/" + id + "/updates", Auth.admin(), Body.json(obj("status", "In Progress", "message", "Started")));

        JsonNode got = server.http().get("/api/statuses/" + id, Auth.demo()).json().get("status");
        assertThat(got.get("type").asText()).isEqualTo("Maintenance");
        assertThat(got.get("status").asText()).isEqualTo("In Progress");
        assertThat(got.get("start").asText()).isEqualTo("2030-01-10 02:00:00");
        assertThat(got.at("/updates/0/message").asText()).isEqualTo("Started");
        assertThat(server.http().put("/api/statuses/" + id, Auth.demo(), Body.NONE).json().get("status")).isEqualTo(got);

        var inProgress = server.http().get("/api/statuses?status=In%20Progress", Auth.demo()).json().get("statuses");
        assertThat(inProgress.findValuesAsText("id")).contains(Long.toString(id));
        assertThat(inProgress.findValuesAsText("status")).containsOnly("In Progress");
        var resolved = server.http().get("/api/statuses?status=resolved", Auth.demo()).json().get("statuses");
        assertThat(resolved.findValuesAsText("id")).doesNotContain(Long.toString(id));
        assertThat(resolved.findValuesAsText("status")).containsOnly("Resolved");
        assertThat(server.http().get("/api/statuses?status=broken", Auth.demo()).status()).isEqualTo(422);
        assertThat(server.http().get("/api/statuses/999999", Auth.demo()).status()).isEqualTo(404);
        assertThat(server.http().get("/api/statuses", Auth.NONE).status()).isEqualTo(401);
    }

    @Test
    void staff_edit_and_delete_entries_and_bad_input_names_the_field() {
        Res bad = server.http().post("/admin/api/statuses", Auth.admin(), Body.json(obj("type", "Outage", "status", "Down",
                "starts_at", "yesterday")));
        assertThat(bad.status()).isEqualTo(422);
        assertThat(bad.json().get("fields")).hasSize(4);
        long id = server.http().post("/admin/api/statuses", Auth.admin(), Body.json(obj("title", "Typo"))).json().at("/status/id").asLong();
        Res edited = server.http().put("/admin/api/statuses/" + id, Auth.admin(), Body.json(obj("title", "Fixed title", "servers", List.of("recording"))));
        assertThat(edited.json().at("/status/title").asText()).isEqualTo("Fixed title");
        assertThat(edited.json().at("/status/servers/0").asText()).isEqualTo("recording");
        assertThat(server.http().delete("/admin/api/statuses/" + id, Auth.admin()).status()).isEqualTo(200);
        assertThat(server.http().get("/admin/api/statuses/" + id, Auth.admin()).status()).isEqualTo(404);
    }

    @Test
    void the_demo_status_page_has_a_resolved_incident_and_a_scheduled_maintenance() {
        var all = server.http().get("/admin/api/statuses", Auth.admin()).json().get("statuses");
        assertThat(all.findValuesAsText("title")).contains("Shared hosting: slow responses", "Network maintenance in Amsterdam");
        for (JsonNode s : all) {
            if (s.get("title").asText().equals("Shared hosting: slow responses")) {
                assertThat(s.get("status").asText()).isEqualTo("Resolved");
                assertThat(s.get("updates")).hasSize(2);
            }
        }
    }
}
