package io.steward.mail;

import static io.steward.core.Json.obj;
import static org.assertj.core.api.Assertions.assertThat;

import com.icegreen.greenmail.configuration.GreenMailConfiguration;
import com.icegreen.greenmail.util.GreenMail;
import com.icegreen.greenmail.util.ServerSetup;
import io.steward.support.AccountFixtures;
import io.steward.support.AccountFixtures.NewClient;
import io.steward.support.Http.Auth;
import io.steward.support.Http.Body;
import io.steward.support.Http.Res;
import io.steward.support.TestServer;
import jakarta.mail.Multipart;
import jakarta.mail.internet.InternetAddress;
import jakarta.mail.internet.MimeMessage;
import java.util.Arrays;
import java.util.List;
import java.util.Map;
import org.junit.jupiter.api.AfterAll;
import org.junit.jupiter.api.BeforeAll;
import org.junit.jupiter.api.BeforeEach;
import org.junit.jupiter.api.Test;

/** The sender delivers the outbox over real SMTP (GreenMail, with SMTP AUTH), and staff see and resend it. */
class MailDeliveryTest {
    static GreenMail smtp;
    static TestServer server;

    @BeforeAll
    static void start() {
        smtp = new GreenMail(new ServerSetup(0, "127.0.0.1", ServerSetup.PROTOCOL_SMTP).dynamicPort())
                .withConfiguration(GreenMailConfiguration.aConfig().withUser("steward", "smtp-secret"));
        smtp.start();
        server = TestServer.start(c -> c.with("mail.transport", "smtp").with("mail.smtp.host", "127.0.0.1")
                .with("mail.smtp.port", Integer.toString(smtp.getSmtp().getPort()))
                .with("mail.smtp.username", "steward").with("mail.smtp.password", "smtp-secret")
                .with("mail.from", "billing@host.example").with("mail.from-name", "Host Billing")
                .with("mail.company", "Host Example"));
    }

    @AfterAll
    static void stop() {
        server.close();
        smtp.stop();
    }

    @BeforeEach
    void drain() throws Exception {
        // Earlier tests' mail (and the demo data's) goes out first, so each test sees only its own.
        server.steward().mail().sender().runDueNow();
        smtp.purgeEmailFromAllMailboxes();
    }

    private static List<MimeMessage> received(String to) {
        return Arrays.stream(smtp.getReceivedMessages()).filter(m -> {
            try {
                return Arrays.stream(m.getAllRecipients()).anyMatch(a -> ((InternetAddress) a).getAddress().equalsIgnoreCase(to));
            } catch (Exception e) {
                throw new IllegalStateException(e);
            }
        }).toList();
    }

    private static String subject(MimeMessage m) {
        try {
            return m.getSubject();
        } catch (Exception e) {
            throw new IllegalStateException(e);
        }
    }

    private static String part(MimeMessage m, int index) throws Exception {
        return ((Multipart) m.getContent()).getBodyPart(index).getContent().toString();
    }

    @Test
    void a_queued_mail_is_delivered_as_text_and_html_with_a_stable_message_id() throws Exception {
        NewClient c = AccountFixtures.client(server);
        server.steward().outbox().toClient(c.id(), Outbox.Audience.billing(), "invoice.issued",
                obj("number", "2026/11/42", "total", "19.65", "currency", "USD", "due_date", "2026-12-01", "invoice_id", 42));
        var report = server.steward().mail().sender().runDueNow();
        assertThat(report.sent()).isGreaterThanOrEqualTo(1);

        List<MimeMessage> got = received(c.email()).stream().filter(m -> subject(m).startsWith("Invoice")).toList();
        assertThat(got).hasSize(1);
        MimeMessage m = got.getFirst();
        assertThat(m.getSubject()).isEqualTo("Invoice 2026/11/42 issued");
        assertThat(((InternetAddress) m.getFrom()[0]).getAddress()).isEqualTo("billing@host.example");
        assertThat(((InternetAddress) m.getFrom()[0]).getPersonal()).isEqualTo("Host Billing");
        assertThat(m.getContentType()).startsWith("multipart/alternative");
        assertThat(part(m, 0)).contains("Hello Fixture Client").contains("Total: 19.65 USD").contains("Host Example");
        assertThat(part(m, 1)).contains("<b>19.65 USD</b>");

        Mail row = server.steward().mail().service().list(null, c.id(), "invoice.issued", null, 1, 10).mails().getFirst();
        assertThat(row.status()).isEqualTo(Mail.SENT);
        assertThat(row.attempts()).isEqualTo(1);
        assertThat(m.getMessageID()).isEqualTo("<outbox-" + row.id() + "@host.example>").isEqualTo(row.messageId());
    }

