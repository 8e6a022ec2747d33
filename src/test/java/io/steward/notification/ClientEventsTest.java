package io.steward.notification;

import static io.steward.core.Json.obj;
import static org.assertj.core.api.Assertions.assertThat;

import com.fasterxml.jackson.databind.JsonNode;
import io.steward.mail.Mail;
import io.steward.support.AccountFixtures;
import io.steward.support.AccountFixtures.NewClient;
import io.steward.support.Http.Auth;
import io.steward.support.Http.Body;
import io.steward.support.Http.Res;
import io.steward.support.TestServer;
import java.time.LocalDate;
import java.time.ZoneOffset;
import java.util.ArrayList;
import java.util.List;
import java.util.Map;
import org.junit.jupiter.api.AfterAll;
import org.junit.jupiter.api.BeforeAll;
import org.junit.jupiter.api.Test;

/** Account, invoice and service events queue their mail and portal notification in the transaction of the change. */
class ClientEventsTest {
    static TestServer server;

    @BeforeAll
    static void start() { server = TestServer.start(c -> c.with("http.trust-forwarded", "true")); }

    @AfterAll
    static void stop() { server.close(); }

    private static List<Mail> mails(long clientId, String template) {
        return server.steward().mail().service().list(null, clientId, template, null, 1, 100).mails();
    }

    private static List<String> notes(NewClient c, String query) {
        Res res = server.http().get("/api/notifications" + query, c.auth());
        assertThat(res.status()).as(res.toString()).isEqualTo(200);
        var out = new ArrayList<String>();
        res.json().get("notifications").forEach(n -> out.add(n.get("subject").asText()));
        return out;
    }

    private static JsonNode issue(long clientId, String amount, LocalDate due) {
        Res res = server.http().post("/admin/api/invoices", Auth.admin(), Body.json(obj("client_id", clientId, "duedate", due.toString(),
                "items", List.of(obj("type", "Other", "description", "Consulting", "amount", amount)))));
        assertThat(res.status()).as(res.toString()).isEqualTo(201);
        return res.json().get("invoice");
    }

    private static LocalDate today() {
        return server.clock.instant().atZone(ZoneOffset.UTC).toLocalDate();
    }

    @Test
    void a_new_account_gets_the_welcome_mail() {
        NewClient c = AccountFixtures.client(server);
        List<Mail> welcome = mails(c.id(), "account.created");
        assertThat(welcome).hasSize(1);
        assertThat(welcome.getFirst().recipient()).isEqualTo(c.email());
        assertThat(welcome.getFirst().bodyText()).contains(c.email());
    }

    @Test
    void an_issued_invoice_and_its_payment_are_mailed_and_notified() {
        NewClient c = AccountFixtures.client(server);
        var billingContact = AccountFixtures.contact(server, c.auth(), Map.of("billing", List.of("emails", "payinvoice")), true);
        JsonNode inv = issue(c.id(), "25.00", today().plusDays(10));
        String number = inv.get("number").asText();

        List<Mail> issued = mails(c.id(), "invoice.issued");
        assertThat(issued).extracting(Mail::recipient).containsExactlyInAnyOrder(c.email(), billingContact.email());
        assertThat(issued.getFirst().subject()).isEqualTo("Invoice " + number + " issued");
        assertThat(issued.getFirst().bodyText()).contains("25.00 USD");
        assertThat(notes(c, "?rel_type=invoice&rel_id=" + inv.get("id").asText())).containsExactly("Invoice " + number + " issued");

        Res paid = server.http().post("/admin/api/invoices/" + inv.get("id").asText() + "/payments", Auth.admin(),
                Body.json(Map.of("amount", "25.00")));
        assertThat(paid.status()).as(paid.toString()).isEqualTo(201);
        assertThat(mails(c.id(), "payment.received")).hasSize(2);
        assertThat(notes(c, "/new?rel_type=invoice")).containsExactly("Payment received for invoice " + number, "Invoice " + number + " issued");
        // The billing contact sees invoice notifications too.
        assertThat(notes(new NewClient(c.id(), billingContact.email(), billingContact.password()), "?rel_type=invoice")).hasSize(2);
    }

