package io.steward.account;

import static io.steward.core.Json.obj;
import static org.assertj.core.api.Assertions.assertThat;

import com.fasterxml.jackson.databind.JsonNode;
import io.steward.support.AccountFixtures;
import io.steward.support.AccountFixtures.NewClient;
import io.steward.support.Http.Auth;
import io.steward.support.Http.Body;
import io.steward.support.Http.Res;
import io.steward.support.TestServer;
import java.util.List;
import java.util.Map;
import org.junit.jupiter.api.AfterAll;
import org.junit.jupiter.api.BeforeAll;
import org.junit.jupiter.api.Test;

/** Refused {@code PUT /details} changes, and email changes moving the login name. */
class AccountDetailsValidationTest {
    static TestServer server;

    @BeforeAll
    static void start() {
        // Several tests prove an old login name stops working; each proof is a failed login from 127.0.0.1.
        server = TestServer.start(c -> c.with("auth.login.max-failures-per-address", "1000"));
    }

    @AfterAll
    static void stop() { server.close(); }

    private static JsonNode details(Auth auth) {
        var res = server.http().get("/api/details", auth);
        assertThat(res.status()).as(res.toString()).isEqualTo(200);
        return res.json().get("client");
    }

    /** Sends a bad change and checks it was refused with 422 naming {@code field} and left the account alone. */
    private static Res refused(Map<String, Object> change, String... fields) {
        NewClient c = AccountFixtures.client(server);
        JsonNode before = details(c.auth());
        var res = server.http().put("/api/details", c.auth(), Body.json(change));
        assertThat(res.status()).as(res.toString()).isEqualTo(422);
        JsonNode body = res.json();
        assertThat(body.get("success").asBoolean(true)).isFalse();
        assertThat(body.get("error").isArray()).isTrue();
        assertThat(body.get("error").size()).isPositive();
        for (String f : fields) {
            assertThat(body.at("/fields/" + f).isArray()).as("fields.%s in %s", f, body).isTrue();
            assertThat(body.at("/fields/" + f).get(0).asText()).isNotBlank();
        }
        assertThat(details(c.auth())).as("account unchanged").isEqualTo(before);
        return res;
    }

    @Test
    void PUT_details_with_a_bad_email_gives_422_naming_email() {
        refused(Map.of("email", "not-an-email"), "email");
    }

    @Test
    void PUT_details_with_an_email_without_a_domain_dot_gives_422() {
        refused(Map.of("email", "someone@localhost"), "email");
    }

    @Test
    void PUT_details_with_country_XX_gives_422_naming_country() {
        refused(Map.of("country", "XX"), "country");
    }

    @Test
    void PUT_details_with_a_three_letter_country_gives_422() {
        refused(Map.of("country", "USA"), "country");
    }

    @Test
    void PUT_details_with_type_Business_gives_422_naming_type() {
        refused(Map.of("type", "Business"), "type");
    }

    @Test
    void PUT_details_with_an_overlong_first_name_gives_422() {
        refused(Map.of("firstname", "x".repeat(101)), "firstname");
    }

    @Test
    void PUT_details_with_an_overlong_address_gives_422() {
        refused(Map.of("address1", "x".repeat(201)), "address1");
    }

    @Test
    void PUT_details_with_a_mobile_number_without_country_prefix_gives_422() {
        refused(Map.of("mobilephone", "015415550101"), "mobilephone");
    }

    @Test
    void PUT_details_with_letters_in_the_phone_number_gives_422() {
        refused(Map.of("phonenumber", "call me maybe"), "phonenumber");
    }

    @Test
    void PUT_details_with_a_control_character_gives_422() {
        refused(Map.of("city", "Bonn\u0001"), "city");
    }

    @Test
    void PUT_details_with_several_bad_fields_reports_all_of_them_and_changes_nothing() {
        var res = refused(obj("email", "bad", "country", "USA", "type", "Business", "lastname", "y".repeat(101),
                "firstname", "Valid"), "email", "country", "type", "lastname");
        assertThat(res.json().get("fields").has("firstname")).isFalse();
        assertThat(res.json().get("error").size()).isGreaterThanOrEqualTo(4);
    }

    @Test
    void PUT_details_with_a_valid_field_and_a_bad_one_applies_neither() {
        refused(obj("firstname", "ShouldNotStick", "country", "XX"), "country");
    }

