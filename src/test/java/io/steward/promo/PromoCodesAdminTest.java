package io.steward.promo;

import static io.steward.core.Json.obj;
import static org.assertj.core.api.Assertions.assertThat;

import com.fasterxml.jackson.databind.JsonNode;
import io.steward.support.Http.Auth;
import io.steward.support.Http.Body;
import io.steward.support.Http.Res;
import io.steward.support.TestServer;
import java.util.List;
import java.util.Map;
import java.util.UUID;
import org.junit.jupiter.api.AfterAll;
import org.junit.jupiter.api.BeforeAll;
import org.junit.jupiter.api.Test;

/** The admin API for promo codes. Each test uses codes of its own. */
class PromoCodesAdminTest {
    static TestServer server;

    @BeforeAll
    static void start() { server = TestServer.start(); }

    @AfterAll
    static void stop() { server.close(); }

    private static String uniqueCode(String prefix) {
        return prefix + UUID.randomUUID().toString().substring(0, 8).toUpperCase();
    }

    private static Res create(Map<String, Object> body) {
        return server.http().post("/admin/api/promo-codes", Auth.admin(), Body.json(body));
    }

    private static JsonNode created(Map<String, Object> body) {
        Res res = create(body);
        assertThat(res.status()).as("%s", res).isEqualTo(201);
        return res.json().get("promo_code");
    }

    @Test
    void staff_create_a_percent_code_with_defaults() {
        String code = uniqueCode("Spring");
        JsonNode p = created(obj("code", code, "type", "percent", "value", 15));
        assertThat(p.get("code").asText()).isEqualTo(code);
        assertThat(p.get("value").asText()).isEqualTo("15");
        assertThat(p.get("currency").isNull()).isTrue();
        assertThat(p.get("recurring").asBoolean()).isFalse();
        assertThat(p.get("enabled").asBoolean()).isTrue();
        assertThat(p.get("max_uses").isNull()).as("unlimited").isTrue();
        assertThat(p.get("uses").asInt()).isZero();
        assertThat(p.get("product_ids")).isEmpty();
        assertThat(p.get("cycles")).isEmpty();
    }

    @Test
    void staff_create_a_fixed_recurring_code_with_every_restriction_and_read_it_back() {
        String code = uniqueCode("Fix");
        JsonNode p = created(obj("code", code, "type", "fixed", "value", "7.5", "currency", "eur", "recurring", true,
                "product_ids", List.of(12, 3), "cycles", List.of("A", "m", "once"), "max_uses", 10,
                "starts_on", "2026-01-01", "ends_on", "2026-12-31", "new_clients_only", "1", "notes", "spring sale"));
        assertThat(p.get("value").asText()).isEqualTo("7.50");
        assertThat(p.get("currency").asText()).isEqualTo("EUR");
        assertThat(p.get("product_ids").toString()).isEqualTo("[3,12]");
        assertThat(p.get("cycles").toString()).isEqualTo("[\"m\",\"a\",\"Once\"]");
        assertThat(p.get("max_uses").asInt()).isEqualTo(10);
        assertThat(p.get("ends_on").asText()).isEqualTo("2026-12-31");
        assertThat(p.get("new_clients_only").asBoolean()).isTrue();

        long id = p.get("id").asLong();
        assertThat(server.http().get("/admin/api/promo-codes/" + id, Auth.admin()).json().get("promo_code")).isEqualTo(p);
        Res found = server.http().get("/admin/api/promo-codes?q=" + code.toLowerCase().substring(0, 6) + "&enabled=true", Auth.admin());
        assertThat(found.json().get("promo_codes").findValuesAsText("code")).contains(code);
    }

    @Test
    void updates_change_only_what_is_given_and_null_clears_limits() {
        String code = uniqueCode("Upd");
        long id = created(obj("code", code, "type", "percent", "value", "5", "max_uses", 3, "ends_on", "2030-01-01",
                "product_ids", List.of(1))).get("id").asLong();
        var body = new java.util.HashMap<String, Object>();
        body.put("max_uses", null);
        body.put("ends_on", "");
        body.put("product_ids", List.of());
        body.put("enabled", false);
        Res res = server.http().put("/admin/api/promo-codes/" + id, Auth.admin(), Body.json(body));
        assertThat(res.status()).as("%s", res).isEqualTo(200);
        JsonNode p = res.json().get("promo_code");
        assertThat(p.get("max_uses").isNull()).isTrue();
        assertThat(p.get("ends_on").isNull()).isTrue();
        assertThat(p.get("product_ids")).isEmpty();
        assertThat(p.get("enabled").asBoolean()).isFalse();
        assertThat(p.get("value").asText()).as("unchanged").isEqualTo("5");
        assertThat(server.http().get("/admin/api/promo-codes?enabled=false", Auth.admin()).json().get("promo_codes").findValuesAsText("code"))
                .contains(code);
    }

