package io.steward.auth;

import static io.steward.auth.TestAccounts.assertUnauthorized;
import static io.steward.auth.TestAccounts.details;
import static io.steward.auth.TestAccounts.tokens;
import static io.steward.auth.TestAccounts.wrongCode;
import static org.assertj.core.api.Assertions.assertThat;

import io.steward.support.Http;
import io.steward.support.Http.Auth;
import io.steward.support.Http.Body;
import io.steward.support.TestServer;
import java.util.List;
import java.util.Map;
import org.junit.jupiter.api.AfterAll;
import org.junit.jupiter.api.BeforeAll;
import org.junit.jupiter.api.Test;

/** The TOTP second factor: turned on and off through {@code PUT /details authy}, then required at login. */
class TwoFactorTest {
    static TestServer server;

    @BeforeAll
    static void start() { server = TestServer.start(); }

    @AfterAll
    static void stop() { server.close(); }

    private static String code(String secret) {
        return Totp.code(secret, server.clock.instant());
    }

    private static Http.Res putDetails(Auth auth, Object body) {
        return server.http().put("/api/details", auth, Body.json(body));
    }

    /** Turns TOTP on for the account and answers the secret. */
    private static String enable(TestAccounts.Account account) {
        var res = putDetails(account.basic(), Map.of("authy", List.of("Yes")));
        assertThat(res.status()).as(res.toString()).isEqualTo(200);
        String secret = res.json().at("/authy_setup/secret").asText();
        assertThat(secret).isNotBlank();
        return secret;
    }

    private static Http.Res login(TestAccounts.Account account, String code) {
        return server.http().post("/api/login", Auth.NONE,
                Body.json(Map.of("username", account.email(), "password", account.password(), "code", code)));
    }

    @Test
    void PUT_details_authy_Yes_enables_totp_and_shows_the_secret_once() {
        var account = TestAccounts.create(server);

        var res = putDetails(account.basic(), Map.of("authy", List.of("Yes")));

        assertThat(res.status()).as(res.toString()).isEqualTo(200);
        var body = res.json();
        assertThat(body.path("success").asBoolean()).isTrue();
        assertThat(body.path("info").get(0).asText()).isEqualTo("client_info_updated");
        String secret = body.at("/authy_setup/secret").asText();
        assertThat(secret).matches("[A-Z2-7]{32}");
        assertThat(body.at("/authy_setup/uri").asText()).startsWith("otpauth://totp/").contains("secret=" + secret);
        assertThat(body.at("/client/authy").get(0).asText()).isEqualTo("Yes");

        var after = details(server, account.basic().withHeader("X-Auth-Code", code(secret)));
        assertThat(after.status()).as(after.toString()).isEqualTo(200);
        assertThat(after.json().at("/client/authy").size()).isEqualTo(1);
        assertThat(after.json().at("/client/authy/0").asText()).isEqualTo("Yes");
        assertThat(after.json().has("authy_setup")).isFalse();
    }

    @Test
    void enabling_again_while_enabled_gives_no_new_secret_and_the_first_keeps_working() {
        var account = TestAccounts.create(server);
        String secret = enable(account);

        var again = putDetails(account.basic().withHeader("X-Auth-Code", code(secret)), Map.of("authy", List.of("Yes")));

        assertThat(again.status()).as(again.toString()).isEqualTo(200);
        assertThat(again.json().has("authy_setup")).isFalse();
        assertThat(tokens(login(account, code(secret))).token()).isNotBlank();
    }

    @Test
    void a_new_account_has_authy_empty() {
        var account = TestAccounts.create(server);

        var res = details(server, account.basic());

        assertThat(res.json().at("/client/authy").isArray()).isTrue();
        assertThat(res.json().at("/client/authy").size()).isZero();
    }

    @Test
    void with_totp_POST_login_without_code_gives_401_two_factor_code_required() {
        var account = TestAccounts.create(server);
        enable(account);

        assertUnauthorized(TestAccounts.login(server, account.email(), account.password()), "two_factor_code_required");
    }

