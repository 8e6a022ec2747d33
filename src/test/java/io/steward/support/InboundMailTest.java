package io.steward.support;

import static io.steward.core.Json.obj;
import static io.steward.support.SupportFixtures.department;
import static org.assertj.core.api.Assertions.assertThat;

import com.fasterxml.jackson.databind.JsonNode;
import com.icegreen.greenmail.util.GreenMail;
import com.icegreen.greenmail.util.ServerSetupTest;
import io.steward.support.Http.Auth;
import io.steward.support.Http.Body;
import io.steward.support.Http.Res;
import jakarta.mail.Session;
import jakarta.mail.internet.InternetAddress;
import jakarta.mail.internet.MimeBodyPart;
import jakarta.mail.internet.MimeMessage;
import jakarta.mail.internet.MimeMultipart;
import java.util.Map;
import java.util.Properties;
import java.util.UUID;
import org.junit.jupiter.api.AfterAll;
import org.junit.jupiter.api.BeforeAll;
import org.junit.jupiter.api.Test;

/** Inbound mail from a department's IMAP mailbox (GreenMail) becomes tickets and replies. */
class InboundMailTest {
    static TestServer server;
    static GreenMail imap;

    @BeforeAll
    static void start() {
        imap = new GreenMail(ServerSetupTest.IMAP.dynamicPort());
        imap.start();
        server = TestServer.start(c -> c.with("scheduler.enabled", "false"));
    }

    @AfterAll
    static void stop() {
        server.close();
        imap.stop();
    }

    /** A department with its own mailbox on the GreenMail server. */
    private static long mailboxDepartment(String unknownSenders) {
        String user = "desk-" + UUID.randomUUID().toString().substring(0, 8);
        imap.setUser(user + "@example.com", user, "Desk-pass-1");
        return department(server, Map.of("email", user + "@example.com", "unknown_senders", unknownSenders,
                "mailbox", obj("host", "127.0.0.1", "port", imap.getImap().getPort(), "tls", false, "user", user, "password", "Desk-pass-1")))
                .get("id").asLong();
    }

    private static String mailboxAddress(long dept) {
        return server.http().get("/admin/api/departments/" + dept, Auth.admin()).json().at("/department/email").asText();
    }

    private static void deliver(long dept, String from, String subject, String text, String attachmentName) throws Exception {
        var msg = new MimeMessage(Session.getInstance(new Properties()));
        msg.setFrom(new InternetAddress(from, "Sender Name"));
        msg.setRecipients(MimeMessage.RecipientType.TO, mailboxAddress(dept));
        msg.setSubject(subject);
        if (attachmentName == null) {
            msg.setText(text, "UTF-8");
        } else {
            var body = new MimeBodyPart();
            body.setText(text, "UTF-8");
            var file = new MimeBodyPart();
            file.setFileName(attachmentName);
            file.setContent("log contents", "text/plain");
            msg.setContent(new MimeMultipart(body, file));
        }
        msg.saveChanges();
        imap.getUserManager().getUserByEmail(mailboxAddress(dept)).deliver(msg);
    }

    private static JsonNode poll(long dept) {
        Res res = server.http().post("/admin/api/departments/" + dept + "/mailbox/poll", Auth.admin(), Body.NONE);
        assertThat(res.status()).as(res.toString()).isEqualTo(200);
        return res.json();
    }

    private static JsonNode onlyTicket(long clientId) {
        JsonNode page = server.http().get("/admin/api/tickets?client_id=" + clientId, Auth.admin()).json();
        assertThat(page.get("total").asInt()).isEqualTo(1);
        return server.http().get("/admin/api/tickets/" + page.at("/tickets/0/number").asText(), Auth.admin()).json().get("ticket");
    }

    @Test
    void a_clients_mail_opens_a_ticket_and_a_mail_naming_it_becomes_a_reply() throws Exception {
        long dept = mailboxDepartment("reject");
        var c = AccountFixtures.client(server);
        deliver(dept, c.email(), "Cannot log in to webmail", "Webmail says access denied.", "webmail.log");
        JsonNode first = poll(dept);
        assertThat(first.get("tickets").asInt()).isEqualTo(1);

        JsonNode t = onlyTicket(c.id());
        assertThat(t.get("subject").asText()).isEqualTo("Cannot log in to webmail");
        assertThat(t.get("body").asText()).isEqualTo("Webmail says access denied.");
        assertThat(t.get("source").asText()).isEqualTo("email");
        assertThat(t.at("/attachments/0/name").asText()).isEqualTo("webmail.log");
        String number = t.get("number").asText();
        assertThat(server.http().get("/api/tickets/" + number, c.auth()).status()).isEqualTo(200);

        SupportFixtures.staffReply(server, number, "Reset your password, please.");
        deliver(dept, c.email().toUpperCase(), "Re: [Ticket #" + number + "] Cannot log in to webmail",
                "Done, works now.\n\nOn Mon, Support wrote:\n> Reset your password, please.\n", null);
        JsonNode second = poll(dept);
        assertThat(second.get("replies").asInt()).isEqualTo(1);
        assertThat(second.get("tickets").asInt()).isZero();

        JsonNode after = onlyTicket(c.id());
        assertThat(after.get("status").asText()).isEqualTo("Client-Reply");
        assertThat(after.at("/replies/1/type").asText()).isEqualTo("Client");
        assertThat(after.at("/replies/1/body").asText()).as("quoted text dropped").isEqualTo("Done, works now.");

        JsonNode again = poll(dept);
        assertThat(again.get("tickets").asInt() + again.get("replies").asInt() + again.get("rejected").asInt())
                .as("read mails are not handled twice").isZero();
    }

