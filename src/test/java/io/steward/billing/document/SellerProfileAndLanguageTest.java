package io.steward.billing.document;

import static io.steward.core.Json.obj;
import static org.assertj.core.api.Assertions.assertThat;

import com.fasterxml.jackson.databind.JsonNode;
import io.steward.billing.document.InvoiceDocument.VatCategory;
import io.steward.support.AccountFixtures;
import io.steward.support.Http.Auth;
import io.steward.support.Http.Body;
import io.steward.support.Http.Res;
import io.steward.support.TestServer;
import java.math.BigDecimal;
import java.time.Duration;
import java.util.List;
import java.util.Map;
import org.junit.jupiter.api.AfterAll;
import org.junit.jupiter.api.BeforeAll;
import org.junit.jupiter.api.Test;

/**
 * The seller profile in the admin API, the client's language in both APIs, and invoice documents
 * built on the real database: the three tax situations, and an issued invoice keeping its seller
 * and buyer when both change later.
 */
class SellerProfileAndLanguageTest {
    static TestServer server;

    @BeforeAll
    static void start() { server = TestServer.start(); }

    @AfterAll
    static void stop() { server.close(); }

    private static JsonNode issue(long clientId, String description, String amount) {
        Res res = server.http().post("/admin/api/invoices", Auth.admin(), Body.json(obj("client_id", clientId,
                "items", List.of(obj("type", "Other", "description", description, "amount", amount)))));
        assertThat(res.status()).as("%s", res).isEqualTo(201);
        return res.json().get("invoice");
    }

    private static InvoiceDocument document(JsonNode invoice) {
        return server.steward().documents().of(invoice.get("id").asLong());
    }

    @Test
    void the_demo_seller_is_a_dutch_company_with_vat_number_registration_and_bank() {
        JsonNode s = server.http().get("/admin/api/seller-profile", Auth.admin()).json().get("seller_profile");
        assertThat(s.get("country").asText()).isEqualTo("NL");
        assertThat(s.get("legal_name").asText()).isNotBlank();
        assertThat(s.get("vat_number").asText()).startsWith("NL");
        assertThat(s.get("iban").asText()).isEqualTo("NL91ABNA0417164300");
        assertThat(s.get("registration_number").asText()).isNotBlank();
    }

    @Test
    void invalid_seller_fields_are_refused_naming_each_and_nothing_changes() {
        long before = server.http().get("/admin/api/seller-profile", Auth.admin()).json().at("/seller_profile/id").asLong();
        Res res = server.http().put("/admin/api/seller-profile", Auth.admin(), Body.json(obj("legal_name", " ", "country", "Holland",
                "iban", "NL91ABNA0417164301", "bic", "ABN", "peppol_scheme", "01", "email", "not-an-address")));
        assertThat(res.status()).isEqualTo(422);
        assertThat(res.json().get("fields").fieldNames()).toIterable()
                .contains("legal_name", "country", "iban", "bic", "peppol_scheme", "email");
        assertThat(server.http().get("/admin/api/seller-profile", Auth.admin()).json().at("/seller_profile/id").asLong()).isEqualTo(before);
        assertThat(server.http().get("/admin/api/seller-profile", Auth.NONE).status()).isEqualTo(401);
    }

