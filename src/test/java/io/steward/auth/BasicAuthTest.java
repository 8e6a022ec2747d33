package io.steward.auth;

import static io.steward.auth.TestAccounts.assertUnauthorized;
import static io.steward.auth.TestAccounts.assertWrongLogin;
import static io.steward.auth.TestAccounts.details;
import static io.steward.auth.TestAccounts.tokens;
import static org.assertj.core.api.Assertions.assertThat;

import io.steward.support.Http.Auth;
import io.steward.support.Http.Body;
import io.steward.support.TestServer;
import java.nio.charset.StandardCharsets;
import java.util.Base64;
import java.util.Map;
import org.junit.jupiter.api.AfterAll;
import org.junit.jupiter.api.BeforeAll;
import org.junit.jupiter.api.Test;

/** {@code Authorization: Basic} on every request, malformed headers, and password changes. */
class BasicAuthTest {
    static TestServer server;

    @BeforeAll
    static void start() { server = TestServer.start(); }

    @AfterAll
    static void stop() { server.close(); }

    private static String b64(String s) {
        return Base64.getEncoder().encodeToString(s.getBytes(StandardCharsets.UTF_8));
    }

    @Test
    void GET_details_with_right_basic_credentials_gives_200_for_that_client() {
        var account = TestAccounts.create(server);

        var res = details(server, account.basic());

        assertThat(res.status()).as(res.toString()).isEqualTo(200);
        assertThat(res.json().at("/client/id").asText()).isEqualTo(Long.toString(account.id()));
        assertThat(res.json().at("/client/email").asText()).isEqualTo(account.email());
    }

    @Test
    void repeated_basic_requests_keep_working() {
        var account = TestAccounts.create(server);

        for (int i = 0; i < 3; i++) {
            assertThat(details(server, account.basic()).status()).isEqualTo(200);
        }
    }

    @Test
    void GET_details_with_wrong_basic_password_gives_401_wronglogin_with_a_basic_challenge() {
        var account = TestAccounts.create(server);

        var res = details(server, Auth.basic(account.email(), "Wrong-pass-1"));

        assertWrongLogin(res);
        assertThat(res.header("WWW-Authenticate")).containsIgnoringCase("Basic");
    }

    @Test
    void wrong_password_is_refused_even_after_the_right_one_was_accepted() {
        var account = TestAccounts.create(server);
        assertThat(details(server, account.basic()).status()).isEqualTo(200);

        assertWrongLogin(details(server, Auth.basic(account.email(), account.password() + "x")));
    }

    @Test
    void GET_details_with_unknown_basic_user_gives_401_wronglogin() {
        assertWrongLogin(details(server, Auth.basic(TestAccounts.uniqueEmail(), "Secret-pass-1")));
    }

    @Test
    void GET_details_without_authorization_header_gives_401_unauthorized() {
        assertUnauthorized(details(server, Auth.NONE), "unauthorized");
    }

    @Test
    void basic_value_that_is_not_base64_gives_401_malformed_authorization_header() {
        assertUnauthorized(details(server, Auth.raw("Basic !!not*base64!!")), "malformed_authorization_header");
    }

    @Test
    void basic_value_without_a_colon_gives_401_malformed_authorization_header() {
        assertUnauthorized(details(server, Auth.raw("Basic " + b64("demo@example.com"))), "malformed_authorization_header");
    }

    @Test
    void basic_value_with_an_empty_user_gives_401_malformed_authorization_header() {
        assertUnauthorized(details(server, Auth.raw("Basic " + b64(":Demo-pass-1"))), "malformed_authorization_header");
    }

    @Test
    void basic_scheme_without_a_value_gives_401_malformed_authorization_header() {
        assertUnauthorized(details(server, Auth.raw("Basic")), "malformed_authorization_header");
        assertUnauthorized(details(server, Auth.raw("Basic    ")), "malformed_authorization_header");
    }

