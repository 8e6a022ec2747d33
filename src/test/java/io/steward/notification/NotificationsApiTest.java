package io.steward.notification;

import static org.assertj.core.api.Assertions.assertThat;

import com.fasterxml.jackson.databind.JsonNode;
import io.steward.support.AccountFixtures;
import io.steward.support.AccountFixtures.NewClient;
import io.steward.support.Http.Auth;
import io.steward.support.Http.Body;
import io.steward.support.Http.Res;
import io.steward.support.TestServer;
import java.util.ArrayList;
import java.util.List;
import java.util.Map;
import org.junit.jupiter.api.AfterAll;
import org.junit.jupiter.api.BeforeAll;
import org.junit.jupiter.api.Test;

/** GET /notifications, /notifications/new and PUT /notifications/@id/ack over notifications recorded through the Notifier seam. */
class NotificationsApiTest {
    static TestServer server;

    @BeforeAll
    static void start() { server = TestServer.start(); }

    @AfterAll
    static void stop() { server.close(); }

    private static void notify(NewClient c, String relType, long relId, String subject) {
        server.steward().db().txRun(() -> server.steward().notifier().notify(c.id(), relType, relId, subject, "Message of " + subject));
    }

    private static List<String> subjects(Res res) {
        assertThat(res.status()).as(res.toString()).isEqualTo(200);
        var out = new ArrayList<String>();
        res.json().get("notifications").forEach(n -> out.add(n.get("subject").asText()));
        return out;
    }

    @Test
    void notifications_are_listed_newest_first_and_filtered_by_rel_type_and_rel_id() {
        NewClient c = AccountFixtures.client(server);
        notify(c, "invoice", 11, "Invoice 11 issued");
        notify(c, "invoice", 12, "Invoice 12 issued");
        notify(c, "service", 7, "Service 7 active");

        assertThat(subjects(server.http().get("/api/notifications", c.auth())))
                .containsExactly("Service 7 active", "Invoice 12 issued", "Invoice 11 issued");
        assertThat(subjects(server.http().get("/api/notifications?rel_type=invoice", c.auth())))
                .containsExactly("Invoice 12 issued", "Invoice 11 issued");
        assertThat(subjects(server.http().get("/api/notifications/new?rel_type=invoice&rel_id=11", c.auth())))
                .containsExactly("Invoice 11 issued");
        JsonNode n = server.http().get("/api/notifications", c.auth()).json().at("/notifications/0");
        assertThat(n.get("id").isTextual()).isTrue();
        assertThat(n.get("rel_type").asText()).isEqualTo("service");
        assertThat(n.get("rel_id").asText()).isEqualTo("7");
        assertThat(n.get("message").asText()).isEqualTo("Message of Service 7 active");
        assertThat(n.get("seen").asText()).isEqualTo("0");
    }

    @Test
    void an_acknowledged_notification_leaves_the_new_list_but_stays_in_the_full_one() {
        NewClient c = AccountFixtures.client(server);
        notify(c, "invoice", 21, "First");
        notify(c, "invoice", 22, "Second");
        String id = server.http().get("/api/notifications/new?rel_id=21", c.auth()).json().at("/notifications/0/id").asText();

        Res ack = server.http().put("/api/notifications/" + id + "/ack", c.auth(), Body.NONE);
        assertThat(ack.status()).as(ack.toString()).isEqualTo(200);
        assertThat(ack.json().get("success").asBoolean()).isTrue();
        assertThat(ack.json().at("/notification/seen").asText()).isEqualTo("1");

        assertThat(subjects(server.http().get("/api/notifications/new", c.auth()))).containsExactly("Second");
        assertThat(subjects(server.http().get("/api/notifications", c.auth()))).containsExactly("Second", "First");
        // Acknowledging twice is harmless.
        assertThat(server.http().put("/api/notifications/" + id + "/ack", c.auth(), Body.NONE).status()).isEqualTo(200);
    }

    @Test
    void another_clients_notification_is_not_found_and_not_listed() {
        NewClient owner = AccountFixtures.client(server);
        NewClient other = AccountFixtures.client(server);
        notify(owner, "invoice", 31, "Private");
        String id = server.http().get("/api/notifications", owner.auth()).json().at("/notifications/0/id").asText();

        assertThat(subjects(server.http().get("/api/notifications", other.auth()))).doesNotContain("Private");
        Res res = server.http().put("/api/notifications/" + id + "/ack", other.auth(), Body.NONE);
        assertThat(res.status()).isEqualTo(404);
        assertThat(subjects(server.http().get("/api/notifications/new", owner.auth()))).containsExactly("Private");
        assertThat(server.http().put("/api/notifications/abc/ack", owner.auth(), Body.NONE).status()).isEqualTo(404);
    }

    @Test
    void a_contact_sees_only_notifications_about_what_its_privileges_cover() {
        NewClient c = AccountFixtures.client(server);
        var support = AccountFixtures.contact(server, c.auth(), Map.of("support", List.of("tickets")), true);
        notify(c, "invoice", 41, "Invoice");
        notify(c, "ticket", 42, "Ticket");
        notify(c, "status", 43, "Incident");

        assertThat(subjects(server.http().get("/api/notifications", support.auth()))).containsExactly("Incident", "Ticket");
        String invoiceNote = server.http().get("/api/notifications?rel_type=invoice", c.auth()).json().at("/notifications/0/id").asText();
        assertThat(server.http().put("/api/notifications/" + invoiceNote + "/ack", support.auth(), Body.NONE).status()).isEqualTo(404);
    }

    @Test
    void a_bad_rel_id_is_a_400_and_no_credentials_a_401() {
        NewClient c = AccountFixtures.client(server);
        assertThat(server.http().get("/api/notifications?rel_id=x", c.auth()).status()).isEqualTo(400);
        assertThat(server.http().get("/api/notifications", Auth.NONE).status()).isEqualTo(401);
    }
}
