package io.steward.webui;

import static org.assertj.core.api.Assertions.assertThat;

import io.steward.auth.Totp;
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
}
