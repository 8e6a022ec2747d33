package io.steward.mail;

import static org.assertj.core.api.Assertions.assertThat;

import io.steward.support.AccountFixtures;
import io.steward.support.AccountFixtures.NewClient;
import io.steward.support.Http.Auth;
import io.steward.support.TestServer;
import java.net.ServerSocket;
import java.time.Duration;
import org.junit.jupiter.api.AfterAll;
import org.junit.jupiter.api.BeforeAll;
import org.junit.jupiter.api.Test;

/** With the SMTP server unreachable, mail is retried with exponential backoff and parked as dead, visible to staff. */
class MailRetryTest {
    static TestServer server;

    @BeforeAll
    static void start() throws Exception {
        int closedPort;
        try (var s = new ServerSocket(0)) {
            closedPort = s.getLocalPort();
        }
        server = TestServer.start(c -> c.with("mail.transport", "smtp").with("mail.smtp.host", "127.0.0.1")
                .with("mail.smtp.port", Integer.toString(closedPort)).with("mail.smtp.timeout", "2")
                .with("mail.max-attempts", "3").with("mail.retry-base", "60").with("mail.retry-cap", "3600")
                .with("mail.retry-jitter", "0"));
    }

    @AfterAll
    static void stop() { server.close(); }

    private static Mail row(long clientId) {
        return server.steward().mail().service().list(null, clientId, "account.created", null, 1, 10).mails().getFirst();
    }

    @Test
    void a_failing_mail_is_retried_after_1_then_2_minutes_and_dead_after_three_attempts() {
        // Creating the account queues its welcome mail.
        NewClient c = AccountFixtures.client(server);
        var sender = server.steward().mail().sender();

        sender.runDueNow();
        Mail first = row(c.id());
        assertThat(first.status()).isEqualTo(Mail.FAILED);
        assertThat(first.attempts()).isEqualTo(1);
        assertThat(first.lastError()).isNotBlank();
        assertThat(Duration.between(first.updatedAt(), first.nextAttemptAt())).isEqualTo(Duration.ofMinutes(1));

        sender.runDueNow(); // not due yet: nothing happens
        assertThat(row(c.id()).attempts()).isEqualTo(1);

        server.clock.advance(Duration.ofMinutes(1));
        sender.runDueNow();
        Mail second = row(c.id());
        assertThat(second.attempts()).isEqualTo(2);
        assertThat(Duration.between(second.updatedAt(), second.nextAttemptAt())).isEqualTo(Duration.ofMinutes(2));

        server.clock.advance(Duration.ofMinutes(2));
        sender.runDueNow();
        Mail dead = row(c.id());
        assertThat(dead.status()).isEqualTo(Mail.DEAD);
        assertThat(dead.attempts()).isEqualTo(3);

        server.clock.advance(Duration.ofHours(10));
        sender.runDueNow();
        assertThat(row(c.id()).attempts()).isEqualTo(3);
        var listed = server.http().get("/admin/api/mails?status=dead&client_id=" + c.id(), Auth.admin()).json();
        assertThat(listed.get("total").asInt()).isEqualTo(1);
        assertThat(listed.at("/mails/0/last_error").asText()).isNotBlank();
    }

    @Test
    void a_sealed_mail_that_dies_drops_its_sealed_copy() {
        String address = "dying-" + System.nanoTime() + "@example.com";
        server.steward().outbox().toAddress(address, "", "password.reset", java.util.Map.of("token", Outbox.secret("Dying-token-123456")));
        var sender = server.steward().mail().sender();
        Mail m = server.steward().mail().service().list(null, null, "password.reset", address, 1, 1).mails().getFirst();
        for (int i = 0; i < 3; i++) {
            sender.runDueNow();
            server.clock.advance(Duration.ofHours(1));
        }
        assertThat(server.steward().mail().service().get(m.id()).status()).isEqualTo(Mail.DEAD);
        assertThat(server.steward().db().dsl().fetchValue("SELECT sealed_content FROM mail_outbox WHERE id = " + m.id())).isNull();
    }

    @Test
    void staff_cancelling_a_mails_job_gives_the_mail_up_so_it_is_never_sent_and_its_sealed_copy_is_dropped() {
        String address = "cancelled-" + System.nanoTime() + "@example.com";
        server.steward().outbox().toAddress(address, "", "password.reset", java.util.Map.of("token", Outbox.secret("Cancel-token-123456")));
        Mail m = server.steward().mail().service().list(null, null, "password.reset", address, 1, 1).mails().getFirst();
        var job = server.steward().jobs().search("mail", null, Long.toString(m.id()), null, 1, 1).getFirst();
        var res = server.http().post("/admin/api/jobs/" + job.id() + "/cancel", io.steward.support.Http.Auth.admin(),
                io.steward.support.Http.Body.NONE);
        assertThat(res.status()).as(res.toString()).isEqualTo(200);
        server.steward().mail().sender().runDueNow();
        assertThat(server.steward().mail().service().get(m.id()).status()).isEqualTo(Mail.DEAD);
        assertThat(server.steward().jobs().byId(job.id()).orElseThrow().status()).isEqualTo("cancelled");
        assertThat(server.steward().db().dsl().fetchValue("SELECT sealed_content FROM mail_outbox WHERE id = " + m.id())).isNull();
    }
}
