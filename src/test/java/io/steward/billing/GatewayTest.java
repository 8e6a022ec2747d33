package io.steward.billing;

import static io.steward.billing.BillingFixtures.configure;
import static io.steward.billing.BillingFixtures.gatewayId;
import static io.steward.billing.BillingFixtures.issue;
import static io.steward.billing.BillingFixtures.item;
import static io.steward.core.Json.obj;
import static org.assertj.core.api.Assertions.assertThat;

import com.fasterxml.jackson.databind.JsonNode;
import io.steward.support.AccountFixtures;
import io.steward.support.Http.Auth;
import io.steward.support.Http.Body;
import io.steward.support.Http.Res;
import io.steward.support.TestServer;
import java.util.List;
import java.util.Map;
import org.junit.jupiter.api.AfterAll;
import org.junit.jupiter.api.BeforeAll;
import org.junit.jupiter.api.Test;

/** Gateway configuration, fee lines, and numbering series as staff manage them. */
class GatewayTest {
    static TestServer server;

    @BeforeAll
    static void start() { server = TestServer.start(); }

    @AfterAll
    static void stop() { server.close(); }

    @Test
    void every_built_in_module_has_a_gateway_and_staff_can_rename_enable_and_price_it() {
        JsonNode list = server.http().get("/admin/api/gateways", Auth.admin()).json().get("gateways");
        assertThat(list.findValuesAsText("module")).contains("banktransfer", "credit", "sandbox");
        JsonNode sandbox = configure(server, "sandbox", "Card (sandbox)", "0.30", "2.9", true);
        assertThat(sandbox.get("fixed_fee").asText()).isEqualTo("0.3");
        assertThat(sandbox.get("percent_fee").asText()).isEqualTo("2.9");
        assertThat(sandbox.get("enabled").asBoolean()).isTrue();
        JsonNode methods = server.http().get("/api/payment", Auth.demo()).json().get("payments");
        assertThat(methods.get(sandbox.get("id").asText()).asText()).isEqualTo("Card (sandbox)");
        JsonNode fees = server.http().get("/api/payment/fees", Auth.demo()).json().get("payments");
        for (JsonNode f : fees) {
            if (f.get("id").asLong() == sandbox.get("id").asLong()) {
                assertThat(f.get("fixed_fee").asText()).isEqualTo("0.3");
                assertThat(f.get("percent_fee").asText()).isEqualTo("2.9");
            }
        }
        configure(server, "sandbox", "Card (sandbox)", "0.30", "2.9", false);
        assertThat(server.http().get("/api/payment", Auth.demo()).json().get("payments").has(sandbox.get("id").asText())).isFalse();
    }

    @Test
    void gateway_changes_are_validated() {
        long bank = gatewayId(server, "banktransfer");
        String path = "/admin/api/gateways/" + bank;
        Res bad = server.http().put(path, Auth.admin(), Body.json(Map.of("fixed_fee", "-1", "percent_fee", "100", "name", "")));
        assertThat(bad.status()).isEqualTo(422);
        assertThat(bad.json().get("fields").fieldNames()).toIterable().contains("fixed_fee", "percent_fee", "name");
        assertThat(server.http().put(path, Auth.admin(), Body.json(Map.of("enabled", "maybe"))).status()).isEqualTo(400);
        assertThat(server.http().put("/admin/api/gateways/999999", Auth.admin(), Body.json(Map.of("enabled", true))).status()).isEqualTo(404);
        Res order = server.http().put(path, Auth.admin(), Body.json(Map.of("sort_order", 5)));
        assertThat(order.json().at("/gateway/sort_order").asInt()).isEqualTo(5);
        assertThat(order.json().at("/gateway/name").asText()).isEqualTo("Bank Transfer");
    }

    @Test
    void an_invoice_for_a_gateway_with_a_fee_carries_the_fee_line_the_reference_shows() {
        var c = AccountFixtures.client(server);
        JsonNode gw = configure(server, "banktransfer", "PayPal", "0.30", "2.9", true);
        try {
            JsonNode inv = issue(server, obj("client_id", c.id(), "gateway_id", gw.get("id").asLong(), "items", List.of(item("Example Service", "15.00"))));
            assertThat(inv.get("items")).hasSize(2);
            JsonNode fee = inv.get("items").get(1);
            assertThat(fee.get("description").asText()).isEqualTo("PayPal Payment Fee");
            assertThat(fee.get("item_id").asLong()).isEqualTo(-2);
            assertThat(fee.get("type").asText()).isEqualTo("Other");
            assertThat(fee.get("taxed").asBoolean()).isTrue();
            // 0.30 + 2.9 % of 15.00 = 0.735
            assertThat(fee.get("amount").asText()).isEqualTo("0.74");
            assertThat(inv.get("total").asText()).isEqualTo("15.74");
            assertThat(inv.get("gateway_id").asLong()).isEqualTo(gw.get("id").asLong());
            JsonNode client = server.http().get("/api/invoice/" + inv.get("id").asText(), c.auth()).json().get("invoice");
            assertThat(client.at("/items/1/item_id").asText()).isEqualTo("-2");
            assertThat(client.at("/items/1/taxed").asText()).isEqualTo("1");
            JsonNode plain = issue(server, c.id(), List.of(item("Example Service", "15.00")));
            assertThat(plain.get("items")).hasSize(1);
        } finally {
            configure(server, "banktransfer", "Bank Transfer", "0", "0", true);
        }
    }

    @Test
    void staff_define_series_with_validated_formats_and_cannot_move_a_counter() {
        String name = "S" + System.nanoTime();
        String path = "/admin/api/invoice-series/" + name;
        Res created = server.http().put(path, Auth.admin(), Body.json(Map.of("format", "S{y}{m}-{n:4}", "reset", "month", "next_number", 7)));
        assertThat(created.status()).isEqualTo(200);
        assertThat(created.json().at("/series/next_number").asInt()).isEqualTo(7);
        assertThat(created.json().at("/series/reset").asText()).isEqualTo("month");
        var c = AccountFixtures.client(server);
        String number = issue(server, obj("client_id", c.id(), "series", name, "items", List.of(item("x", "1")))).get("number").asText();
        assertThat(number).matches("S\\d{4}-0007");
        assertThat(server.http().put(path, Auth.admin(), Body.json(Map.of("format", "{n}", "next_number", 1))).status()).isEqualTo(422);
        assertThat(server.http().put(path, Auth.admin(), Body.json(Map.of("format", "{n}", "reset", "month"))).status()).isEqualTo(422);
        assertThat(server.http().put(path, Auth.admin(), Body.json(Map.of("format", "no number"))).status()).isEqualTo(422);
        Res changed = server.http().put(path, Auth.admin(), Body.json(Map.of("format", "N-{n}")));
        assertThat(changed.json().at("/series/next_number").asInt()).isEqualTo(8);
        assertThat(server.http().put("/admin/api/invoice-series/bad%20name", Auth.admin(), Body.json(Map.of("format", "{n}"))).status())
                .isEqualTo(422);
        JsonNode all = server.http().get("/admin/api/invoice-series", Auth.admin()).json().get("series");
        assertThat(all.findValuesAsText("name")).contains("invoice", "creditnote", name);
        for (JsonNode s : all) {
            if (s.get("name").asText().equals("invoice")) assertThat(s.get("format").asText()).isEqualTo("{Y}/{m}/{n}");
            if (s.get("name").asText().equals("creditnote")) assertThat(s.get("format").asText()).isEqualTo("CN-{Y}-{n}");
        }
    }
}
