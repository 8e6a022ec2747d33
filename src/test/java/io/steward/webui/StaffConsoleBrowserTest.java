package io.steward.webui;

import static org.assertj.core.api.Assertions.assertThat;

import io.steward.staff.StaffDemo;
import io.steward.support.Http.Auth;
import io.steward.support.TestServer;
import org.junit.jupiter.api.AfterAll;
import org.junit.jupiter.api.BeforeAll;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.extension.RegisterExtension;
import org.openqa.selenium.By;
import org.openqa.selenium.support.ui.Select;

/**
 * The staff console in a real browser (headless Chromium): staff record a payment and answer a
 * ticket, a support-role account is denied the billing screens, log in as client is audited; every
 * page visited passes axe-core's WCAG 2.1 A/AA rules.
 */
class StaffConsoleBrowserTest {
    @RegisterExtension
    static final Browser browser = new Browser();
    static TestServer server;

    @BeforeAll
    static void start() {
        server = TestServer.start();
        browser.base(server.baseUrl());
    }

    @AfterAll
    static void stop() {
        if (server != null) server.close();
    }

    private static void signIn(String username, String password) {
        browser.driver().manage().deleteAllCookies();
        browser.open("/admin/login");
        browser.fill("username", username).fill("password", password).submit("form.card button[type=submit]");
    }

    @Test
    void staff_sign_in_and_record_a_payment_on_an_unpaid_invoice() {
        long invoiceId = server.http().get("/admin/api/invoices?status=Unpaid", Auth.admin()).json().at("/invoices/0/id").asLong();
        assertThat(invoiceId).isPositive();
        browser.driver().manage().deleteAllCookies();
        browser.open("/admin/invoices/" + invoiceId);
        assertThat(browser.path()).startsWith("/admin/login?next=");
        browser.fill("username", StaffDemo.ADMIN_USERNAME).fill("password", "Wrong-pass-1").submit("form.card button[type=submit]");
        assertThat(browser.text("#signin-error")).contains("wrong");
        browser.fill("username", StaffDemo.ADMIN_USERNAME).fill("password", StaffDemo.ADMIN_PASSWORD).submit("form.card button[type=submit]");
        assertThat(browser.path()).isEqualTo("/admin/invoices/" + invoiceId);
        assertThat(browser.text("#invoice-status")).isEqualTo("Unpaid");

        browser.fill("pay-transaction", "BANK-4711").submit("#record-payment");
        assertThat(browser.text("#done")).contains("payment was recorded");
        assertThat(browser.text("#invoice-status")).isEqualTo("Paid");
        var invoice = server.http().get("/admin/api/invoices/" + invoiceId, Auth.admin()).json().get("invoice");
        assertThat(invoice.get("status").asText()).isEqualTo("Paid");
        assertThat(invoice.toString()).contains("BANK-4711").contains("staff:admin");
        // The console's change is in the audit log under the staff account.
        var audit = server.http().get("/admin/api/audit?actor=admin&object_type=invoices&object_id=" + invoiceId, Auth.admin()).json();
        assertThat(audit.at("/audit/0/action").asText()).isEqualTo("console: POST /invoices/@id/payments");
        assertThat(audit.at("/audit/0/status").asInt()).isEqualTo(303);

        browser.open("/admin/invoices?status=Paid");
        assertThat(browser.heading()).isEqualTo("Invoices");
    }

    @Test
    void staff_answer_a_ticket_with_a_predefined_reply_and_add_an_internal_note() {
        int number = server.http().get("/admin/api/tickets?status=active", Auth.admin()).json().at("/tickets/0/number").asInt();
        signIn(StaffDemo.ADMIN_USERNAME, StaffDemo.ADMIN_PASSWORD);
        browser.open("/admin/tickets");
        assertThat(browser.heading()).isEqualTo("Ticket desk");
        browser.submit("a[href='/admin/tickets/" + number + "']");
        assertThat(browser.path()).isEqualTo("/admin/tickets/" + number);

        var predefined = new Select(browser.driver().findElement(By.id("predefined")));
        assertThat(predefined.getOptions()).hasSizeGreaterThan(1);
        predefined.selectByIndex(1);
        browser.fill("reply-body", "Looking into it now.").submit("#send-reply");
        assertThat(browser.text("#done")).contains("reply was sent");
        assertThat(browser.text("#ticket-status")).isEqualTo("Answered");

        browser.fill("note-body", "Customer called, waiting on the data centre.").submit("#add-note");
        assertThat(browser.text("#done")).contains("note was added");
        var ticket = server.http().get("/admin/api/tickets/" + number, Auth.admin()).json().get("ticket");
        assertThat(ticket.toString()).contains("Looking into it now.").contains("waiting on the data centre");
        // The note stays internal: the client's view of the ticket does not show it.
        var clientView = server.http().get("/api/tickets/" + number, Auth.demo()).text();
        assertThat(clientView).contains("Looking into it now.").doesNotContain("waiting on the data centre");
    }