    @Test
    void codes_are_unique_case_insensitively() {
        String code = uniqueCode("Dup");
        created(obj("code", code, "type", "percent", "value", "5"));
        Res dup = create(obj("code", code.toLowerCase(), "type", "percent", "value", "5"));
        assertThat(dup.status()).isEqualTo(409);
        assertThat(dup.json().path("error").asText()).isEqualTo("conflict");
        long other = created(obj("code", uniqueCode("Other"), "type", "percent", "value", "5")).get("id").asLong();
        assertThat(server.http().put("/admin/api/promo-codes/" + other, Auth.admin(), Body.json(Map.of("code", code))).status()).isEqualTo(409);
    }

    @Test
    void invalid_codes_are_refused_naming_each_field() {
        Res res = create(obj("code", "has space", "type", "bogus", "value", "-1", "max_uses", 0, "cycles", List.of("weekly"),
                "starts_on", "2026-13-01", "product_ids", List.of("abc")));
        assertThat(res.status()).isEqualTo(422);
        assertThat(res.json().get("fields").fieldNames()).toIterable()
                .contains("code", "type", "value", "max_uses", "cycles", "starts_on", "product_ids");
        assertThat(create(obj("code", uniqueCode("F"), "type", "fixed", "value", "5")).json().at("/fields/currency"))
                .as("a fixed discount needs a currency").isNotEmpty();
        assertThat(create(obj("code", uniqueCode("F"), "type", "fixed", "value", "5.001", "currency", "USD")).json().at("/fields/value"))
                .isNotEmpty();
        assertThat(create(obj("code", uniqueCode("P"), "type", "percent", "value", "101")).json().at("/fields/value")).isNotEmpty();
        assertThat(create(obj("code", uniqueCode("D"), "type", "percent", "value", "1", "starts_on", "2026-02-01", "ends_on", "2026-01-01"))
                .json().at("/fields/ends_on")).isNotEmpty();
        assertThat(create(obj("type", "percent")).json().get("fields").fieldNames()).toIterable().contains("code", "value");
        assertThat(server.http().get("/admin/api/promo-codes", Auth.NONE).status()).isEqualTo(401);
        assertThat(server.http().get("/admin/api/promo-codes/999999999", Auth.admin()).status()).isEqualTo(404);
        assertThat(server.http().put("/admin/api/promo-codes/999999999", Auth.admin(), Body.json(Map.of("value", "1"))).status()).isEqualTo(404);
    }

    @Test
    void an_unused_code_can_be_deleted_but_a_used_one_only_disabled() {
        long unused = created(obj("code", uniqueCode("Del"), "type", "percent", "value", "5")).get("id").asLong();
        assertThat(server.http().delete("/admin/api/promo-codes/" + unused, Auth.admin()).json().path("deleted").asBoolean()).isTrue();
        assertThat(server.http().get("/admin/api/promo-codes/" + unused, Auth.admin()).status()).isEqualTo(404);
        assertThat(server.http().delete("/admin/api/promo-codes/" + unused, Auth.admin()).status()).isEqualTo(404);

        long used = created(obj("code", uniqueCode("Used"), "type", "percent", "value", "5", "max_uses", 2)).get("id").asLong();
        server.steward().promos().redeem(used);
        Res refused = server.http().delete("/admin/api/promo-codes/" + used, Auth.admin());
        assertThat(refused.status()).isEqualTo(409);
        assertThat(server.http().get("/admin/api/promo-codes/" + used, Auth.admin()).json().at("/promo_code/uses").asInt()).isEqualTo(1);
        Res lowered = server.http().put("/admin/api/promo-codes/" + used, Auth.admin(), Body.json(Map.of("max_uses", 0)));
        assertThat(lowered.status()).isEqualTo(422);
        assertThat(server.http().put("/admin/api/promo-codes/" + used, Auth.admin(), Body.json(Map.of("max_uses", 1))).status())
                .as("down to the uses so far is allowed").isEqualTo(200);
    }

    @Test
    void the_demo_codes_are_a_new_client_percent_code_and_a_recurring_fixed_one() {
        JsonNode welcome = server.http().get("/admin/api/promo-codes?q=welcome10", Auth.admin()).json().at("/promo_codes/0");
        assertThat(welcome.get("code").asText()).isEqualTo("WELCOME10");
        assertThat(welcome.get("type").asText()).isEqualTo("percent");
        assertThat(welcome.get("new_clients_only").asBoolean()).isTrue();
        assertThat(welcome.get("recurring").asBoolean()).isFalse();
        JsonNode host = server.http().get("/admin/api/promo-codes?q=host5", Auth.admin()).json().at("/promo_codes/0");
        assertThat(host.get("type").asText()).isEqualTo("fixed");
        assertThat(host.get("recurring").asBoolean()).isTrue();
        assertThat(host.get("currency").asText()).isEqualTo("USD");
    }
}
