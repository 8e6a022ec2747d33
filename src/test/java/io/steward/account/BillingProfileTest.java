package io.steward.account;

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

/**
 * The client billing profile: currency and tax exemption (staff), VAT number (staff and the
 * client through {@code PUT /details}). The server runs with EUR as its default currency.
 */
class BillingProfileTest {
    static TestServer server;

    @BeforeAll
    static void start() { server = TestServer.start(c -> c.with("billing.default-currency", "EUR")); }

    @AfterAll
    static void stop() { server.close(); }

    private static JsonNode adminClient(long id) {
        return server.http().get("/admin/api/clients/" + id, Auth.admin()).json().get("client");
    }

    private static Res putDetails(Auth auth, Map<String, Object> body) {
        return server.http().put("/api/details", auth, Body.json(body));
    }

    @Test
    void a_new_account_gets_the_configured_default_currency_and_is_taxed() {
        JsonNode c = adminClient(AccountFixtures.client(server).id());
        assertThat(c.get("currency").asText()).isEqualTo("EUR");
        assertThat(c.get("tax_exempt").asBoolean()).isFalse();
        assertThat(c.get("vat_number").asText()).isEmpty();
    }

    @Test
    void staff_set_currency_tax_exemption_and_VAT_number_when_creating_and_updating() {
        var created = AccountFixtures.client(server, Map.of("currency", "gbp", "tax_exempt", true, "vat_number", "de 123 456 789"));
        JsonNode c = adminClient(created.id());
        assertThat(c.get("currency").asText()).isEqualTo("GBP");
        assertThat(c.get("tax_exempt").asBoolean()).isTrue();
        assertThat(c.get("vat_number").asText()).isEqualTo("DE123456789");

        Res updated = server.http().put("/admin/api/clients/" + created.id(), Auth.admin(),
                Body.form("currency", "USD", "tax_exempt", "0", "vat_number", ""));
        assertThat(updated.status()).isEqualTo(200);
        assertThat(updated.json().at("/client/currency").asText()).isEqualTo("USD");
        assertThat(updated.json().at("/client/tax_exempt").asBoolean()).isFalse();
        assertThat(updated.json().at("/client/vat_number").asText()).isEmpty();
        assertThat(server.http().get("/admin/api/clients/" + created.id() + "/logs", Auth.admin()).json().at("/logs/0/description").asText())
                .contains("currency", "tax_exempt", "vat_number");

        // yes/no as every admin flag reads it; anything else is refused rather than read as no.
        Res yes = server.http().put("/admin/api/clients/" + created.id(), Auth.admin(), Body.form("tax_exempt", "yes"));
        assertThat(yes.json().at("/client/tax_exempt").asBoolean()).as("%s", yes).isTrue();
        Res maybe = server.http().put("/admin/api/clients/" + created.id(), Auth.admin(), Body.form("tax_exempt", "maybe"));
        assertThat(maybe.status()).isEqualTo(400);
        assertThat(maybe.json().at("/fields/tax_exempt").isArray()).as("%s", maybe).isTrue();
        assertThat(adminClient(created.id()).get("tax_exempt").asBoolean()).isTrue();
    }

    @Test
    void staff_cannot_set_an_unknown_currency_or_a_malformed_EU_VAT_number() {
        var created = AccountFixtures.client(server);
        Res res = server.http().put("/admin/api/clients/" + created.id(), Auth.admin(), Body.json(Map.of("currency", "EURO", "vat_number", "DE123")));
        assertThat(res.status()).isEqualTo(422);
        assertThat(res.json().get("fields").fieldNames()).toIterable().containsExactlyInAnyOrder("currency", "vat_number");
        assertThat(server.http().post("/admin/api/clients", Auth.admin(), Body.json(obj("email", AccountFixtures.uniqueEmail("x"),
                "password", AccountFixtures.PASSWORD, "currency", "XYZ"))).status()).isEqualTo(422);
        assertThat(adminClient(created.id()).get("currency").asText()).as("nothing changed").isEqualTo("EUR");
    }

    @Test
    void a_client_sets_its_VAT_number_with_PUT_details_and_sees_it_normalised() {
        var client = AccountFixtures.client(server, Map.of("country", "NL"));
        Res res = putDetails(client.auth(), Map.of("vat_number", "123456789b01"));
        assertThat(res.status()).as("%s", res).isEqualTo(200);
        assertThat(res.json().at("/client/vat_number").asText()).as("prefixed with the account's country").isEqualTo("NL123456789B01");
        assertThat(server.http().get("/api/details", client.auth()).json().at("/client/vat_number").asText()).isEqualTo("NL123456789B01");
        assertThat(adminClient(client.id()).get("vat_number").asText()).isEqualTo("NL123456789B01");

        Res other = putDetails(client.auth(), Map.of("vat_number", "CHE-123.456.789 MWST"));
        assertThat(other.json().at("/client/vat_number").asText()).as("a non-EU tax id is kept as typed, normalised")
                .isEqualTo("CHE123456789MWST");
        assertThat(putDetails(client.auth(), Map.of("vat_number", "")).json().at("/client/vat_number").asText()).isEmpty();
    }

    @Test
    void a_VAT_number_without_the_syntax_of_its_member_state_is_refused() {
        var client = AccountFixtures.client(server, Map.of("country", "DE"));
        for (String bad : List.of("DE12345678", "NL123456789", "12345", "!!!")) {
            Res res = putDetails(client.auth(), Map.of("vat_number", bad));
            assertThat(res.status()).as(bad).isEqualTo(422);
            assertThat(res.json().at("/fields/vat_number")).as(bad).isNotEmpty();
        }
        assertThat(server.http().get("/api/details", client.auth()).json().at("/client/vat_number").asText()).isEmpty();
    }

    @Test
    void a_client_cannot_change_its_currency_or_tax_exemption() {
        var client = AccountFixtures.client(server);
        Res res = putDetails(client.auth(), Map.of("currency", "USD", "tax_exempt", true, "city", "Utrecht"));
        assertThat(res.status()).isEqualTo(200);
        JsonNode c = adminClient(client.id());
        assertThat(c.get("city").asText()).isEqualTo("Utrecht");
        assertThat(c.get("currency").asText()).isEqualTo("EUR");
        assertThat(c.get("tax_exempt").asBoolean()).isFalse();
    }

    @Test
    void a_contact_needs_editmain_to_set_the_VAT_number_and_the_change_is_logged() {
        var client = AccountFixtures.client(server, Map.of("country", "BE"));
        var support = AccountFixtures.contact(server, client.auth(), Map.of("support", List.of("tickets")), true);
        assertThat(putDetails(support.auth(), Map.of("vat_number", "BE0123456789")).status()).isEqualTo(403);
        var editor = AccountFixtures.contact(server, client.auth(), Map.of("misc", List.of("editmain")), true);
        assertThat(putDetails(editor.auth(), Map.of("vat_number", "0123456789")).json().at("/client/vat_number").asText())
                .isEqualTo("BE0123456789");
        JsonNode log = server.http().get("/api/logs", client.auth()).json().at("/logs/0");
        assertThat(log.get("action").asText()).isEqualTo("profile_updated");
        assertThat(log.get("description").asText()).contains("vat_number");
        assertThat(log.get("contact_id").asText()).isEqualTo(Long.toString(editor.id()));
    }
}
