package io.steward.webui;

import static org.assertj.core.api.Assertions.assertThat;

import io.steward.auth.Totp;
import java.nio.file.Files;
import java.nio.file.Path;
import org.openqa.selenium.By;
import org.openqa.selenium.support.ui.Select;
import org.xbill.DNS.Rcode;
import org.xbill.DNS.Section;
import org.xbill.DNS.Type;
import io.steward.support.AccountFixtures;
import io.steward.support.Http.Body;
import io.steward.support.TestServer;
import java.util.List;
import java.util.Map;
import org.junit.jupiter.api.AfterAll;
import org.junit.jupiter.api.BeforeAll;
import org.junit.jupiter.api.MethodOrderer;
import org.junit.jupiter.api.Order;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.TestMethodOrder;
import org.junit.jupiter.api.extension.RegisterExtension;

/**
 * The client area in a real browser (headless Chromium): every page visited passes axe-core's
 * WCAG 2.1 A/AA rules. One server and one browser for the class; each test signs in as its own
 * fixture client, so they do not depend on each other.
 */
@TestMethodOrder(MethodOrderer.OrderAnnotation.class)
class ClientAreaBrowserTest {
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

    private static void signIn(String email, String password, String code) {
        // Cookies are deleted for the page's site, so be on the site first (a test may end elsewhere).
        browser.open("/login");
        browser.driver().manage().deleteAllCookies();
        browser.open("/login");
        browser.fill("email", email).fill("password", password);
        if (code != null) browser.fill("code", code);
        browser.submit("form.card button[type=submit]");
    }

    @Test
    @Order(1)
    void a_visitor_is_sent_to_sign_in_and_a_client_with_two_factor_signs_in_with_password_and_code() {
        var client = AccountFixtures.client(server);
        var enabled = server.http().put("/api/details", client.auth(), Body.json(Map.of("authy", List.of("Yes"))));
        assertThat(enabled.status()).isEqualTo(200);
        String secret = enabled.json().at("/authy_setup/secret").asText();

        browser.driver().manage().deleteAllCookies();
        browser.open("/invoices");
        assertThat(browser.path()).isEqualTo("/login?next=%2Finvoices");

        // Right password, no code: asked for the code, not signed in.
        browser.fill("email", client.email()).fill("password", client.password()).submit("form.card button[type=submit]");
        assertThat(browser.text("#signin-error")).contains("two-factor");
        // Wrong password: refused.
        browser.fill("email", client.email()).fill("password", "Not-the-password-1").submit("form.card button[type=submit]");
        assertThat(browser.text("#signin-error")).contains("wrong");

        browser.fill("email", client.email()).fill("password", client.password())
                .fill("code", Totp.code(secret, server.clock.instant())).submit("form.card button[type=submit]");
        assertThat(browser.path()).isEqualTo("/invoices");
        assertThat(browser.heading()).isEqualTo("Invoices");
        assertThat(browser.text("header .who")).isEqualTo("Fixture Client");

        browser.open("/");
        assertThat(browser.heading()).isEqualTo("Dashboard");

        // Signing out ends the session: the dashboard asks for sign-in again.
        browser.submit("form.signout button");
        assertThat(browser.path()).startsWith("/login");
        browser.open("/");
        assertThat(browser.path()).startsWith("/login");
    }

    @Test
    @Order(2)
    void the_language_switch_shows_the_client_area_in_german() {
        var client = AccountFixtures.client(server);
        signIn(client.email(), client.password(), null);
        assertThat(browser.heading()).isEqualTo("Dashboard");
        browser.submit("a[hreflang=de]");
        assertThat(browser.heading()).isEqualTo("Übersicht");
        assertThat(browser.driver().findElement(org.openqa.selenium.By.tagName("html")).getAttribute("lang")).isEqualTo("de");
        browser.submit("a[hreflang=en]");
        assertThat(browser.heading()).isEqualTo("Dashboard");
    }

    @Test
    @Order(3)
    void a_client_opens_a_ticket_with_an_attachment_sees_the_file_and_closes_the_ticket() throws Exception {
        var client = AccountFixtures.client(server);
        signIn(client.email(), client.password(), null);
        Path file = Files.createTempFile("web-ticket-", ".txt");
        Files.writeString(file, "Error log: disk quota exceeded\n");
        browser.open("/tickets");
        browser.submit("a.button[href='/tickets/new']");
        browser.fill("subject", "Mail bounces since today").fill("body", "Every mail to my domain bounces.");
        browser.driver().findElement(By.id("attachments")).sendKeys(file.toAbsolutePath().toString());
        browser.submit("#open-ticket");
        assertThat(browser.path()).matches("/tickets/\\d{6}");
        assertThat(browser.heading()).isEqualTo("Ticket: Mail bounces since today");
        assertThat(browser.text("a.attachment")).isEqualTo(file.getFileName().toString());
        // The file is stored and served back to its owner as sent (the browser's cookie is the session).
        String href = browser.find("a.attachment").orElseThrow().getAttribute("href");
        var web = new WebClient(server.baseUrl());
        web.cookies.put("steward_client", browser.driver().manage().getCookieNamed("steward_client").getValue());
        var got = web.get(href.substring(server.baseUrl().length()));
        assertThat(got.statusCode()).isEqualTo(200);
        assertThat(got.body()).isEqualTo("Error log: disk quota exceeded\n");
        browser.submit("#close-ticket");
        assertThat(browser.text("#ticket-status")).isEqualTo("Closed");
    }

