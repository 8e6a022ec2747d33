package io.steward.mail;

import static org.assertj.core.api.Assertions.assertThat;

import io.steward.support.AccountFixtures;
import io.steward.support.AccountFixtures.NewClient;
import io.steward.support.TestServer;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.Comparator;
import org.junit.jupiter.api.AfterAll;
import org.junit.jupiter.api.BeforeAll;
import org.junit.jupiter.api.Test;

/** With the scheduler on, the outbox is delivered without anyone asking; here through the maildir sandbox transport. */
class ScheduledDeliveryTest {
    static Path maildir;
    static TestServer server;

    @BeforeAll
    static void start() throws Exception {
        maildir = Files.createTempDirectory("steward-maildir");
        server = TestServer.start(c -> c.with("mail.scheduled", "true").with("mail.poll-interval", "1")
                .with("mail.transport", "maildir").with("mail.maildir", maildir.toString()));
    }

    @AfterAll
    static void stop() throws Exception {
        server.close();
        try (var walk = Files.walk(maildir)) {
            walk.sorted(Comparator.reverseOrder()).forEach(p -> p.toFile().delete());
        }
    }

    @Test
    void the_welcome_mail_of_a_new_account_is_filed_by_the_scheduled_sender() throws Exception {
        NewClient c = AccountFixtures.client(server);
        Mail queued = server.steward().mail().service().list(null, c.id(), "account.created", null, 1, 1).mails().getFirst();
        Path file = maildir.resolve(queued.id() + ".eml");
        long deadline = System.currentTimeMillis() + 20_000;
        while (!Files.exists(file) && System.currentTimeMillis() < deadline) Thread.sleep(100);
        assertThat(file).exists();
        String eml = Files.readString(file);
        assertThat(eml).contains("Subject: Welcome to").contains(c.email()).contains("multipart/alternative")
                .contains("Message-ID: <outbox-" + queued.id() + "@");
        long statusDeadline = System.currentTimeMillis() + 5_000;
        while (!server.steward().mail().service().get(queued.id()).status().equals(Mail.SENT) && System.currentTimeMillis() < statusDeadline) {
            Thread.sleep(50);
        }
        assertThat(server.steward().mail().service().get(queued.id()).status()).isEqualTo(Mail.SENT);
    }
}