    @Test
    void service_activation_suspension_and_termination_are_mailed_and_notified() {
        NewClient c = AccountFixtures.client(server);
        Res created = server.http().post("/admin/api/services", Auth.admin(), Body.json(obj("client_id", c.id(), "billing_cycle", "m",
                "currency", "USD", "recurring_amount", "9.99", "first_payment", "9.99", "name", "Starter Hosting",
                "category", "Hosting", "category_slug", "hosting", "domain", "events.example", "activate", true)));
        assertThat(created.status()).as(created.toString()).isEqualTo(201);
        long id = created.json().at("/service/id").asLong();
        // Nothing is told before the module has done the work.
        assertThat(mails(c.id(), "service.activated")).isEmpty();
        server.steward().services().provisioning().runDueJobsNow();
        assertThat(mails(c.id(), "service.activated")).hasSize(1);
        assertThat(mails(c.id(), "service.activated").getFirst().subject()).isEqualTo("Your service Starter Hosting is active");

        server.http().post("/admin/api/services/" + id + "/suspend", Auth.admin(), Body.json(Map.of("reason", "Abuse report")));
        server.steward().services().provisioning().runDueJobsNow();
        assertThat(mails(c.id(), "service.suspended").getFirst().bodyText()).contains("Reason: Abuse report");

        server.http().post("/admin/api/services/" + id + "/terminate", Auth.admin(), Body.NONE);
        server.steward().services().provisioning().runDueJobsNow();
        assertThat(mails(c.id(), "service.terminated")).hasSize(1);
        assertThat(notes(c, "?rel_type=service&rel_id=" + id)).containsExactly(
                "Service Starter Hosting (events.example) terminated",
                "Service Starter Hosting (events.example) suspended",
                "Service Starter Hosting (events.example) activated");
    }

    @Test
    void renewal_invoices_of_the_billing_run_are_mailed_and_notified_in_bulk() {
        NewClient c = AccountFixtures.client(server);
        var billingContact = AccountFixtures.contact(server, c.auth(), Map.of("billing", List.of("emails")), false);
        AccountFixtures.contact(server, c.auth(), Map.of("support", List.of("emails")), false);
        Res created = server.http().post("/admin/api/services", Auth.admin(), Body.json(obj("client_id", c.id(), "billing_cycle", "m",
                "currency", "USD", "recurring_amount", "12.00", "first_payment", "12.00", "name", "Renewing Hosting",
                "category", "Hosting", "category_slug", "hosting", "domain", "renew.example", "next_due", today().plusDays(10).toString(),
                "activate", true)));
        assertThat(created.status()).as(created.toString()).isEqualTo(201);
        server.steward().services().provisioning().runDueJobsNow();

        Res run = server.http().post("/admin/api/billing/run", Auth.admin(), Body.json(Map.of("date", today().toString())));
        assertThat(run.json().at("/run/invoices").asInt()).isGreaterThanOrEqualTo(1);
        // The run's invoices are told to the mail and notification features after it commits, by billing's job, once.
        assertThat(mails(c.id(), "invoice.issued")).isEmpty();
        assertThat(server.steward().billing().invoices().deliverIssued()).isGreaterThanOrEqualTo(1);
        assertThat(server.steward().billing().invoices().deliverIssued()).isZero();
        List<Mail> issued = mails(c.id(), "invoice.issued");
        assertThat(issued).extracting(Mail::recipient).containsExactlyInAnyOrder(c.email(), billingContact.email());
        assertThat(issued.getFirst().bodyText()).contains("12.00 USD");
        assertThat(notes(c, "?rel_type=invoice")).hasSize(1).allMatch(n -> n.endsWith(" issued"));
    }

    @Test
    void the_billing_runs_reminder_is_mailed_exactly_once() {
        NewClient c = AccountFixtures.client(server);
        JsonNode inv = issue(c.id(), "40.00", today().plusDays(2));
        Res run = server.http().post("/admin/api/billing/run", Auth.admin(), Body.json(Map.of("date", today().toString())));
        assertThat(run.status()).as(run.toString()).isEqualTo(200);

        server.steward().billingNotices().runNow();
        server.steward().billingNotices().runNow();
        List<Mail> reminders = mails(c.id(), "invoice.reminder");
        assertThat(reminders).hasSize(1);
        assertThat(reminders.getFirst().subject()).isEqualTo("Payment reminder: invoice " + inv.get("number").asText());
        assertThat(reminders.getFirst().bodyText()).contains(today().plusDays(2).toString());
        var unsent = server.http().get("/admin/api/billing/events?client_id=" + c.id() + "&unsent=1", Auth.admin()).json().get("events");
        assertThat(unsent).isEmpty();
    }

    @Test
    void a_sign_in_from_a_new_address_is_mailed_once_per_address_and_not_on_the_first_sign_in() {
        NewClient c = AccountFixtures.client(server);
        login(c, "198.51.100.1");
        assertThat(mails(c.id(), "login.new-address")).isEmpty();
        login(c, "198.51.100.1");
        login(c, "203.0.113.9");
        login(c, "203.0.113.9");
        List<Mail> notices = mails(c.id(), "login.new-address");
        assertThat(notices).hasSize(1);
        assertThat(notices.getFirst().bodyText()).contains("203.0.113.9");
    }

    private static void login(NewClient c, String ip) {
        Res res = server.http().post("/api/login", Auth.NONE.withHeader("X-Forwarded-For", ip),
                Body.json(Map.of("username", c.email(), "password", c.password())));
        assertThat(res.status()).as(res.toString()).isEqualTo(200);
    }
}
