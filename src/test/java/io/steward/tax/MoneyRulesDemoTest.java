package io.steward.tax;

import static org.assertj.core.api.Assertions.assertThat;

import com.fasterxml.jackson.databind.JsonNode;
import io.steward.support.Http.Auth;
import io.steward.support.TestServer;
import org.junit.jupiter.api.AfterAll;
import org.junit.jupiter.api.BeforeAll;
import org.junit.jupiter.api.Test;

/** The demo tax rules and promo codes: present after start, and loading them again changes nothing. */
class MoneyRulesDemoTest {
    static TestServer server;

    @BeforeAll
    static void start() { server = TestServer.start(); }

    @AfterAll
    static void stop() { server.close(); }

    private static JsonNode rules() {
        return server.http().get("/admin/api/tax-rules", Auth.admin()).json().get("tax_rules");
    }

    private static JsonNode codes() {
        return server.http().get("/admin/api/promo-codes", Auth.admin()).json().get("promo_codes");
    }

    @Test
    void the_demo_has_EU_VAT_a_US_state_sales_tax_and_a_compound_second_level() {
        JsonNode rules = rules();
        assertThat(rules.findValuesAsText("country")).contains("NL", "DE", "FR", "US", "CA");
        JsonNode qst = null;
        for (JsonNode r : rules) if (r.get("level").asInt() == 2) qst = r;
        assertThat(qst).isNotNull();
        assertThat(qst.get("compound").asBoolean()).isTrue();
        assertThat(qst.get("state").asText()).isEqualTo("Quebec");
        boolean stateTax = false;
        for (JsonNode r : rules) stateTax |= r.get("country").asText().equals("US") && !r.get("state").asText().equals("*");
        assertThat(stateTax).isTrue();
    }

    @Test
    void loading_the_demo_again_adds_no_rules_and_no_codes() {
        JsonNode rulesBefore = rules();
        JsonNode codesBefore = codes();
        assertThat(codesBefore.findValuesAsText("code")).contains("WELCOME10", "HOST5");
        server.steward().loadDemo();
        server.steward().loadDemo();
        assertThat(rules()).isEqualTo(rulesBefore);
        assertThat(codes()).isEqualTo(codesBefore);
    }
}
