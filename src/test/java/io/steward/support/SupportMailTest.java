package io.steward.support;

import static io.steward.core.Json.obj;
import static io.steward.support.SupportFixtures.departmentId;
import static io.steward.support.SupportFixtures.staffReply;
import static io.steward.support.SupportFixtures.ticket;
import static org.assertj.core.api.Assertions.assertThat;

import com.fasterxml.jackson.databind.JsonNode;
import io.steward.mail.Mail;
import io.steward.support.Http.Auth;
import io.steward.support.Http.Body;
import java.util.List;
import org.junit.jupiter.api.AfterAll;
import org.junit.jupiter.api.BeforeAll;
import org.junit.jupiter.api.Test;

/** Tickets and the status page queue their mails in the outbox and their portal notifications. */
class SupportMailTest {
    static TestServer server;

    @BeforeAll
    static void start() { server = TestServer.start(c -> c.with("scheduler.enabled", "false")); }

    @AfterAll
    static void stop() { server.close(); }

    private static List<Mail> mails(long clientId, String template) {
        return server.steward().mail().service().list(null, clientId, template, null, 1, 100).mails();
    }

    private static JsonNode notifications(Auth who, String relType) {
        return server.http().get("/api/notifications?rel_type=" + relType, who).json().get("notifications");
    }

    @Test
    void opening_a_ticket_mails_the_client_and_a_staff_reply_mails_and_notifies_it() {
        var c = AccountFixtures.client(server);
        var supportContact = AccountFixtures.contact(server, c.auth(), obj("support", List.of("emails")), false);
        var billingContact = AccountFixtures.contact(server, c.auth(), obj("billing", List.of("emails")), false);
        String number = ticket(server, c.auth(), departmentId(server, "Technical Support"), "DNS not resolving");

        List<Mail> opened = mails(c.id(), "ticket.opened");
        assertThat(opened).extracting(Mail::recipient).containsExactlyInAnyOrder(c.email(), supportContact.email());
        assertThat(opened).extracting(Mail::recipient).doesNotContain(billingContact.email());
        assertThat(opened.getFirst().subject()).contains("#" + number).contains("DNS not resolving");
        assertThat(notifications(c.auth(), "ticket")).as("opening is not news to the client").isEmpty();

        staffReply(server, number, "The zone had a typo; fixed.");
        List<Mail> answered = mails(c.id(), "ticket.answered");
        assertThat(answered).extracting(Mail::recipient).containsExactlyInAnyOrder(c.email(), supportContact.email());
        assertThat(answered.getFirst().bodyText()).contains("The zone had a typo; fixed.").contains("Technical Support");
        JsonNode n = notifications(c.auth(), "ticket");
        assertThat(n).hasSize(1);
        assertThat(n.get(0).get("rel_id").asText()).isEqualTo(number);
        assertThat(n.get(0).get("subject").asText()).contains(number);

        // A client reply and an internal note send nothing more.
        server.http().post("/api/tickets/" + number, c.auth(), Body.json(obj("body", "Thanks")));
        server.http().post("/admin/api/tickets/" + number + "/notes", Auth.admin(), Body.json(obj("body", "note")));
        assertThat(mails(c.id(), "ticket.answered")).hasSize(2);
        assertThat(notifications(c.auth(), "ticket")).hasSize(1);
    }

