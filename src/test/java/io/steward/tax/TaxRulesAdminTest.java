package io.steward.tax;

import static io.steward.core.Json.obj;
import static org.assertj.core.api.Assertions.assertThat;

import com.fasterxml.jackson.databind.JsonNode;
import io.steward.support.AccountFixtures;
import io.steward.support.Http.Auth;
import io.steward.support.Http.Body;
import io.steward.support.Http.Res;
import io.steward.support.TestServer;
import java.math.BigDecimal;
import java.util.List;
import java.util.Map;
import org.junit.jupiter.api.AfterAll;
import org.junit.jupiter.api.BeforeAll;
import org.junit.jupiter.api.Test;

/**
 * The admin API for tax rules and the tax preview, and the {@link TaxService#compute} seam on a
 * real database. Each test works in countries of its own, so tests do not see each other's rules.
 */
class TaxRulesAdminTest {
    static TestServer server;

    @BeforeAll
    static void start() { server = TestServer.start(); }

    @AfterAll
    static void stop() { server.close(); }

    private static Res create(Map<String, Object> rule) {
        return server.http().post("/admin/api/tax-rules", Auth.admin(), Body.json(rule));
    }

    private static JsonNode created(Map<String, Object> rule) {
        Res res = create(rule);
        assertThat(res.status()).as("%s", res).isEqualTo(201);
        return res.json().get("tax_rule");
    }

    private static JsonNode preview(long clientId, Object... extra) {
        var body = obj("client_id", clientId);
        for (int i = 0; i < extra.length; i += 2) body.put((String) extra[i], extra[i + 1]);
        Res res = server.http().post("/admin/api/tax-preview", Auth.admin(), Body.json(body));
        assertThat(res.status()).as("%s", res).isEqualTo(200);
        return res.json().get("tax");
    }

    @Test
    void staff_create_read_update_and_delete_a_rule() {
        JsonNode r = created(obj("level", 1, "name", "MOMS", "rate", "25", "country", "se"));
        long id = r.get("id").asLong();
        assertThat(r.get("country").asText()).isEqualTo("SE");
        assertThat(r.get("state").asText()).as("every state by default").isEqualTo("*");
        assertThat(r.get("rate").asText()).isEqualTo("25");
        assertThat(r.get("compound").asBoolean()).isFalse();

        assertThat(server.http().get("/admin/api/tax-rules/" + id, Auth.admin()).json().at("/tax_rule/name").asText()).isEqualTo("MOMS");
        Res listed = server.http().get("/admin/api/tax-rules", Auth.admin());
        assertThat(listed.json().get("tax_rules").findValuesAsText("name")).contains("MOMS");

        Res updated = server.http().put("/admin/api/tax-rules/" + id, Auth.admin(), Body.form("rate", "12.5", "name", "Moms"));
        assertThat(updated.status()).isEqualTo(200);
        assertThat(updated.json().at("/tax_rule/rate").asText()).isEqualTo("12.5");
        assertThat(updated.json().at("/tax_rule/name").asText()).isEqualTo("Moms");
        assertThat(updated.json().at("/tax_rule/country").asText()).as("unchanged").isEqualTo("SE");

        assertThat(server.http().delete("/admin/api/tax-rules/" + id, Auth.admin()).json().path("deleted").asBoolean()).isTrue();
        assertThat(server.http().get("/admin/api/tax-rules/" + id, Auth.admin()).status()).isEqualTo(404);
        assertThat(server.http().delete("/admin/api/tax-rules/" + id, Auth.admin()).status()).isEqualTo(404);
        assertThat(server.http().put("/admin/api/tax-rules/" + id, Auth.admin(), Body.json(Map.of("rate", "1"))).status()).isEqualTo(404);
    }

    @Test
    void one_rule_per_level_and_place_states_compared_case_insensitively() {
        created(obj("level", 1, "name", "IVA", "rate", "22", "country", "IT"));
        created(obj("level", 2, "name", "Regional", "rate", "1", "country", "IT", "state", "Sicilia"));
        assertThat(create(obj("level", 1, "name", "IVA again", "rate", "10", "country", "IT")).status()).isEqualTo(409);
        Res dup = create(obj("level", 2, "name", "Other", "rate", "2", "country", "IT", "state", "SICILIA"));
        assertThat(dup.status()).isEqualTo(409);
        assertThat(dup.json().path("error").asText()).isEqualTo("conflict");
        JsonNode other = created(obj("level", 2, "name", "Regional", "rate", "1", "country", "IT", "state", "Sardegna"));
        Res moved = server.http().put("/admin/api/tax-rules/" + other.get("id").asLong(), Auth.admin(), Body.json(Map.of("state", "sicilia")));
        assertThat(moved.status()).as("an update cannot take another rule's place either").isEqualTo(409);
    }

    @Test
    void invalid_rules_are_refused_naming_each_field() {
        Res res = create(obj("level", 3, "name", "", "rate", "101", "country", "Sweden"));
        assertThat(res.status()).isEqualTo(422);
        assertThat(res.json().get("fields").fieldNames()).toIterable().contains("level", "name", "rate", "country");
        assertThat(create(obj("level", 1, "name", "X", "rate", "5", "country", "FI", "compound", true)).json().at("/fields/compound"))
                .as("only level 2 compounds").isNotEmpty();
        assertThat(create(obj("level", 1, "name", "X", "rate", "5", "country", "*", "state", "Texas")).json().at("/fields/state"))
                .as("no state without a country").isNotEmpty();
        assertThat(create(obj("level", 1, "name", "X", "rate", "abc", "country", "FI")).json().at("/fields/rate")).isNotEmpty();
        assertThat(create(obj("level", 1, "name", "X", "rate", "1.00001", "country", "FI")).json().at("/fields/rate")).isNotEmpty();
        assertThat(create(obj("name", "X")).json().get("fields").fieldNames()).toIterable().contains("level", "rate", "country");
        assertThat(server.http().get("/admin/api/tax-rules", Auth.NONE).status()).isEqualTo(401);
        assertThat(server.http().get("/admin/api/tax-rules/nope", Auth.admin()).status()).isEqualTo(404);
    }

