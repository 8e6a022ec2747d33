package io.steward.auth;

import static io.steward.auth.TestAccounts.assertWrongLogin;
import static io.steward.auth.TestAccounts.details;
import static io.steward.auth.TestAccounts.login;
import static io.steward.auth.TestAccounts.setStatus;
import static io.steward.auth.TestAccounts.tokens;
import static org.assertj.core.api.Assertions.assertThat;

import io.steward.support.Http.Auth;
import io.steward.support.Http.Body;
import io.steward.support.TestServer;
import java.util.Map;
import org.junit.jupiter.api.AfterAll;
import org.junit.jupiter.api.BeforeAll;
import org.junit.jupiter.api.Test;

/** A client closed by staff cannot log in and its credentials stop working until it is reopened. */
class ClosedAccountTest {
    static TestServer server;

    @BeforeAll
    static void start() { server = TestServer.start(); }

    @AfterAll
    static void stop() { server.close(); }

    @Test
    void a_closed_client_cannot_log_in() {
        var account = TestAccounts.create(server);

        setStatus(server, account, "Closed");

        assertWrongLogin(login(server, account.email(), account.password()));
    }

    @Test
    void a_closed_clients_earlier_token_stops_working() {
        var account = TestAccounts.create(server);
        var t = tokens(server, account);
        assertThat(details(server, t.bearer()).status()).isEqualTo(200);

        setStatus(server, account, "Closed");

        // Closing ends the account's sessions, so the token is refused as revoked.
        TestAccounts.assertUnauthorized(details(server, t.bearer()), "token_revoked");
    }

    @Test
    void reopening_a_closed_client_does_not_bring_back_tokens_issued_before_closing() {
        var account = TestAccounts.create(server);
        var t = tokens(server, account);
        setStatus(server, account, "Closed");

        setStatus(server, account, "Active");

        TestAccounts.assertUnauthorized(details(server, t.bearer()), "token_revoked");
        var refreshed = server.http().post("/api/token", Auth.NONE, Body.json(Map.of("refresh_token", t.refresh())));
        TestAccounts.assertUnauthorized(refreshed, "invalid_refresh_token");
    }

    @Test
    void a_closed_clients_basic_credentials_stop_working_even_when_cached() {
        var account = TestAccounts.create(server);
        assertThat(details(server, account.basic()).status()).isEqualTo(200);

        setStatus(server, account, "Closed");

        assertWrongLogin(details(server, account.basic()));
    }

    @Test
    void a_closed_clients_contacts_cannot_log_in_either() {
        var holder = TestAccounts.create(server);
        String email = TestAccounts.uniqueEmail();
        TestAccounts.createContact(server, holder, email, "Contact-pass-2", Map.of());
        assertThat(login(server, email, "Contact-pass-2").status()).isEqualTo(200);

        setStatus(server, holder, "Closed");

        assertWrongLogin(login(server, email, "Contact-pass-2"));
        assertWrongLogin(details(server, Auth.basic(email, "Contact-pass-2")));
    }

    @Test
    void reopening_a_closed_client_allows_login_again() {
        var account = TestAccounts.create(server);
        setStatus(server, account, "Closed");
        assertWrongLogin(login(server, account.email(), account.password()));

        setStatus(server, account, "Active");

        var t = tokens(server, account);
        assertThat(details(server, t.bearer()).json().at("/client/status").asText()).isEqualTo("Active");
        assertThat(details(server, account.basic()).status()).isEqualTo(200);
    }

    @Test
    void closing_one_client_leaves_others_logged_in() {
        var closed = TestAccounts.create(server);
        var open = TestAccounts.create(server);
        var t = tokens(server, open);

        setStatus(server, closed, "Closed");

        assertThat(details(server, t.bearer()).status()).isEqualTo(200);
    }
}