    @Test
    void bearer_scheme_without_a_value_gives_401_malformed_authorization_header() {
        assertUnauthorized(details(server, Auth.raw("Bearer")), "malformed_authorization_header");
    }

    @Test
    void unknown_scheme_gives_401_unsupported_authorization_scheme() {
        assertUnauthorized(details(server, Auth.raw("Digest x")), "unsupported_authorization_scheme");
    }

    @Test
    void scheme_names_are_case_insensitive() {
        var account = TestAccounts.create(server);

        var res = details(server, Auth.raw("basic " + b64(account.email() + ":" + account.password())));

        assertThat(res.status()).as(res.toString()).isEqualTo(200);
    }

    @Test
    void a_password_containing_a_colon_works_because_only_the_first_colon_separates() {
        var account = TestAccounts.create(server, TestAccounts.uniqueEmail(), "Secret:pass:1");

        assertThat(details(server, account.basic()).status()).isEqualTo(200);
        assertWrongLogin(details(server, Auth.basic(account.email(), "Secret")));
    }

    @Test
    void a_non_ascii_password_works_as_utf8() {
        var account = TestAccounts.create(server, TestAccounts.uniqueEmail(), "Pässwörd-ñ-1");

        assertThat(details(server, account.basic()).status()).isEqualTo(200);
        assertThat(TestAccounts.login(server, account.email(), account.password()).status()).isEqualTo(200);
    }

    @Test
    void a_contact_authenticates_with_basic_and_is_held_to_its_privileges() {
        assertThat(details(server, Auth.demoContact()).status()).isEqualTo(200);

        var res = server.http().get("/api/contact", Auth.demoContact());

        assertThat(res.status()).as(res.toString()).isEqualTo(403);
    }

    @Test
    void after_an_admin_password_change_old_basic_credentials_stop_and_new_ones_work() {
        var account = TestAccounts.create(server);
        // Accepted once, so the header sits in the credential cache.
        assertThat(details(server, account.basic()).status()).isEqualTo(200);

        var reset = server.http().post("/admin/api/clients/" + account.id() + "/password", Auth.admin(),
                Body.json(Map.of("password", "Changed-pass-2")));
        assertThat(reset.status()).as(reset.toString()).isEqualTo(200);
        assertThat(reset.json().path("sessions_revoked").asBoolean()).isTrue();
        assertThat(reset.json().has("password")).isFalse();

        assertWrongLogin(details(server, account.basic()));
        assertThat(details(server, Auth.basic(account.email(), "Changed-pass-2")).status()).isEqualTo(200);
        assertWrongLogin(TestAccounts.login(server, account.email(), account.password()));
    }

    @Test
    void after_an_admin_password_change_earlier_tokens_are_revoked() {
        var account = TestAccounts.create(server);
        var before = tokens(server, account);

        var reset = server.http().post("/admin/api/clients/" + account.id() + "/password", Auth.admin(),
                Body.json(Map.of("password", "Changed-pass-2")));
        assertThat(reset.status()).isEqualTo(200);

        assertUnauthorized(details(server, before.bearer()), "token_revoked");
        assertUnauthorized(TestAccounts.refresh(server, before.refresh()), "invalid_refresh_token");
        var after = tokens(TestAccounts.login(server, account.email(), "Changed-pass-2"));
        assertThat(details(server, after.bearer()).status()).isEqualTo(200);
    }

    @Test
    void a_generated_admin_password_is_returned_once_and_works_with_basic() {
        var account = TestAccounts.create(server);
        assertThat(details(server, account.basic()).status()).isEqualTo(200);

        var reset = server.http().post("/admin/api/clients/" + account.id() + "/password", Auth.admin(), Body.json(Map.of()));
        assertThat(reset.status()).as(reset.toString()).isEqualTo(200);
        String generated = reset.json().path("password").asText();

        assertThat(generated).isNotBlank().isNotEqualTo(account.password());
        assertThat(details(server, Auth.basic(account.email(), generated)).status()).isEqualTo(200);
        assertWrongLogin(details(server, account.basic()));
    }
}