    @Test
    void PUT_details_with_a_non_scalar_value_gives_400_naming_the_field() {
        NewClient c = AccountFixtures.client(server);
        var res = server.http().put("/api/details", c.auth(), Body.json(Map.of("firstname", Map.of("a", "b"))));
        assertThat(res.status()).isEqualTo(400);
        assertThat(res.json().at("/fields/firstname").isArray()).isTrue();
        assertThat(details(c.auth()).get("firstname").asText()).isEqualTo("Fixture");
    }

    @Test
    void PUT_details_with_an_email_of_another_login_gives_409_and_changes_nothing() {
        NewClient c = AccountFixtures.client(server);
        var res = server.http().put("/api/details", c.auth(), Body.json(Map.of("email", "demo@example.com", "firstname", "Nope")));
        assertThat(res.status()).as(res.toString()).isEqualTo(409);
        assertThat(res.json().get("success").asBoolean(true)).isFalse();
        JsonNode d = details(c.auth());
        assertThat(d.get("email").asText()).isEqualTo(c.email());
        assertThat(d.get("firstname").asText()).isEqualTo("Fixture");
    }

    @Test
    void PUT_details_with_an_email_of_a_contact_login_in_other_case_gives_409() {
        NewClient c = AccountFixtures.client(server);
        var res = server.http().put("/api/details", c.auth(), Body.json(Map.of("email", "CONTACT@Example.com")));
        assertThat(res.status()).as(res.toString()).isEqualTo(409);
    }

    @Test
    void PUT_details_with_a_new_email_moves_the_login_name() {
        NewClient c = AccountFixtures.client(server);
        // Authenticate first so the old credentials sit in the Basic cache when the email changes.
        assertThat(server.http().get("/api/details", c.auth()).status()).isEqualTo(200);
        String fresh = AccountFixtures.uniqueEmail("moved");
        var res = server.http().put("/api/details", c.auth(), Body.json(Map.of("email", fresh)));
        assertThat(res.status()).as(res.toString()).isEqualTo(200);
        assertThat(res.json().at("/client/email").asText()).isEqualTo(fresh);

        var old = server.http().get("/api/details", c.auth());
        assertThat(old.status()).as("old email by Basic: %s", old).isEqualTo(401);
        var oldLogin = server.http().post("/api/login", Auth.NONE, Body.json(Map.of("username", c.email(), "password", c.password())));
        assertThat(oldLogin.status()).isEqualTo(401);

        assertThat(details(Auth.basic(fresh, c.password())).get("email").asText()).isEqualTo(fresh);
        var login = server.http().post("/api/login", Auth.NONE, Body.json(Map.of("username", fresh, "password", c.password())));
        assertThat(login.status()).isEqualTo(200);
        assertThat(details(Auth.bearer(login.json().get("token").asText())).get("email").asText()).isEqualTo(fresh);
    }

    @Test
    void PUT_details_email_change_is_visible_to_the_admin_api() {
        NewClient c = AccountFixtures.client(server);
        String fresh = AccountFixtures.uniqueEmail("moved");
        assertThat(server.http().put("/api/details", c.auth(), Body.json(Map.of("email", fresh))).status()).isEqualTo(200);
        var admin = server.http().get("/admin/api/clients/" + c.id(), Auth.admin());
        assertThat(admin.json().at("/client/email").asText()).isEqualTo(fresh);
    }

    @Test
    void PUT_details_back_to_a_freed_email_is_allowed() {
        NewClient a = AccountFixtures.client(server);
        String original = a.email();
        String moved = AccountFixtures.uniqueEmail("moved");
        assertThat(server.http().put("/api/details", a.auth(), Body.json(Map.of("email", moved))).status()).isEqualTo(200);
        NewClient b = AccountFixtures.client(server);
        var res = server.http().put("/api/details", b.auth(), Body.json(Map.of("email", original)));
        assertThat(res.status()).as(res.toString()).isEqualTo(200);
        assertThat(details(Auth.basic(original, b.password())).get("id").asText()).isEqualTo(Long.toString(b.id()));
    }

    @Test
    void PUT_details_with_authy_by_a_contact_with_editmain_gives_403() {
        NewClient c = AccountFixtures.client(server);
        var editor = AccountFixtures.contact(server, c.auth(), Map.of("misc", List.of("editmain")), true);
        var res = server.http().put("/api/details", editor.auth(), Body.json(Map.of("authy", List.of("Yes"), "firstname", "X")));
        assertThat(res.status()).as(res.toString()).isEqualTo(403);
        assertThat(res.json().get("error").get(0).asText()).containsIgnoringCase("two-factor");
        assertThat(details(c.auth()).get("firstname").asText()).isEqualTo("Fixture");
        assertThat(details(c.auth()).get("authy").toString()).isEqualTo("[]");
    }
}
