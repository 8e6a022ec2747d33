package io.steward.mail;

import static org.assertj.core.api.Assertions.assertThat;

import com.fasterxml.jackson.databind.JsonNode;
import io.steward.core.Json;
import io.steward.support.AccountFixtures;
import io.steward.support.AccountFixtures.NewClient;
import io.steward.support.Http.Auth;
import io.steward.support.Http.Body;
import io.steward.support.Http.Res;
import io.steward.support.TestServer;
import java.io.IOException;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.Map;
import java.util.UUID;
import org.junit.jupiter.api.AfterAll;
import org.junit.jupiter.api.BeforeAll;
import org.junit.jupiter.api.Test;

/** Mail carrying a secret rests sealed: staff see [sealed], only the delivered mail has the secret, and it is never resent. */
class SealedMailTest {
    static Path maildir;
    static TestServer server;

    @BeforeAll
    static void start() throws IOException {
        maildir = Files.createTempDirectory("steward-sealed-mail");
        server = TestServer.start(c -> c.with("mail.maildir", maildir.toString()));
    }

    @AfterAll
    static void stop() { server.close(); }

    private static Mail resetMail(String email) {
        return server.steward().mail().service().list(null, null, "password.reset", email, 1, 1).mails().getFirst();
    }

    private static JsonNode adminView(long id) {
        Res res = server.http().get("/admin/api/mails/" + id, Auth.admin());
        assertThat(res.status()).as("%s", res).isEqualTo(200);
        return res.json().get("mail");
    }

    private static Object sealedContent(long id) {
        return server.steward().db().dsl().fetchValue("SELECT sealed_content FROM mail_outbox WHERE id = " + id);
    }

    @Test
    void a_reset_mail_rests_with_its_token_sealed_and_only_the_delivered_mail_carries_the_live_token() {
        NewClient c = AccountFixtures.client(server);
        assertThat(server.http().post("/api/password/reset", Auth.NONE, Body.json(Map.of("email", c.email()))).status()).isEqualTo(200);
        Mail queued = resetMail(c.email());

        JsonNode before = adminView(queued.id());
        assertThat(before.get("sealed").asBoolean()).isTrue();
        assertThat(before.get("body_text").asText()).contains("Token: [sealed]");
        assertThat(before.get("body_html").asText()).contains("<code>[sealed]</code>");
        assertThat(sealedContent(queued.id()).toString()).startsWith("v1:");

        MailFixtures.Delivered delivered = MailFixtures.delivered(server, maildir, queued.id());
        String token = delivered.token();
        assertThat(token).isNotEqualTo("[sealed]").hasSizeGreaterThan(40);
        assertThat(delivered.html()).contains("<code>" + token + "</code>");

        JsonNode after = adminView(queued.id());
        assertThat(after.get("status").asText()).isEqualTo(Mail.SENT);
        assertThat(after.get("body_text").asText()).contains("Token: [sealed]").doesNotContain(token);
        assertThat(after.get("body_html").asText()).doesNotContain(token);
        assertThat(sealedContent(queued.id())).as("the sealed copy is dropped once sent").isNull();

        Res confirm = server.http().post("/api/password/reset/confirm", Auth.NONE,
                Body.json(Map.of("token", token, "password", "Sealed-new-pass-4")));
        assertThat(confirm.status()).as("%s", confirm).isEqualTo(200);

        // Mail without secrets is stored as sent.
        Mail welcome = server.steward().mail().service().list(null, c.id(), "account.created", null, 1, 1).mails().getFirst();
        assertThat(adminView(welcome.id()).get("sealed").asBoolean()).isFalse();
        assertThat(sealedContent(welcome.id())).isNull();
    }

    @Test
    void a_sealed_mail_is_not_resent_to_its_recipient_or_to_another_address() {
        NewClient c = AccountFixtures.client(server);
        server.http().post("/api/password/reset", Auth.NONE, Body.json(Map.of("email", c.email())));
        Mail m = resetMail(c.email());
        String token = MailFixtures.delivered(server, maildir, m.id()).token();

        Res again = server.http().post("/admin/api/mails/" + m.id() + "/resend", Auth.admin(), Body.json(Map.of()));
        Res elsewhere = server.http().post("/admin/api/mails/" + m.id() + "/resend", Auth.admin(), Body.json(Map.of("to", "intruder@example.com")));

        assertThat(again.status()).as("%s", again).isEqualTo(409);
        assertThat(again.text()).contains("secret");
        assertThat(elsewhere.status()).as("%s", elsewhere).isEqualTo(409);
        assertThat(server.steward().mail().service().list(null, null, "password.reset", "intruder@example.com", 1, 10).total()).isZero();
        assertThat(server.steward().mail().service().list(null, null, "password.reset", c.email(), 1, 10).total()).isEqualTo(1);
        // The token still works for its owner: refusing the resend changed nothing.
        assertThat(server.http().post("/api/password/reset/confirm", Auth.NONE,
                Body.json(Map.of("token", token, "password", "Sealed-new-pass-5"))).status()).isEqualTo(200);
    }

    @Test
    void a_variable_named_like_a_secret_is_sealed_even_when_a_caller_passes_it_plain() {
        String address = "plain-" + UUID.randomUUID() + "@example.com";
        String secret = "Plain-secret-" + UUID.randomUUID();
        server.steward().outbox().toAddress(address, "Plain Caller", "password.reset", Map.of("token", secret, "expires_minutes", 60));
        Mail m = resetMail(address);

        assertThat(m.sealed()).isTrue();
        assertThat(m.bodyText()).doesNotContain(secret).contains("Token: [sealed]");
        assertThat(m.bodyHtml()).doesNotContain(secret);
        assertThat(sealedContent(m.id()).toString()).doesNotContain(secret);
        assertThat(MailFixtures.delivered(server, maildir, m.id()).token()).isEqualTo(secret);
    }

    @Test
    void a_secret_value_prints_and_serialises_as_the_marker() {
        var secret = Outbox.secret("Never-in-a-log-1");
        assertThat(secret.toString()).isEqualTo("[sealed]");
        assertThat(Json.text(Map.of("token", secret))).isEqualTo("{\"token\":\"[sealed]\"}");
        assertThat(String.valueOf(Map.of("token", secret))).doesNotContain("Never-in-a-log-1");
    }
}