    @Test
    void the_preview_taxes_a_client_by_its_country_and_the_seam_agrees() {
        created(obj("level", 1, "name", "USt", "rate", "20", "country", "AT"));
        var client = AccountFixtures.client(server, Map.of("country", "AT", "currency", "EUR"));
        JsonNode tax = preview(client.id(), "lines", List.of(Map.of("amount", "15.00"), Map.of("amount", "1.24"), Map.of("amount", "50", "taxed", false)));
        assertThat(tax.get("currency").asText()).as("the client's currency by default").isEqualTo("EUR");
        assertThat(tax.get("base").asText()).isEqualTo("16.24");
        assertThat(tax.get("taxrate").asText()).isEqualTo("20");
        // 20% of 16.24 = 3.248 -> 3.25
        assertThat(tax.get("tax").asText()).isEqualTo("3.25");
        assertThat(tax.at("/lines/0/name").asText()).isEqualTo("USt");

        TaxResult seam = server.steward().tax().compute(client.id(), "EUR",
                List.of(TaxableLine.taxed("15.00"), TaxableLine.taxed("1.24"), TaxableLine.untaxed("50.00")));
        assertThat(seam.tax()).isEqualByComparingTo(new BigDecimal(tax.get("tax").asText()));
        assertThat(seam.taxrate()).isEqualByComparingTo("20");
    }

    @Test
    void a_compound_second_level_is_previewed_on_the_subtotal_plus_the_first() {
        created(obj("level", 1, "name", "Federal", "rate", "10", "country", "BR"));
        created(obj("level", 2, "name", "Estadual", "rate", "5", "country", "BR", "state", "Sao Paulo", "compound", "1"));
        var paulista = AccountFixtures.client(server, Map.of("country", "BR", "state", "Sao Paulo"));
        JsonNode tax = preview(paulista.id(), "amount", "200.00");
        assertThat(tax.get("tax").asText()).isEqualTo("20.00");
        assertThat(tax.get("tax2").asText()).as("5% of 220.00").isEqualTo("11.00");
        assertThat(tax.get("total_tax").asText()).isEqualTo("31.00");
        assertThat(tax.at("/lines/1/compound").asBoolean()).isTrue();
        var carioca = AccountFixtures.client(server, Map.of("country", "BR", "state", "Rio de Janeiro"));
        assertThat(preview(carioca.id(), "amount", "200.00").get("lines").size()).as("the state rule covers only its state").isEqualTo(1);
    }

    @Test
    void an_EU_business_with_a_valid_VAT_number_is_reverse_charged_and_an_exempt_client_pays_nothing() {
        created(obj("level", 1, "name", "DPH", "rate", "21", "country", "CZ"));
        var business = AccountFixtures.client(server, Map.of("country", "CZ", "vat_number", "CZ12345678"));
        JsonNode rc = preview(business.id(), "amount", "100.00");
        assertThat(rc.get("reverse_charge").asBoolean()).isTrue();
        assertThat(rc.get("tax").asText()).isEqualTo("0.00");
        assertThat(rc.get("note").asText()).contains("Reverse charge");
        assertThat(rc.at("/subject/vat_number_valid").asBoolean()).isTrue();
        assertThat(rc.at("/subject/seller_country").asText()).isEqualTo("NL");

        var consumer = AccountFixtures.client(server, Map.of("country", "CZ"));
        assertThat(preview(consumer.id(), "amount", "100.00").get("tax").asText()).isEqualTo("21.00");

        var exempt = AccountFixtures.client(server, Map.of("country", "CZ", "tax_exempt", true));
        JsonNode ex = preview(exempt.id(), "amount", "100.00");
        assertThat(ex.get("taxexempt").asBoolean()).isTrue();
        assertThat(ex.get("total_tax").asText()).isEqualTo("0.00");
    }

    @Test
    void the_preview_needs_a_known_client_and_an_amount() {
        var client = AccountFixtures.client(server);
        assertThat(server.http().post("/admin/api/tax-preview", Auth.admin(), Body.json(Map.of("amount", "1"))).status()).isEqualTo(400);
        assertThat(server.http().post("/admin/api/tax-preview", Auth.admin(), Body.json(Map.of("client_id", client.id()))).status()).isEqualTo(400);
        assertThat(server.http().post("/admin/api/tax-preview", Auth.admin(), Body.json(Map.of("client_id", client.id(), "amount", "x"))).status())
                .isEqualTo(400);
        assertThat(server.http().post("/admin/api/tax-preview", Auth.admin(), Body.json(Map.of("client_id", 999999999, "amount", "1"))).status())
                .isEqualTo(404);
        assertThat(server.http().post("/admin/api/tax-preview", Auth.admin(), Body.json(Map.of("client_id", client.id(), "amount", "1",
                "currency", "EURO"))).status()).isEqualTo(422);
        assertThat(server.http().post("/admin/api/tax-preview", Auth.NONE, Body.json(Map.of("client_id", client.id(), "amount", "1"))).status())
                .isEqualTo(401);
    }
}
