package io.steward.support;

import static io.steward.core.Json.obj;
import static io.steward.support.SupportFixtures.department;
import static io.steward.support.SupportFixtures.departmentId;
import static io.steward.support.SupportFixtures.staffReply;
import static io.steward.support.SupportFixtures.ticket;
import static org.assertj.core.api.Assertions.assertThat;

import com.fasterxml.jackson.databind.JsonNode;
import io.steward.support.Http.Auth;
import io.steward.support.Http.Body;
import io.steward.support.Http.Res;
import java.util.List;
import java.util.Map;
import org.junit.jupiter.api.AfterAll;
import org.junit.jupiter.api.BeforeAll;
import org.junit.jupiter.api.Test;

/** The client API's tickets: life cycle, statuses, client_read, ownership, validation, contacts' privileges. */
class TicketsApiTest {
    static TestServer server;
    static long technical;

    @BeforeAll
    static void start() {
        server = TestServer.start();
        technical = departmentId(server, "Technical Support");
    }

    @AfterAll
    static void stop() { server.close(); }

    private static JsonNode listed(Auth who, String number) {
        Res res = server.http().get("/api/tickets", who);
        assertThat(res.status()).isEqualTo(200);
        for (JsonNode t : res.json().get("tickets")) if (t.get("ticket_number").asText().equals(number)) return t;
        return null;
    }

    private static JsonNode details(Auth who, String number) {
        Res res = server.http().get("/api/tickets/" + number, who);
        assertThat(res.status()).as(res.toString()).isEqualTo(200);
        return res.json();
    }

    @Test
    void GET_ticket_departments_lists_public_departments_only() {
        String hidden = department(server, Map.of("public", false)).get("name").asText();
        String shown = department(server, Map.of()).get("name").asText();
        var names = server.http().get("/api/ticket/departments", Auth.demo()).json().get("departments").findValuesAsText("name");
        assertThat(names).contains("Billing", "Technical Support", "Sales", shown).doesNotContain(hidden);
    }

    @Test
    void a_ticket_goes_open_answered_read_client_reply_closed_and_reopened() {
        var c = AccountFixtures.client(server);
        String number = ticket(server, c.auth(), technical, "Mail bounces");
        assertThat(number).matches("[1-9][0-9]{5}");
        JsonNode row = listed(c.auth(), number);
        assertThat(row.get("status").asText()).isEqualTo("Open");
        assertThat(row.get("client_read").asText()).isEqualTo("1");
        assertThat(row.get("deptname").asText()).isEqualTo("Technical Support");

        staffReply(server, number, "Please check your SPF record.");
        row = listed(c.auth(), number);
        assertThat(row.get("status").asText()).isEqualTo("Answered");
        assertThat(row.get("client_read").asText()).as("the staff reply is unread").isEqualTo("0");

        JsonNode d = details(c.auth(), number);
        assertThat(d.at("/ticket/client_read").asText()).as("reading the ticket reads the reply").isEqualTo("1");
        assertThat(d.at("/ticket/subject").asText()).isEqualTo("Mail bounces");
        assertThat(d.at("/ticket/email").asText()).isEqualTo(c.email());
        assertThat(d.at("/replies/0/type").asText()).isEqualTo("Admin");
        assertThat(d.at("/replies/0/body").asText()).isEqualTo("Please check your SPF record.");
        assertThat(listed(c.auth(), number).get("client_read").asText()).isEqualTo("1");

        Res reply = server.http().post("/api/tickets/" + number, c.auth(), Body.form("body", "Fixed, thanks"));
        assertThat(reply.json().at("/info/0").asText()).isEqualTo("reply_added");
        assertThat(listed(c.auth(), number).get("status").asText()).isEqualTo("Client-Reply");
        assertThat(details(c.auth(), number).at("/replies/1/type").asText()).isEqualTo("Client");

        assertThat(server.http().put("/api/tickets/" + number + "/close", c.auth(), Body.NONE).json().get("status").asBoolean()).isTrue();
        assertThat(listed(c.auth(), number).get("status").asText()).isEqualTo("Closed");
        assertThat(server.http().put("/api/tickets/" + number + "/open", c.auth(), Body.NONE).json().get("status").asBoolean()).isTrue();
        assertThat(listed(c.auth(), number).get("status").asText()).isEqualTo("Open");

        server.http().put("/api/tickets/" + number + "/close", c.auth(), Body.NONE);
        server.http().post("/api/tickets/" + number, c.auth(), Body.json(obj("body", "It broke again")));
        assertThat(listed(c.auth(), number).get("status").asText()).as("a client reply reopens").isEqualTo("Client-Reply");
    }

    @Test
    void a_department_that_keeps_closed_tickets_closed_refuses_reopen_and_replies() {
        var c = AccountFixtures.client(server);
        long dept = department(server, Map.of("allow_reopen", false)).get("id").asLong();
        String number = ticket(server, c.auth(), dept, "Refund");
        server.http().put("/api/tickets/" + number + "/close", c.auth(), Body.NONE);
        Res open = server.http().put("/api/tickets/" + number + "/open", c.auth(), Body.NONE);
        assertThat(open.status()).isEqualTo(422);
        assertThat(open.json().at("/error/0").asText()).isEqualTo("ticket_closed");
        assertThat(server.http().post("/api/tickets/" + number, c.auth(), Body.json(obj("body", "again"))).status()).isEqualTo(422);
        assertThat(listed(c.auth(), number).get("status").asText()).isEqualTo("Closed");
    }