    @Test
    @Order(4)
    void a_dns_record_added_in_the_zone_editor_is_answered_by_stewards_dns_server() {
        signIn("demo@example.com", "Demo-pass-1", null);
        var services = server.http().get("/api/service", io.steward.support.Http.Auth.demo()).json().get("services");
        long serviceId = 0;
        for (var s : services) {
            // The demo's DNS hosting service holding demo-zone.test (the demo order made a second, empty one).
            if (!s.get("name").asText().equals("DNS Hosting")) continue;
            var zones = server.http().get("/api/service/" + s.get("id").asText() + "/dns", io.steward.support.Http.Auth.demo());
            if (zones.text().contains("demo-zone.test")) serviceId = s.get("id").asLong();
        }
        assertThat(serviceId).isPositive();
        browser.open("/services/" + serviceId);
        browser.submit("a[href='/services/" + serviceId + "/dns']");
        browser.submit("main li a");
        assertThat(browser.heading()).isEqualTo("Zone demo-zone.test");
        new Select(browser.driver().findElement(By.id("record-type"))).selectByValue("A");
        browser.fill("record-name", "webui").fill("record-ttl", "300").fill("record-content", "192.0.2.77");
        browser.submit("#add-record-submit");
        assertThat(browser.text("main .notice.ok")).isEqualTo("The record was added.");
        assertThat(browser.text("#records")).contains("webui", "192.0.2.77");

        var answer = io.steward.dns.DnsFixtures.query(server, "webui.demo-zone.test", Type.A, false);
        assertThat(answer.getRcode()).isEqualTo(Rcode.NOERROR);
        assertThat(answer.getSection(Section.ANSWER)).extracting(r -> r.rdataToString()).containsExactly("192.0.2.77");
    }

    @Test
    @Order(5)
    void a_contact_with_support_privileges_only_is_refused_the_invoices_but_sees_its_tickets() {
        signIn("contact@example.com", "Contact-pass-1", null);
        browser.open("/invoices");
        assertThat(browser.heading()).isEqualTo("Not allowed");
        browser.open("/tickets");
        assertThat(browser.heading()).isEqualTo("Support tickets");
    }

    @Test
    @Order(6)
    void the_accessibility_check_fails_on_a_page_with_a_violation() {
        browser.driver().get("data:text/html,<html><head><title>x</title></head><body><img src='x.png'><input type='text'></body></html>");
        org.assertj.core.api.Assertions.assertThatThrownBy(browser::audit).isInstanceOf(AssertionError.class)
                .hasMessageContaining("image-alt");
    }

    @Test
    @Order(7)
    void a_client_orders_from_the_cart_and_pays_the_invoice_with_account_credit() {
        var client = AccountFixtures.client(server);
        var credited = server.http().post("/admin/api/clients/" + client.id() + "/credit", io.steward.support.Http.Auth.admin(),
                Body.json(Map.of("amount", "100.00", "reason", "prepaid")));
        assertThat(credited.status()).isLessThan(300);
        signIn(client.email(), client.password(), null);
        browser.open("/cart");
        browser.driver().findElement(By.linkText("DNS")).click();
        browser.audit();
        browser.driver().findElement(By.linkText("DNS Hosting")).click();
        browser.audit();
        new Select(browser.driver().findElement(By.id("cycle"))).selectByValue("m");
        browser.submit("#get-quote");
        String total = browser.text("#quote-total");
        assertThat(total).endsWith(" USD");
        browser.submit("#place-order");
        assertThat(browser.path()).matches("/invoices/\\d+");
        assertThat(browser.text("#invoice-status")).isEqualTo("Unpaid");
        assertThat(browser.text("#invoice-due")).isEqualTo(total);
        browser.submit("#pay-with-credit");
        assertThat(browser.text("#invoice-status")).isEqualTo("Paid");
        assertThat(browser.text("main .notice.ok")).isEqualTo("Your credit was applied to this invoice.");
        browser.open("/");
        assertThat(browser.text("#unpaid-total")).isEqualTo("0.00 USD");
    }

    @Test
    @Order(8)
    void a_client_turns_on_two_factor_and_manages_api_keys_on_the_account_pages() {
        var client = AccountFixtures.client(server);
        signIn(client.email(), client.password(), null);
        browser.open("/account");
        assertThat(browser.text("#two-factor-state")).contains("off");
        browser.submit("#two-factor-toggle");
        String secret = browser.text("#totp-secret");
        assertThat(secret).matches("[A-Z2-7]{32}");
        assertThat(browser.text("#two-factor-state")).contains("is on");
        // The secret works: the API now wants its code.
        var withoutCode = server.http().get("/api/details", client.auth());
        assertThat(withoutCode.status()).isEqualTo(401);
        var withCode = server.http().get("/api/details", client.auth().withHeader("X-Auth-Code", Totp.code(secret, server.clock.instant())));
        assertThat(withCode.status()).isEqualTo(200);

        browser.open("/account/apikeys");
        browser.fill("key-name", "deploy script");
        new Select(browser.driver().findElement(By.id("key-scope"))).selectByValue("read-only");
        browser.submit("#create-key");
        String key = browser.text("#new-api-key");
        assertThat(server.http().get("/v1/services", io.steward.support.Http.Auth.bearer(key)).status()).isEqualTo(200);
        browser.open("/account/apikeys");
        assertThat(browser.find("#new-api-key")).as("shown only once").isEmpty();
        browser.submit("form.inline button");
        assertThat(browser.text("main")).contains("No API keys yet.");
        assertThat(server.http().get("/v1/services", io.steward.support.Http.Auth.bearer(key)).status()).isEqualTo(401);
    }
}