    @Test
    void an_issued_invoice_keeps_its_seller_and_buyer_when_both_change_later() {
        var c = AccountFixtures.client(server, Map.of("companyname", "Before GmbH", "country", "DE", "state", "", "address1", "Alte Straße 1"));
        JsonNode inv = issue(c.id(), "Hosting", "10.00");
        InvoiceDocument issued = document(inv);
        String sellerName = issued.seller().name();

        server.clock.advance(Duration.ofMinutes(5));
        Res changed = server.http().put("/admin/api/seller-profile", Auth.admin(), Body.form("legal_name", "Renamed Hosting B.V.",
                "address1", "Nieuwe Weg 2", "iban", "DE89 3704 0044 0532 0130 00", "bic", "COBADEFFXXX"));
        assertThat(changed.status()).as("%s", changed).isEqualTo(200);
        assertThat(changed.json().at("/seller_profile/legal_name").asText()).isEqualTo("Renamed Hosting B.V.");
        assertThat(changed.json().at("/seller_profile/iban").asText()).isEqualTo("DE89370400440532013000");
        assertThat(changed.json().at("/seller_profile/country").asText()).as("unchanged fields stay").isEqualTo("NL");
        Res client = server.http().put("/admin/api/clients/" + c.id(), Auth.admin(), Body.json(obj("companyname", "After AG")));
        assertThat(client.status()).isEqualTo(200);

        InvoiceDocument again = document(inv);
        assertThat(again.seller()).isEqualTo(issued.seller());
        assertThat(again.seller().name()).isEqualTo(sellerName).isNotEqualTo("Renamed Hosting B.V.");
        assertThat(again.buyer().company()).isEqualTo("Before GmbH");
        assertThat(again.buyer().addressLines()).containsExactly("Alte Straße 1");
        assertThat(again.payment().iban()).isEqualTo(issued.payment().iban());

        InvoiceDocument later = document(issue(c.id(), "Hosting", "10.00"));
        assertThat(later.seller().name()).isEqualTo("Renamed Hosting B.V.");
        assertThat(later.seller().addressLines()).containsExactly("Nieuwe Weg 2");
        assertThat(later.buyer().company()).isEqualTo("After AG");
        assertThat(later.payment().bic()).isEqualTo("COBADEFFXXX");

        JsonNode history = server.http().get("/admin/api/seller-profile/history", Auth.admin()).json().get("seller_profiles");
        assertThat(history.get(0).get("legal_name").asText()).isEqualTo("Renamed Hosting B.V.");
        assertThat(history.size()).isGreaterThanOrEqualTo(2);
    }

    @Test
    void documents_of_real_invoices_carry_the_category_of_each_tax_situation() {
        var dutch = AccountFixtures.client(server, Map.of("country", "NL", "state", ""));
        var german = AccountFixtures.client(server, Map.of("country", "DE", "state", "", "companyname", "Firma GmbH", "vat_number", "DE123456789"));
        var american = AccountFixtures.client(server);

        InvoiceDocument domestic = document(issue(dutch.id(), "Shared hosting", "100.00"));
        assertThat(domestic.vat()).singleElement().satisfies(v -> {
            assertThat(v.category()).isEqualTo(VatCategory.S);
            assertThat(v.rate()).isEqualByComparingTo("21");
            assertThat(v.taxAmount()).isEqualByComparingTo("21.00");
        });
        assertThat(domestic.totals().gross()).isEqualByComparingTo("121.00");

        InvoiceDocument reverse = document(issue(german.id(), "VPS", "100.00"));
        assertThat(reverse.vat()).singleElement().extracting(InvoiceDocument.VatBreakdown::category).isEqualTo(VatCategory.AE);
        assertThat(reverse.buyer().vatNumber()).isEqualTo("DE123456789");
        assertThat(reverse.notes()).anySatisfy(n -> assertThat(n).startsWith("Reverse charge"));
        assertThat(reverse.totals().vat()).isEqualByComparingTo(BigDecimal.ZERO);

        InvoiceDocument export = document(issue(american.id(), "DNS", "5.00"));
        assertThat(export.vat()).singleElement().extracting(InvoiceDocument.VatBreakdown::category).isEqualTo(VatCategory.O);
        assertThat(export.buyer().country()).isEqualTo("US");
    }

    @Test
    void clients_read_and_set_their_language_and_staff_too() {
        var c = AccountFixtures.client(server);
        assertThat(server.http().get("/api/details", c.auth()).json().at("/client/language").asText()).isEqualTo("en");

        Res set = server.http().put("/api/details", c.auth(), Body.form("language", "de"));
        assertThat(set.status()).as("%s", set).isEqualTo(200);
        assertThat(set.json().at("/client/language").asText()).isEqualTo("de");
        assertThat(server.http().get("/admin/api/clients/" + c.id(), Auth.admin()).json().at("/client/language").asText()).isEqualTo("de");
        assertThat(document(issue(c.id(), "Hosting", "1.00")).language()).isEqualTo("de");

        Res bad = server.http().put("/api/details", c.auth(), Body.form("language", "klingon"));
        assertThat(bad.status()).isEqualTo(422);
        assertThat(bad.json().get("success").asBoolean()).isFalse();

        Res staff = server.http().put("/admin/api/clients/" + c.id(), Auth.admin(), Body.json(obj("language", "FR")));
        assertThat(staff.status()).isEqualTo(200);
        assertThat(staff.json().at("/client/language").asText()).isEqualTo("fr");
        assertThat(server.http().put("/admin/api/clients/" + c.id(), Auth.admin(), Body.json(obj("language", "xx"))).status()).isEqualTo(422);
        assertThat(server.http().get("/api/details", c.auth()).json().at("/client/language").asText()).isEqualTo("fr");
    }
}