    @Test
    void another_clients_ticket_is_not_found_and_unchanged() {
        var owner = AccountFixtures.client(server);
        var other = AccountFixtures.client(server);
        String number = ticket(server, owner.auth(), technical, "Private matter");
        assertThat(server.http().get("/api/tickets/" + number, other.auth()).status()).isEqualTo(404);
        assertThat(server.http().post("/api/tickets/" + number, other.auth(), Body.json(obj("body", "hi"))).status()).isEqualTo(404);
        assertThat(server.http().put("/api/tickets/" + number + "/close", other.auth(), Body.NONE).status()).isEqualTo(404);
        assertThat(listed(other.auth(), number)).isNull();
        assertThat(listed(owner.auth(), number).get("status").asText()).isEqualTo("Open");
        assertThat(server.http().get("/api/tickets/abc", owner.auth()).status()).isEqualTo(404);
    }

    @Test
    void bad_input_names_the_field() {
        var c = AccountFixtures.client(server);
        Res noSubject = server.http().post("/api/tickets", c.auth(), Body.json(obj("dept_id", technical, "body", "x")));
        assertThat(noSubject.status()).isEqualTo(422);
        assertThat(noSubject.json().get("fields").has("subject")).isTrue();
        long hidden = department(server, Map.of("public", false)).get("id").asLong();
        Res hiddenDept = server.http().post("/api/tickets", c.auth(), Body.json(obj("dept_id", hidden, "subject", "s", "body", "b")));
        assertThat(hiddenDept.status()).isEqualTo(422);
        assertThat(hiddenDept.json().get("fields").has("dept_id")).isTrue();
        assertThat(server.http().post("/api/tickets", c.auth(), Body.json(obj("subject", "s", "body", "b"))).status()).isEqualTo(400);
        assertThat(server.http().post("/api/tickets", c.auth(), Body.json(obj("dept_id", "x", "subject", "s", "body", "b"))).status())
                .isEqualTo(400);
        String number = ticket(server, c.auth(), technical, "Empty reply");
        assertThat(server.http().post("/api/tickets/" + number, c.auth(), Body.json(obj("body", " "))).status()).isEqualTo(422);
    }

    @Test
    void a_related_service_must_be_the_clients_own() {
        var owner = AccountFixtures.client(server);
        var other = AccountFixtures.client(server);
        long service = server.http().post("/admin/api/services", Auth.admin(), Body.json(obj("client_id", owner.id(), "billing_cycle", "m",
                "currency", "USD", "recurring_amount", "5", "first_payment", "5", "name", "Starter Hosting", "category", "Hosting",
                "category_slug", "hosting", "domain", "svc.example.com"))).json().at("/service/id").asLong();
        Res foreign = server.http().post("/api/tickets", other.auth(), Body.json(obj("dept_id", technical, "subject", "s", "body", "b",
                "service_id", service)));
        assertThat(foreign.status()).isEqualTo(422);
        assertThat(foreign.json().get("fields").has("service_id")).isTrue();
        Res own = server.http().post("/api/tickets", owner.auth(), Body.json(obj("dept_id", technical, "subject", "s", "body", "b",
                "service_id", service)));
        assertThat(own.status()).isEqualTo(200);
        assertThat(details(owner.auth(), own.json().get("ticket").asText()).at("/ticket/service_id").asText()).isEqualTo(Long.toString(service));
    }

    @Test
    void staff_notes_are_never_shown_to_the_client() {
        var c = AccountFixtures.client(server);
        String number = ticket(server, c.auth(), technical, "Slow site");
        Res note = server.http().post("/admin/api/tickets/" + number + "/notes", Auth.admin(), Body.json(obj("body", "SECRET-NOTE customer is on the old node")));
        assertThat(note.status()).isEqualTo(201);
        assertThat(server.http().get("/admin/api/tickets/" + number, Auth.admin()).json().at("/ticket/notes/0/body").asText())
                .startsWith("SECRET-NOTE");
        assertThat(server.http().get("/api/tickets/" + number, c.auth()).text()).doesNotContain("SECRET-NOTE");
        assertThat(server.http().get("/api/tickets", c.auth()).text()).doesNotContain("SECRET-NOTE");
    }