    @Test
    void unknown_senders_are_rejected_or_open_guest_tickets_as_the_department_says() throws Exception {
        long rejecting = mailboxDepartment("reject");
        deliver(rejecting, "stranger-" + UUID.randomUUID() + "@example.net", "Buy cheap watches", "spam", null);
        JsonNode r = poll(rejecting);
        assertThat(r.get("rejected").asInt()).isEqualTo(1);
        assertThat(server.http().get("/admin/api/tickets?department_id=" + rejecting, Auth.admin()).json().get("total").asInt()).isZero();

        long guest = mailboxDepartment("guest");
        String stranger = "prospect-" + UUID.randomUUID().toString().substring(0, 8) + "@example.net";
        deliver(guest, stranger, "Do you offer VPS in Sydney?", "Question about locations.", null);
        assertThat(poll(guest).get("tickets").asInt()).isEqualTo(1);
        JsonNode page = server.http().get("/admin/api/tickets?department_id=" + guest, Auth.admin()).json();
        JsonNode t = page.at("/tickets/0");
        assertThat(t.get("client_id").isNull()).isTrue();
        assertThat(t.get("email").asText()).isEqualTo(stranger);
        assertThat(t.get("name").asText()).isEqualTo("Sender Name");

        String number = t.get("number").asText();
        deliver(guest, stranger, "Re: #" + number, "Also Tokyo?", null);
        assertThat(poll(guest).get("replies").asInt()).isEqualTo(1);
        // Someone else naming the guest's ticket does not get into it.
        deliver(guest, "other-" + UUID.randomUUID() + "@example.net", "Re: #" + number, "Let me in", null);
        JsonNode intruder = poll(guest);
        assertThat(intruder.get("replies").asInt()).isZero();
        assertThat(intruder.get("tickets").asInt()).isEqualTo(1);
        JsonNode full = server.http().get("/admin/api/tickets/" + number, Auth.admin()).json().get("ticket");
        assertThat(full.get("replies")).hasSize(1);
    }

    @Test
    void another_clients_ticket_number_in_the_subject_opens_a_new_ticket_instead() throws Exception {
        long dept = mailboxDepartment("reject");
        var owner = AccountFixtures.client(server);
        var other = AccountFixtures.client(server);
        String number = SupportFixtures.ticket(server, owner.auth(), SupportFixtures.departmentId(server, "Technical Support"), "Mine");
        deliver(dept, other.email(), "Re: #" + number, "Reading your ticket", null);
        JsonNode o = poll(dept);
        assertThat(o.get("replies").asInt()).isZero();
        assertThat(o.get("tickets").asInt()).isEqualTo(1);
        assertThat(server.http().get("/admin/api/tickets/" + number, Auth.admin()).json().at("/ticket/replies")).isEmpty();
        assertThat(onlyTicket(other.id()).get("body").asText()).isEqualTo("Reading your ticket");
    }

    @Test
    void a_department_without_a_mailbox_cannot_be_polled_and_an_unreachable_one_is_503() {
        long plain = department(server, Map.of()).get("id").asLong();
        assertThat(server.http().post("/admin/api/departments/" + plain + "/mailbox/poll", Auth.admin(), Body.NONE).status()).isEqualTo(409);
        long broken = department(server, Map.of("imap_host", "127.0.0.1", "imap_port", "1", "imap_user", "x", "imap_password", "y")).get("id").asLong();
        assertThat(server.http().get("/admin/api/departments/" + broken, Auth.admin()).json().at("/department/mailbox/port").asInt()).isEqualTo(1);
        assertThat(server.http().get("/admin/api/departments/" + broken, Auth.admin()).text()).doesNotContain("\"y\"");
        assertThat(server.http().post("/admin/api/departments/" + broken + "/mailbox/poll", Auth.admin(), Body.NONE).status()).isEqualTo(503);
    }

    @Test
    void the_scheduler_task_polls_every_mailbox() throws Exception {
        long dept = mailboxDepartment("reject");
        var c = AccountFixtures.client(server);
        deliver(dept, c.email(), "Polled by the task", "Hello", null);
        server.steward().support().inbound().pollAll();
        assertThat(onlyTicket(c.id()).get("subject").asText()).isEqualTo("Polled by the task");
    }
}
