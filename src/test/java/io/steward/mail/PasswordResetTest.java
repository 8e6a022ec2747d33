package io.steward.mail;

import static org.assertj.core.api.Assertions.assertThat;

import io.steward.support.AccountFixtures;
import io.steward.support.AccountFixtures.NewClient;
import io.steward.support.Http.Auth;
import io.steward.support.Http.Body;
import io.steward.support.Http.Res;
import io.steward.support.TestServer;
import java.io.IOException;
import java.nio.file.Files;
import java.nio.file.Path;
import java.time.Duration;
import java.util.List;
import java.util.Map;
import java.util.UUID;
import org.junit.jupiter.api.AfterAll;
import org.junit.jupiter.api.BeforeAll;
import org.junit.jupiter.api.Test;

/** POST /api/password/reset and /confirm: a mailed single-use token, no account enumeration, rate limits, sessions ended. */
class PasswordResetTest {
    static Path maildir;
    static TestServer server;

    @BeforeAll
    static void start() throws IOException {
        maildir = Files.createTempDirectory("steward-reset-mail");
        server = TestServer.start(c -> c.with("http.trust-forwarded", "true").with("mail.maildir", maildir.toString()));
    }

    @AfterAll
    static void stop() { server.close(); }

    /** A fresh requesting address per call site, so the per-IP limit of one test does not touch another. */
    private static Auth from(String ip) {
        return Auth.NONE.withHeader("X-Forwarded-For", ip);
    }

    private static String freshIp() {
        int n = Math.abs(UUID.randomUUID().hashCode());
        return "10." + (n >> 16 & 255) + "." + (n >> 8 & 255) + "." + (n & 255);
    }

    private static Res request(String email, String ip) {
        return server.http().post("/api/password/reset", from(ip), Body.json(Map.of("email", email)));
    }

    private static List<Mail> resetMails(String email) {
        return server.steward().mail().service().list(null, null, "password.reset", email, 1, 100).mails();
    }

    /** The token, from the mail as delivered: the outbox keeps it only sealed. */
    private static String token(Mail m) {
        return MailFixtures.delivered(server, maildir, m.id()).token();
    }

    private static Res confirm(String token, String password) {
        return server.http().post("/api/password/reset/confirm", Auth.NONE, Body.json(Map.of("token", token, "password", password)));
    }

    @Test
    void known_and_unknown_addresses_get_the_same_answer_and_only_a_login_gets_a_token() {
        NewClient c = AccountFixtures.client(server);
        String ip = freshIp();
        Res known = request(c.email().toUpperCase(), ip);
        Res unknown = request("nobody-" + UUID.randomUUID() + "@example.com", ip);
        assertThat(known.status()).isEqualTo(200);
        assertThat(unknown.status()).isEqualTo(200);
        assertThat(known.text()).isEqualTo(unknown.text());
        assertThat(resetMails(c.email())).hasSize(1);
        assertThat(resetMails(c.email()).getFirst().clientId()).isEqualTo(c.id());
    }

    @Test
    void the_token_sets_a_new_password_once_and_ends_every_session() {
        NewClient c = AccountFixtures.client(server);
        Res login = server.http().post("/api/login", Auth.NONE, Body.json(Map.of("username", c.email(), "password", c.password())));
        String jwt = login.json().get("token").asText();
        String refresh = login.json().get("refresh").asText();
        assertThat(server.http().get("/api/details", Auth.bearer(jwt)).status()).isEqualTo(200);

        request(c.email(), freshIp());
        String token = token(resetMails(c.email()).getFirst());
        Res ok = confirm(token, "Brand-new-pass-9");
        assertThat(ok.status()).as(ok.toString()).isEqualTo(200);
        assertThat(ok.json().get("success").asBoolean()).isTrue();

        assertThat(server.http().get("/api/details", Auth.bearer(jwt)).status()).isEqualTo(401);
        assertThat(server.http().post("/api/token", Auth.NONE, Body.json(Map.of("refresh_token", refresh))).status()).isEqualTo(401);
        assertThat(server.http().get("/api/details", c.auth()).status()).isEqualTo(401);
        assertThat(server.http().get("/api/details", Auth.basic(c.email(), "Brand-new-pass-9")).status()).isEqualTo(200);

        Res again = confirm(token, "Another-pass-10");
        assertThat(again.status()).isEqualTo(422);
        assertThat(again.json().get("fields").has("token")).isTrue();
        JsonLog.assertLogged(server, c, "password_reset");
    }