    @Test
    void with_totp_POST_login_with_a_wrong_code_gives_401_two_factor_code_invalid() {
        var account = TestAccounts.create(server);
        String secret = enable(account);

        assertUnauthorized(login(account, wrongCode(secret, server.clock.instant())), "two_factor_code_invalid");
    }

    @Test
    void with_totp_POST_login_with_a_malformed_code_gives_401_two_factor_code_invalid() {
        var account = TestAccounts.create(server);
        enable(account);

        assertUnauthorized(login(account, "12ab56"), "two_factor_code_invalid");
    }

    @Test
    void with_totp_POST_login_with_the_right_code_gives_working_tokens() {
        var account = TestAccounts.create(server);
        String secret = enable(account);

        var t = tokens(login(account, code(secret)));

        assertThat(details(server, t.bearer()).json().at("/client/email").asText()).isEqualTo(account.email());
    }

    @Test
    void with_totp_POST_login_takes_the_code_from_a_form_body_or_the_X_Auth_Code_header() {
        var account = TestAccounts.create(server);
        String secret = enable(account);

        var form = server.http().post("/api/login", Auth.NONE,
                Body.form("username", account.email(), "password", account.password(), "code", code(secret)));
        server.clock.advance(java.time.Duration.ofSeconds(30)); // a code logs in once; the next login needs the next code
        var header = server.http().post("/api/login", Auth.NONE.withHeader("X-Auth-Code", code(secret)),
                Body.json(Map.of("username", account.email(), "password", account.password())));

        assertThat(form.status()).as(form.toString()).isEqualTo(200);
        assertThat(header.status()).as(header.toString()).isEqualTo(200);
    }

    @Test
    void with_totp_a_code_that_already_logged_in_once_is_refused_the_second_time() {
        var account = TestAccounts.create(server);
        String secret = enable(account);
        String once = code(secret);
        var body = Body.json(Map.of("username", account.email(), "password", account.password(), "code", once));

        var first = server.http().post("/api/login", Auth.NONE, body);
        var second = server.http().post("/api/login", Auth.NONE, body);

        assertThat(first.status()).as(first.toString()).isEqualTo(200);
        TestAccounts.assertUnauthorized(second, "two_factor_code_used");
        server.clock.advance(java.time.Duration.ofSeconds(30));
        var next = server.http().post("/api/login", Auth.NONE,
                Body.json(Map.of("username", account.email(), "password", account.password(), "code", code(secret))));
        assertThat(next.status()).as(next.toString()).isEqualTo(200);
    }

    @Test
    void with_totp_a_wrong_password_still_gives_wronglogin_even_with_the_right_code() {
        var account = TestAccounts.create(server);
        String secret = enable(account);

        var res = server.http().post("/api/login", Auth.NONE,
                Body.json(Map.of("username", account.email(), "password", "Wrong-pass-1", "code", code(secret))));

        TestAccounts.assertWrongLogin(res);
    }

    @Test
    void with_totp_basic_without_code_gives_401_even_for_a_header_accepted_before() {
        var account = TestAccounts.create(server);
        // Accepted before TOTP existed, so the header sits in the credential cache.
        assertThat(details(server, account.basic()).status()).isEqualTo(200);
        enable(account);

        assertUnauthorized(details(server, account.basic()), "two_factor_code_required");
    }

    @Test
    void with_totp_basic_with_the_X_Auth_Code_header_gives_200() {
        var account = TestAccounts.create(server);
        String secret = enable(account);

        var res = details(server, account.basic().withHeader("X-Auth-Code", code(secret)));

        assertThat(res.status()).as(res.toString()).isEqualTo(200);
    }

    @Test
    void with_totp_basic_with_the_code_query_parameter_gives_200() {
        var account = TestAccounts.create(server);
        String secret = enable(account);

        var res = server.http().get("/api/details?code=" + code(secret), account.basic());

        assertThat(res.status()).as(res.toString()).isEqualTo(200);
        assertThat(res.json().at("/client/email").asText()).isEqualTo(account.email());
    }