    @Test
    void contacts_need_support_privileges() {
        var holder = AccountFixtures.client(server);
        var none = AccountFixtures.contact(server, holder.auth(), obj("billing", List.of("payinvoice")), true);
        var opener = AccountFixtures.contact(server, holder.auth(), obj("support", List.of("newticket")), true);
        var viewer = AccountFixtures.contact(server, holder.auth(), obj("support", List.of("tickets")), true);
        var closer = AccountFixtures.contact(server, holder.auth(), obj("support", List.of("tickets", "closeticket")), true);

        assertThat(server.http().get("/api/tickets", none.auth()).status()).isEqualTo(403);
        assertThat(server.http().post("/api/tickets", none.auth(), Body.json(obj("dept_id", technical, "subject", "s", "body", "b"))).status())
                .isEqualTo(403);
        String number = ticket(server, opener.auth(), technical, "From a contact");
        assertThat(server.http().get("/api/tickets", opener.auth()).status()).isEqualTo(403);

        JsonNode d = details(viewer.auth(), number);
        assertThat(d.at("/ticket/email").asText()).isEqualTo(opener.email());
        assertThat(server.http().put("/api/tickets/" + number + "/close", viewer.auth(), Body.NONE).status()).isEqualTo(403);
        assertThat(server.http().put("/api/tickets/" + number + "/close", closer.auth(), Body.NONE).status()).isEqualTo(200);
        assertThat(listed(holder.auth(), number).get("status").asText()).isEqualTo("Closed");
    }

    @Test
    void staff_filter_the_list_and_change_status_priority_and_department() {
        var c = AccountFixtures.client(server);
        String number = ticket(server, c.auth(), technical, "Filter me");
        long billing = departmentId(server, "Billing");
        Res put = server.http().put("/admin/api/tickets/" + number, Auth.admin(),
                Body.json(obj("status", "In-Progress", "priority", "high", "department_id", billing)));
        assertThat(put.status()).as(put.toString()).isEqualTo(200);
        assertThat(put.json().at("/ticket/status").asText()).isEqualTo("In-Progress");
        assertThat(put.json().at("/ticket/priority").asText()).isEqualTo("High");
        assertThat(listed(c.auth(), number).get("deptname").asText()).isEqualTo("Billing");

        JsonNode page = server.http().get("/admin/api/tickets?client_id=" + c.id() + "&status=In-Progress&priority=High&department_id=" + billing,
                Auth.admin()).json();
        assertThat(page.get("total").asInt()).isEqualTo(1);
        assertThat(page.at("/tickets/0/number").asText()).isEqualTo(number);
        assertThat(server.http().get("/admin/api/tickets?client_id=" + c.id() + "&status=Closed", Auth.admin()).json().get("total").asInt()).isZero();
        assertThat(server.http().put("/admin/api/tickets/" + number, Auth.admin(), Body.json(obj("status", "Solved"))).status()).isEqualTo(422);
        assertThat(server.http().get("/admin/api/tickets/999999", Auth.admin()).status()).isEqualTo(404);
    }

    @Test
    void staff_reply_with_a_predefined_reply_and_a_chosen_status() {
        var c = AccountFixtures.client(server);
        String number = ticket(server, c.auth(), technical, "Canned");
        Res canned = server.http().post("/admin/api/predefined-replies", Auth.admin(), Body.json(obj("name", "Restarted", "body", "We restarted the service.")));
        assertThat(canned.status()).isEqualTo(201);
        long id = canned.json().at("/predefined_reply/id").asLong();
        Res reply = server.http().post("/admin/api/tickets/" + number + "/replies", Auth.admin(),
                Body.json(obj("predefined_reply_id", id, "status", "In-Progress", "name", "Alex")));
        assertThat(reply.status()).as(reply.toString()).isEqualTo(200);
        JsonNode d = details(c.auth(), number);
        assertThat(d.at("/replies/0/body").asText()).isEqualTo("We restarted the service.");
        assertThat(d.at("/replies/0/name").asText()).isEqualTo("Alex");
        assertThat(d.at("/ticket/status").asText()).isEqualTo("In-Progress");
        assertThat(server.http().delete("/admin/api/predefined-replies/" + id, Auth.admin()).status()).isEqualTo(200);
        assertThat(server.http().get("/admin/api/predefined-replies/" + id, Auth.admin()).status()).isEqualTo(404);
    }

    @Test
    void a_department_with_tickets_cannot_be_deleted_an_empty_one_can() {
        var c = AccountFixtures.client(server);
        long used = department(server, Map.of()).get("id").asLong();
        ticket(server, c.auth(), used, "Keeps the department");
        assertThat(server.http().delete("/admin/api/departments/" + used, Auth.admin()).status()).isEqualTo(409);
        long empty = department(server, Map.of()).get("id").asLong();
        assertThat(server.http().delete("/admin/api/departments/" + empty, Auth.admin()).status()).isEqualTo(200);
        assertThat(server.http().get("/admin/api/departments/" + empty, Auth.admin()).status()).isEqualTo(404);
    }

    @Test
    void the_demo_client_has_an_answered_ticket_with_an_attachment() {
        JsonNode list = server.http().get("/api/tickets", Auth.demo()).json().get("tickets");
        assertThat(list).isNotEmpty();
        JsonNode d = details(Auth.demo(), list.get(0).get("ticket_number").asText());
        assertThat(d.at("/ticket/attachments/0/name").asText()).isEqualTo("error.log");
        assertThat(d.at("/replies/0/type").asText()).isEqualTo("Admin");
        assertThat(d.at("/ticket/status").asText()).isEqualTo("Answered");
    }
}