    @Test
    void staff_open_a_ticket_for_a_client_who_is_mailed_notified_and_sees_it_answered() {
        var c = AccountFixtures.client(server);
        long dept = departmentId(server, "Technical Support");
        var opened = server.http().post("/admin/api/tickets", Auth.admin(), Body.json(obj("client_id", c.id(), "department_id", dept,
                "subject", "Your disk is nearly full", "body", "Please remove old backups.", "priority", "High", "name", "Alex from Support")));
        assertThat(opened.status()).as("%s", opened).isEqualTo(201);
        String number = opened.json().at("/ticket/number").asText();
        assertThat(opened.json().at("/ticket/status").asText()).isEqualTo("Answered");
        assertThat(opened.json().at("/ticket/priority").asText()).isEqualTo("High");

        List<Mail> answered = mails(c.id(), "ticket.answered");
        assertThat(answered).extracting(Mail::recipient).containsExactly(c.email());
        assertThat(answered.getFirst().bodyText()).contains("Please remove old backups.");
        assertThat(mails(c.id(), "ticket.opened")).as("not told it opened a ticket").isEmpty();
        assertThat(notifications(c.auth(), "ticket")).extracting(n -> n.get("rel_id").asText()).containsExactly(number);
        JsonNode seen = server.http().get("/api/tickets/" + number, c.auth()).json();
        assertThat(seen.at("/ticket/status").asText()).isEqualTo("Answered");
        assertThat(seen.at("/ticket/subject").asText()).isEqualTo("Your disk is nearly full");
        // The client answers as on any ticket.
        assertThat(server.http().post("/api/tickets/" + number, c.auth(), Body.json(obj("body", "Done"))).status()).isEqualTo(200);

        var other = AccountFixtures.client(server);
        assertThat(server.http().get("/api/tickets/" + number, other.auth()).status()).isEqualTo(404);
        assertThat(server.http().post("/admin/api/tickets", Auth.admin(), Body.json(obj("client_id", 99_999_999, "department_id", dept,
                "subject", "x", "body", "y"))).status()).isEqualTo(404);
        var invalid = server.http().post("/admin/api/tickets", Auth.admin(), Body.json(obj("client_id", c.id(), "department_id", dept,
                "subject", "", "body", "y", "priority", "Urgent")));
        assertThat(invalid.status()).isEqualTo(422);
        assertThat(invalid.json().get("fields").has("priority")).as("%s", invalid).isTrue();
        assertThat(server.http().post("/admin/api/tickets", Auth.admin(), Body.json(obj("department_id", dept, "subject", "x", "body", "y")))
                .status()).isEqualTo(400);
    }

    @Test
    void an_incident_mails_and_notifies_only_the_affected_clients() {
        var affected = AccountFixtures.client(server);
        var unaffected = AccountFixtures.client(server);
        var svc = obj("client_id", affected.id(), "billing_cycle", "m", "currency", "USD", "recurring_amount", "5", "first_payment", "5",
                "name", "Svc", "category", "Hosting", "category_slug", "hosting", "domain", "inc.example.com", "module", "flaky");
        assertThat(server.http().post("/admin/api/services", Auth.admin(), Body.json(svc)).status()).isEqualTo(201);

        var created = server.http().post("/admin/api/statuses", Auth.admin(), Body.json(obj("title", "Flaky cluster down",
                "description", "All flaky servers are unreachable", "servers", List.of("flaky"))));
        assertThat(created.status()).isEqualTo(201);
        long id = created.json().at("/status/id").asLong();

        List<Mail> m = mails(affected.id(), "status.incident");
        assertThat(m).extracting(Mail::recipient).containsExactly(affected.email());
        assertThat(m.getFirst().subject()).contains("Flaky cluster down").contains("Investigating");
        assertThat(m.getFirst().bodyText()).contains("All flaky servers are unreachable");
        assertThat(mails(unaffected.id(), "status.incident")).isEmpty();
        JsonNode n = notifications(affected.auth(), "status");
        assertThat(n).hasSize(1);
        assertThat(n.get(0).get("rel_id").asText()).isEqualTo(Long.toString(id));
        assertThat(notifications(unaffected.auth(), "status")).isEmpty();

        server.http().post("/admin/api/statuses/" + id + "/updates", Auth.admin(), Body.json(obj("status", "Resolved", "message", "Back up")));
        assertThat(mails(affected.id(), "status.incident")).hasSize(2);
        assertThat(notifications(affected.auth(), "status")).hasSize(2);
    }
}