    @Test
    void with_totp_basic_with_a_wrong_code_gives_401_two_factor_code_invalid() {
        var account = TestAccounts.create(server);
        String secret = enable(account);

        var res = details(server, account.basic().withHeader("X-Auth-Code", wrongCode(secret, server.clock.instant())));

        assertUnauthorized(res, "two_factor_code_invalid");
    }

    @Test
    void with_totp_cached_basic_credentials_still_need_a_code_on_every_request() {
        var account = TestAccounts.create(server);
        String secret = enable(account);
        assertThat(details(server, account.basic().withHeader("X-Auth-Code", code(secret))).status()).isEqualTo(200);

        assertUnauthorized(details(server, account.basic()), "two_factor_code_required");
        assertUnauthorized(details(server, account.basic().withHeader("X-Auth-Code", wrongCode(secret, server.clock.instant()))),
                "two_factor_code_invalid");
    }

    @Test
    void PUT_details_authy_empty_list_disables_totp() {
        var account = TestAccounts.create(server);
        String secret = enable(account);

        var res = putDetails(account.basic().withHeader("X-Auth-Code", code(secret)), Map.of("authy", List.of()));

        assertThat(res.status()).as(res.toString()).isEqualTo(200);
        assertThat(res.json().at("/client/authy").size()).isZero();
        assertThat(tokens(TestAccounts.login(server, account.email(), account.password())).token()).isNotBlank();
        assertThat(details(server, account.basic()).status()).isEqualTo(200);
    }

    @Test
    void PUT_details_authy_empty_string_in_a_form_body_disables_totp() {
        var account = TestAccounts.create(server);
        String secret = enable(account);

        var res = server.http().put("/api/details", account.basic().withHeader("X-Auth-Code", code(secret)), Body.form("authy", ""));

        assertThat(res.status()).as(res.toString()).isEqualTo(200);
        assertThat(TestAccounts.login(server, account.email(), account.password()).status()).isEqualTo(200);
    }

    @Test
    void PUT_details_without_authy_leaves_totp_as_it_is() {
        var account = TestAccounts.create(server);
        String secret = enable(account);

        var res = putDetails(account.basic().withHeader("X-Auth-Code", code(secret)), Map.of("firstname", "Changed"));

        assertThat(res.status()).as(res.toString()).isEqualTo(200);
        assertThat(res.json().at("/client/authy/0").asText()).isEqualTo("Yes");
        assertUnauthorized(TestAccounts.login(server, account.email(), account.password()), "two_factor_code_required");
    }

    @Test
    void re_enabling_after_disabling_issues_a_fresh_secret() {
        var account = TestAccounts.create(server);
        String first = enable(account);
        assertThat(putDetails(account.basic().withHeader("X-Auth-Code", code(first)), Map.of("authy", List.of())).status()).isEqualTo(200);

        String second = enable(account);

        assertThat(second).isNotEqualTo(first);
        assertThat(login(account, code(second)).status()).isEqualTo(200);
    }

    @Test
    void a_contact_cannot_change_authy_on_details_but_may_edit_other_details() {
        var holder = TestAccounts.create(server);
        String contactEmail = TestAccounts.uniqueEmail();
        TestAccounts.createContact(server, holder, contactEmail, "Contact-pass-2", Map.of("misc", List.of("editmain")));
        var contact = Auth.basic(contactEmail, "Contact-pass-2");

        var enable = putDetails(contact, Map.of("authy", List.of("Yes")));
        var disable = putDetails(contact, Map.of("authy", List.of()));
        var edit = putDetails(contact, Map.of("firstname", "Renamed"));

        assertThat(enable.status()).as(enable.toString()).isEqualTo(403);
        assertThat(enable.json().path("success").asBoolean(true)).isFalse();
        assertThat(disable.status()).as(disable.toString()).isEqualTo(403);
        assertThat(edit.status()).as(edit.toString()).isEqualTo(200);
        assertThat(details(server, holder.basic()).json().at("/client/authy").size()).isZero();
    }
}