    @Test
    void concurrent_runners_send_each_mail_exactly_once() throws Exception {
        server.steward().mail().sender().runDueNow();
        smtp.purgeEmailFromAllMailboxes();
        for (int i = 0; i < 30; i++) {
            server.steward().outbox().toAddress("many-" + i + "@example.net", "", "broadcast", Map.of("subject", "S" + i, "message", "M"));
        }
        var pool = java.util.concurrent.Executors.newFixedThreadPool(4);
        try {
            var runs = new java.util.ArrayList<java.util.concurrent.Future<MailSender.Report>>();
            for (int t = 0; t < 4; t++) runs.add(pool.submit(() -> server.steward().mail().sender().runDueNow()));
            int sent = 0;
            for (var r : runs) sent += r.get().sent();
            assertThat(sent).isEqualTo(30);
        } finally {
            pool.shutdown();
        }
        assertThat(smtp.getReceivedMessages()).hasSize(30);
        assertThat(server.steward().mail().service().list(Mail.SENT, null, "broadcast", null, 1, 100).total()).isGreaterThanOrEqualTo(30);
    }

    @Test
    void staff_list_the_outbox_by_client_and_status_see_one_mail_and_resend_it() throws Exception {
        // Creating the account queues its welcome mail.
        NewClient c = AccountFixtures.client(server);
        Res queued = server.http().get("/admin/api/mails?client_id=" + c.id() + "&status=queued", Auth.admin());
        assertThat(queued.status()).as(queued.toString()).isEqualTo(200);
        assertThat(queued.json().get("total").asInt()).isEqualTo(1);
        long id = queued.json().at("/mails/0/id").asLong();
        assertThat(queued.json().at("/mails/0/template").asText()).isEqualTo("account.created");

        // A queued mail cannot be resent: it has not gone yet.
        assertThat(server.http().post("/admin/api/mails/" + id + "/resend", Auth.admin(), Body.NONE).status()).isEqualTo(409);

        Res run = server.http().post("/admin/api/mails/run", Auth.admin(), Body.NONE);
        assertThat(run.json().at("/run/sent").asInt()).isGreaterThanOrEqualTo(1);
        Res one = server.http().get("/admin/api/mails/" + id, Auth.admin());
        assertThat(one.json().at("/mail/status").asText()).isEqualTo("sent");
        assertThat(one.json().at("/mail/body_text").asText()).contains("your account has been created");
        assertThat(one.json().at("/mail/sent_at").isTextual()).isTrue();

        Res resent = server.http().post("/admin/api/mails/" + id + "/resend", Auth.admin(), Body.json(Map.of("to", "copy@example.org")));
        assertThat(resent.status()).as(resent.toString()).isEqualTo(201);
        assertThat(resent.json().at("/mail/resent_from").asLong()).isEqualTo(id);
        assertThat(resent.json().at("/mail/status").asText()).isEqualTo("queued");
        server.steward().mail().sender().runDueNow();
        assertThat(received("copy@example.org")).hasSize(1);
        assertThat(received(c.email())).hasSize(1);
        assertThat(received("copy@example.org").getFirst().getSubject()).isEqualTo(received(c.email()).getFirst().getSubject());

        assertThat(server.http().get("/admin/api/mails?status=bogus", Auth.admin()).status()).isEqualTo(422);
        assertThat(server.http().get("/admin/api/mails/999999999", Auth.admin()).status()).isEqualTo(404);
        assertThat(server.http().get("/admin/api/mails", Auth.demo()).status()).isEqualTo(401);
    }
}