    @Test
    void an_expired_or_replaced_token_does_not_work_and_a_weak_password_is_refused() {
        NewClient c = AccountFixtures.client(server);
        String ip = freshIp();
        request(c.email(), ip);
        String first = token(resetMails(c.email()).getFirst());
        request(c.email(), ip);
        String second = token(server.steward().mail().service().list(null, null, "password.reset", c.email(), 1, 1).mails().getFirst());
        assertThat(second).isNotEqualTo(first);
        assertThat(confirm(first, "Brand-new-pass-9").status()).isEqualTo(422);

        Res weak = confirm(second, "x");
        assertThat(weak.status()).isEqualTo(422);
        assertThat(weak.json().get("fields").has("password")).isTrue();

        server.clock.advance(Duration.ofMinutes(61));
        assertThat(confirm(second, "Brand-new-pass-9").status()).isEqualTo(422);
        assertThat(server.http().get("/api/details", c.auth()).status()).isEqualTo(200);
    }

    @Test
    void a_contact_with_a_login_resets_its_own_password() {
        NewClient c = AccountFixtures.client(server);
        var contact = AccountFixtures.contact(server, c.auth(), Map.of("support", List.of("tickets")), true);
        request(contact.email(), freshIp());
        Mail m = resetMails(contact.email()).getFirst();
        assertThat(m.contactId()).isEqualTo(contact.id());
        assertThat(confirm(token(m), "Contact-new-pass-7").status()).isEqualTo(200);
        assertThat(server.http().get("/api/details", Auth.basic(contact.email(), "Contact-new-pass-7")).status()).isEqualTo(200);
        // The account holder's password is untouched.
        assertThat(server.http().get("/api/details", c.auth()).status()).isEqualTo(200);
    }

    @Test
    void requests_are_limited_per_address_silently_and_per_ip_with_429() {
        NewClient c = AccountFixtures.client(server);
        String ip = freshIp();
        for (int i = 0; i < 5; i++) assertThat(request(c.email(), ip).status()).isEqualTo(200);
        assertThat(resetMails(c.email())).hasSize(3);

        String busy = freshIp();
        for (int i = 0; i < 20; i++) assertThat(request("x" + i + "-" + UUID.randomUUID() + "@example.com", busy).status()).isEqualTo(200);
        Res limited = request(c.email(), busy);
        assertThat(limited.status()).isEqualTo(429);
        // The window is an hour and its oldest request was just made.
        assertThat(Long.parseLong(limited.header("Retry-After"))).as(limited.toString()).isBetween(3500L, 3600L);
        server.clock.advance(Duration.ofMinutes(61));
        assertThat(request("later@example.com", busy).status()).isEqualTo(200);
    }

    @Test
    void a_closed_account_gets_no_token_and_bad_input_is_422() {
        NewClient c = AccountFixtures.client(server);
        assertThat(server.http().put("/admin/api/clients/" + c.id() + "/status", Auth.admin(), Body.json(Map.of("status", "Closed"))).status())
                .isEqualTo(200);
        assertThat(request(c.email(), freshIp()).status()).isEqualTo(200);
        assertThat(resetMails(c.email())).isEmpty();
        assertThat(server.http().post("/api/password/reset", from(freshIp()), Body.json(Map.of())).status()).isEqualTo(422);
        assertThat(server.http().post("/api/password/reset/confirm", Auth.NONE, Body.json(Map.of("password", "Whatever-pass-1"))).status())
                .isEqualTo(422);
    }

    /** The account's activity log, as the client sees it. */
    static final class JsonLog {
        static void assertLogged(TestServer server, NewClient c, String action) {
            var logs = server.http().get("/api/logs", Auth.basic(c.email(), "Brand-new-pass-9")).json().get("logs");
            var actions = new java.util.ArrayList<String>();
            logs.forEach(l -> actions.add(l.get("action").asText()));
            assertThat(actions).contains(action);
        }
    }
}
