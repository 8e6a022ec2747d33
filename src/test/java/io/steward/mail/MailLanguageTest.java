package io.steward.mail;

import static io.steward.core.Json.obj;
import static org.assertj.core.api.Assertions.assertThat;

import com.fasterxml.jackson.databind.JsonNode;
import io.steward.support.AccountFixtures;
import io.steward.support.Http.Auth;
import io.steward.support.Http.Body;
import io.steward.support.TestServer;
import java.util.HashMap;
import java.util.List;
import java.util.Map;
import java.util.regex.Pattern;
import org.junit.jupiter.api.AfterAll;
import org.junit.jupiter.api.BeforeAll;
import org.junit.jupiter.api.Test;

/** Mails are written in the recipient client's language (en, de, nl, fr), every template in each. */
class MailLanguageTest {
    static TestServer server;

    @BeforeAll
    static void start() { server = TestServer.start(); }

    @AfterAll
    static void stop() { server.close(); }

    private static JsonNode mails(long clientId, String template) {
        var res = server.http().get("/admin/api/mails?client_id=" + clientId + "&template=" + template, Auth.admin());
        assertThat(res.status()).as("%s", res).isEqualTo(200);
        return res.json().get("mails");
    }

    @Test
    void every_template_has_a_german_dutch_and_french_version_with_the_same_placeholders() {
        var templates = new Templates("mail", "en");
        var vars = new HashMap<String, Object>();
        for (String v : List.of("company", "portal_url", "name", "email", "number", "total", "currency", "due_date", "invoice_id",
                "domain", "subject", "message", "department", "service", "service_id", "reason", "token", "expires_minutes")) {
            vars.put(v, "<" + v + ">");
        }
        Pattern leftover = Pattern.compile("\\{\\{\\w+}}");
        for (String t : MailService.TEMPLATES) {
            var en = templates.render(t, "en", vars);
            for (String lang : List.of("de", "nl", "fr")) {
                var r = templates.render(t, lang, vars);
                assertThat(r.language()).as("%s in %s", t, lang).isEqualTo(lang);
                assertThat(r.subject()).as("%s in %s", t, lang).isNotBlank();
                assertThat(r.html()).as("%s in %s", t, lang).contains("<html lang=\"" + lang + "\">");
                assertThat(leftover.matcher(r.text()).find()).isFalse();
                for (String v : vars.keySet()) {
                    assertThat(r.text().contains("<" + v + ">")).as("%s in %s uses %s as the English one does", t, lang, v)
                            .isEqualTo(en.text().contains("<" + v + ">"));
                }
            }
        }
    }

    @Test
    void a_german_client_gets_german_mails_and_an_english_one_english() {
        var german = AccountFixtures.client(server, Map.of("language", "de"));
        var english = AccountFixtures.client(server);
        JsonNode welcome = mails(german.id(), "account.created").get(0);
        assertThat(welcome.get("language").asText()).isEqualTo("de");
        assertThat(welcome.get("subject").asText()).startsWith("Willkommen bei ");
        assertThat(mails(english.id(), "account.created").get(0).get("subject").asText()).startsWith("Welcome to ");

        var res = server.http().post("/admin/api/invoices", Auth.admin(), Body.json(obj("client_id", german.id(),
                "items", List.of(obj("type", "Other", "description", "Hosting", "amount", "5.00")))));
        assertThat(res.status()).isEqualTo(201);
        String number = res.json().at("/invoice/number").asText();
        JsonNode issued = mails(german.id(), "invoice.issued").get(0);
        assertThat(issued.get("language").asText()).isEqualTo("de");
        assertThat(issued.get("subject").asText()).isEqualTo("Rechnung " + number + " ausgestellt");
        long id = issued.get("id").asLong();
        JsonNode shown = server.http().get("/admin/api/mails/" + id, Auth.admin()).json().get("mail");
        assertThat(shown.get("body_text").asText()).contains("Fällig am:", "Gesamtbetrag:");
    }

    @Test
    void a_client_who_switches_to_french_gets_the_next_mails_in_french() {
        var c = AccountFixtures.client(server);
        assertThat(server.http().put("/api/details", c.auth(), Body.form("language", "fr")).status()).isEqualTo(200);
        server.http().post("/admin/api/invoices", Auth.admin(), Body.json(obj("client_id", c.id(),
                "items", List.of(obj("type", "Other", "description", "Hébergement", "amount", "5.00")))));
        JsonNode issued = mails(c.id(), "invoice.issued").get(0);
        assertThat(issued.get("language").asText()).isEqualTo("fr");
        assertThat(issued.get("subject").asText()).startsWith("Facture ").endsWith(" émise");
    }
}