    @Test
    void a_support_role_account_is_denied_the_billing_screens_and_does_not_see_them_in_the_menu() {
        long invoiceId = server.http().get("/admin/api/invoices", Auth.admin()).json().at("/invoices/0/id").asLong();
        signIn(StaffDemo.SUPPORT_USERNAME, StaffDemo.SUPPORT_PASSWORD);
        assertThat(browser.heading()).isEqualTo("Staff console");
        assertThat(browser.find("header nav a[href='/admin/invoices']")).isEmpty();
        assertThat(browser.find("header nav a[href='/admin/tickets']")).isPresent();
        browser.open("/admin/invoices");
        assertThat(browser.heading()).isEqualTo("Not allowed");
        assertThat(browser.text("#error-detail")).contains("'billing' permission");
        browser.open("/admin/invoices/" + invoiceId);
        assertThat(browser.heading()).isEqualTo("Not allowed");
        // Reading clients is granted, changing them is not: no edit form, and the client page shows no credit form.
        long clientId = server.http().get("/admin/api/clients?q=demo@example.com", Auth.admin()).json().at("/clients/0/id").asLong();
        browser.open("/admin/clients/" + clientId);
        assertThat(browser.find("#save-client")).isEmpty();
        assertThat(browser.find("#add-credit")).isEmpty();
        browser.submit("form.signout button");
        assertThat(browser.path()).startsWith("/admin/login");
    }

    @Test
    void log_in_as_client_opens_the_client_area_as_that_client_and_is_audited() {
        signIn(StaffDemo.ADMIN_USERNAME, StaffDemo.ADMIN_PASSWORD);
        browser.open("/admin/clients?q=demo%40example.com");
        assertThat(browser.heading()).isEqualTo("Clients");
        long clientId = server.http().get("/admin/api/clients?q=demo@example.com", Auth.admin()).json().at("/clients/0/id").asLong();
        browser.submit("a[href='/admin/clients/" + clientId + "']");
        browser.fill("credit-amount", "5.00").fill("credit-reason", "Goodwill").submit("#add-credit");
        assertThat(browser.text("#saved")).isEqualTo("Saved.");
        browser.submit("#login-as");
        assertThat(browser.path()).isEqualTo("/");
        assertThat(browser.heading()).isEqualTo("Dashboard");
        var audit = server.http().get("/admin/api/audit?action=login_as_client&object_id=" + clientId, Auth.admin()).json();
        assertThat(audit.at("/audit/0/actor").asText()).isEqualTo("admin");
        assertThat(audit.at("/audit/0/object_type").asText()).isEqualTo("clients");
        // The console session is still there beside the client one.
        browser.open("/admin/");
        assertThat(browser.heading()).isEqualTo("Staff console");
    }

    @Test
    void staff_cancel_a_pending_order_see_the_job_queue_and_run_billing_for_a_date() {
        long orderId = server.http().get("/admin/api/orders?status=Pending", Auth.admin()).json().at("/orders/0/id").asLong();
        assertThat(orderId).isPositive();
        signIn(StaffDemo.ADMIN_USERNAME, StaffDemo.ADMIN_PASSWORD);
        browser.open("/admin/orders");
        browser.submit("a[href='/admin/orders/" + orderId + "']");
        assertThat(browser.text("#order-status")).isEqualTo("Pending");
        browser.submit("#order-cancelled");
        assertThat(browser.text("#order-status")).isEqualTo("Cancelled");
        assertThat(server.http().get("/admin/api/orders/" + orderId, Auth.admin()).json().at("/order/status").asText()).isEqualTo("Cancelled");

        browser.open("/admin/jobs");
        assertThat(browser.heading()).isEqualTo("Job queue");
        browser.open("/admin/billing-run");
        // A date input takes keys in the browser's locale format; its value is always ISO, so set that.
        browser.driver().executeScript("arguments[0].value = '2027-01-15'", browser.driver().findElement(By.id("run-date")));
        browser.submit("#run-billing");
        assertThat(browser.text("#report-heading")).isEqualTo("Run for 2027-01-15");
        var audit = server.http().get("/admin/api/audit?action=console:%20POST%20/billing-run", Auth.admin()).json();
        assertThat(audit.at("/audit/0/actor").asText()).isEqualTo("admin");
    }
}
