package io.steward.billing;

import static io.steward.core.Json.obj;
import static org.assertj.core.api.Assertions.assertThat;

import com.fasterxml.jackson.databind.JsonNode;
import io.steward.support.Http.Auth;
import io.steward.support.Http.Body;
import io.steward.support.TestServer;
import java.util.List;
import java.util.Map;

/** Invoices, credit and gateways set up through the admin API, for billing tests. */
final class BillingFixtures {
    private BillingFixtures() {}

    /** A line for {@code POST /admin/api/invoices}. */
    static Map<String, Object> item(String description, String amount) {
        return obj("type", "Other", "description", description, "amount", amount);
    }

    /** A line billing a service period. */
    static Map<String, Object> serviceItem(String type, long serviceId, String periodStart, String amount) {
        return obj("type", type, "description", type + " for service " + serviceId, "amount", amount,
                "service_id", serviceId, "period_start", periodStart);
    }

    /** Issues an invoice through the admin API and answers its admin shape. */
    static JsonNode issue(TestServer server, long clientId, List<Map<String, Object>> items) {
        return issue(server, obj("client_id", clientId, "items", items));
    }

    static JsonNode issue(TestServer server, Map<String, Object> body) {
        var res = server.http().post("/admin/api/invoices", Auth.admin(), Body.json(body));
        assertThat(res.status()).as("issuing an invoice: %s", res).isEqualTo(201);
        return res.json().get("invoice");
    }

    static JsonNode addCredit(TestServer server, long clientId, String amount) {
        var res = server.http().post("/admin/api/clients/" + clientId + "/credit", Auth.admin(),
                Body.json(Map.of("amount", amount, "reason", "test credit")));
        assertThat(res.status()).as("adding credit: %s", res).isEqualTo(201);
        return res.json();
    }

    static JsonNode pay(TestServer server, long invoiceId, String amount) {
        var res = server.http().post("/admin/api/invoices/" + invoiceId + "/payments", Auth.admin(), Body.json(Map.of("amount", amount)));
        assertThat(res.status()).as("recording a payment: %s", res).isEqualTo(201);
        return res.json().get("invoice");
    }

    static long gatewayId(TestServer server, String module) {
        for (JsonNode g : server.http().get("/admin/api/gateways", Auth.admin()).json().get("gateways")) {
            if (g.get("module").asText().equals(module)) return g.get("id").asLong();
        }
        throw new AssertionError("no gateway " + module);
    }

    /** Sets a gateway's name, fees and enabled flag. */
    static JsonNode configure(TestServer server, String module, String name, String fixed, String percent, boolean enabled) {
        var res = server.http().put("/admin/api/gateways/" + gatewayId(server, module), Auth.admin(),
                Body.json(Map.of("name", name, "fixed_fee", fixed, "percent_fee", percent, "enabled", enabled)));
        assertThat(res.status()).as("configuring a gateway: %s", res).isEqualTo(200);
        return res.json().get("gateway");
    }

    static String balanceCredit(TestServer server, long clientId) {
        return server.http().get("/admin/api/clients/" + clientId + "/credit", Auth.admin()).json().get("balance").asText();
    }
}
