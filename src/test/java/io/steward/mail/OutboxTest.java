package io.steward.mail;

import static io.steward.core.Json.obj;
import static org.assertj.core.api.Assertions.assertThat;

import io.steward.support.AccountFixtures;
import io.steward.support.AccountFixtures.NewClient;
import io.steward.support.TestServer;
import java.util.List;
import java.util.Map;
import org.junit.jupiter.api.AfterAll;
import org.junit.jupiter.api.BeforeAll;
import org.junit.jupiter.api.Test;

/** The Outbox seam: rows rendered in the caller's transaction, recipients chosen by contacts' privileges. */
class OutboxTest {
    static TestServer server;

    @BeforeAll
    static void start() { server = TestServer.start(); }

    @AfterAll
    static void stop() { server.close(); }

    private static MailService mail() { return server.steward().mail().service(); }

    private static List<String> recipients(long clientId, String template) {
        return mail().list(null, clientId, template, null, 1, 100).mails().stream().map(Mail::recipient).sorted().toList();
    }

    @Test
    void billing_mail_goes_to_the_holder_and_contacts_with_billing_emails_only() {
        NewClient c = AccountFixtures.client(server);
        var billing = AccountFixtures.contact(server, c.auth(), Map.of("billing", List.of("emails")), false);
        var support = AccountFixtures.contact(server, c.auth(), Map.of("support", List.of("emails")), false);
        server.steward().outbox().toClient(c.id(), Outbox.Audience.billing(), "invoice.issued",
                Map.of("number", "2026/11/7", "total", "19.65", "currency", "USD", "due_date", "2026-12-01", "invoice_id", 7));

        assertThat(recipients(c.id(), "invoice.issued")).containsExactlyInAnyOrder(c.email(), billing.email());
        assertThat(recipients(c.id(), "invoice.issued")).doesNotContain(support.email());
        Mail m = mail().list(null, c.id(), "invoice.issued", c.email(), 1, 10).mails().getFirst();
        assertThat(m.status()).isEqualTo(Mail.QUEUED);
        assertThat(m.subject()).isEqualTo("Invoice 2026/11/7 issued");
        assertThat(m.bodyText()).contains("Hello Fixture Client").contains("19.65 USD").contains("2026-12-01");
        assertThat(m.bodyHtml()).contains("<b>19.65 USD</b>").startsWith("<!DOCTYPE html>");
    }

    @Test
    void service_mail_reaches_contacts_with_notify_on_that_service_or_full_control() {
        NewClient c = AccountFixtures.client(server);
        // Services are owned objects: grant per-service privileges only on real services.
        long serviceId = MailFixtures.service(server, c.id());
        var notify = AccountFixtures.contact(server, c.auth(), Map.of("services", Map.of(Long.toString(serviceId), List.of("notify"))), false);
        var full = AccountFixtures.contact(server, c.auth(), Map.of("services", Map.of("full", 1)), false);
        var basic = AccountFixtures.contact(server, c.auth(), Map.of("services", Map.of(Long.toString(serviceId), List.of("basic"))), false);
        server.steward().outbox().toClient(c.id(), Outbox.Audience.service(serviceId), "service.activated",
                Map.of("service", "Starter", "service_id", serviceId, "domain", "x.example"));

        assertThat(recipients(c.id(), "service.activated")).containsExactlyInAnyOrder(c.email(), notify.email(), full.email());
        assertThat(recipients(c.id(), "service.activated")).doesNotContain(basic.email());
    }

    @Test
    void holder_audience_is_the_account_holder_alone_and_a_rollback_queues_nothing() {
        NewClient c = AccountFixtures.client(server);
        AccountFixtures.contact(server, c.auth(), Map.of("billing", List.of("emails")), false);
        server.steward().outbox().toClient(c.id(), Outbox.Audience.holder(), "account.created", Map.of());
        assertThat(recipients(c.id(), "account.created")).containsExactly(c.email());

        try {
            server.steward().db().txRun(() -> {
                server.steward().outbox().toClient(c.id(), Outbox.Audience.holder(), "invoice.overdue", Map.of());
                throw new IllegalStateException("the change fails");
            });
        } catch (IllegalStateException expected) {
            // the mail went with the transaction
        }
        assertThat(recipients(c.id(), "invoice.overdue")).isEmpty();
    }

    @Test
    void values_are_escaped_in_html_and_cannot_add_lines_to_the_subject() {
        server.steward().outbox().toAddress("someone@example.com", "Some One", "ticket.opened",
                obj("number", "123456", "subject", "Help\r\nBcc: evil@example.com", "department", "Sales", "message", "<script>x</script>"));
        Mail m = mail().list(null, null, "ticket.opened", "someone@example.com", 1, 10).mails().getFirst();
        assertThat(m.subject()).doesNotContain("\n").doesNotContain("\r");
        assertThat(m.bodyHtml()).contains("&lt;script&gt;").doesNotContain("<script>");
        assertThat(m.bodyText()).contains("<script>x</script>");
    }
}
