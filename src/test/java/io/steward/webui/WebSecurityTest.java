package io.steward.webui;

import static org.assertj.core.api.Assertions.assertThat;

import io.steward.core.Secrets;
import io.steward.support.AccountFixtures;
import io.steward.support.Http.Auth;
import io.steward.support.Http.Body;
import io.steward.support.TestServer;
import java.net.URI;
import java.net.http.HttpRequest;
import java.time.Duration;
import java.util.Map;
import org.junit.jupiter.api.AfterAll;
import org.junit.jupiter.api.BeforeAll;
import org.junit.jupiter.api.Test;

/**
 * The web layer's protections over plain HTTP: where it is mounted beside the operations
 * endpoints, its cookies and headers, CSRF, sessions at rest and their expiry, the shared login
 * throttle, privileges, and friendly error pages.
 */
class WebSecurityTest {
    static TestServer server;

    @BeforeAll
    static void start() {
        server = TestServer.start();
    }

    @AfterAll
    static void stop() {
        if (server != null) server.close();
    }

    private WebClient web() { return new WebClient(server.baseUrl()); }

    private static String cookieHeader(java.net.http.HttpResponse<String> res) {
        return res.headers().allValues("Set-Cookie").stream().filter(c -> c.startsWith("steward_client=")).findFirst().orElse("");
    }

    @Test
    void the_root_is_the_client_area_for_browsers_and_stays_the_json_index_for_scripts() {
        var browser = web().get("/");
        assertThat(browser.statusCode()).isEqualTo(303);
        assertThat(browser.headers().firstValue("Location")).contains("/login?next=%2F");

        var script = server.http().get("/", Auth.NONE);
        assertThat(script.status()).isEqualTo(200);
        assertThat(script.json().get("name").asText()).isEqualTo("Steward");
        // The operations paths stay theirs even for a browser.
        var health = web().get("/health");
        assertThat(health.statusCode()).isEqualTo(200);
        assertThat(health.headers().firstValue("Content-Type").orElse("")).startsWith("application/json");
    }

    @Test
    void pages_carry_a_strict_content_security_policy_and_the_other_security_headers() {
        var page = web().get("/login");
        assertThat(page.statusCode()).isEqualTo(200);
        String csp = page.headers().firstValue("Content-Security-Policy").orElse("");
        assertThat(csp).contains("default-src 'self'", "script-src 'self'", "style-src 'self'", "frame-ancestors 'none'")
                .doesNotContain("unsafe-inline").doesNotContain("unsafe-eval");
        assertThat(page.headers().firstValue("X-Frame-Options")).contains("DENY");
        assertThat(page.headers().firstValue("X-Content-Type-Options")).contains("nosniff");
        assertThat(page.headers().firstValue("Referrer-Policy")).contains("same-origin");
        // No inline script or style for the policy to block.
        assertThat(page.body()).doesNotContain("<style").doesNotContain("style=\"").doesNotContainPattern("<script(?![^>]*\\ssrc=)");

        var missing = web().get("/no-such-page");
        assertThat(missing.statusCode()).isEqualTo(404);
        assertThat(missing.headers().firstValue("Content-Type").orElse("")).startsWith("text/html");
        assertThat(missing.headers().firstValue("Content-Security-Policy")).isPresent();
        assertThat(missing.body()).contains("Not found");
    }

    @Test
    void the_session_cookie_is_http_only_and_same_site_and_only_its_hash_is_stored() {
        var web = web();
        var page = web.get("/login");
        String header = cookieHeader(page);
        assertThat(header).contains("HttpOnly", "SameSite=Lax", "Path=/").doesNotContain("Secure");
        String value = web.cookies.get("steward_client");
        assertThat(value).hasSizeGreaterThanOrEqualTo(40);
        var stored = server.steward().db().dsl().fetch("select id_hash from web_session").getValues(0, String.class);
        assertThat(stored).contains(Secrets.sha256Hex(value)).doesNotContain(value);
    }

    @Test
    void a_form_post_without_the_sessions_csrf_token_is_refused() {
        var client = AccountFixtures.client(server);
        var web = web();
        web.get("/login");
        var noToken = web.post("/login", "email", client.email(), "password", client.password());
        assertThat(noToken.statusCode()).isEqualTo(403);
        assertThat(noToken.body()).contains("Form expired");
        var wrongToken = web.post("/login", "_csrf", "forged", "email", client.email(), "password", client.password());
        assertThat(wrongToken.statusCode()).isEqualTo(403);
        assertThat(web.cookies.get("steward_client")).as("still only the visitor session").isNotNull();
        assertThat(web.get("/invoices").statusCode()).as("not signed in").isEqualTo(303);
    }

    @Test
    void signing_in_issues_a_new_session_id_and_signing_out_deletes_the_session() {
        var client = AccountFixtures.client(server);
        var web = web();
        var form = web.get("/login");
        String visitor = web.cookies.get("steward_client");
        var signedIn = web.post("/login", "_csrf", WebClient.csrf(form), "email", client.email(), "password", client.password(),
                "next", "/invoices");
        assertThat(signedIn.statusCode()).isEqualTo(303);
        assertThat(signedIn.headers().firstValue("Location")).contains("/invoices");
        String session = web.cookies.get("steward_client");
        assertThat(session).isNotEqualTo(visitor);
        assertThat(rows(visitor)).as("the visitor session is gone").isZero();

        var invoices = web.get("/invoices");
        assertThat(invoices.statusCode()).isEqualTo(200);
        var out = web.post("/logout", "_csrf", WebClient.csrf(invoices));
        assertThat(out.statusCode()).isEqualTo(303);
        assertThat(cookieHeader(out)).contains("Max-Age=0");
        assertThat(rows(session)).isZero();
        // The old cookie, replayed, opens nothing.
        var replay = web();
        replay.cookies.put("steward_client", session);
        assertThat(replay.get("/invoices").statusCode()).isEqualTo(303);
    }

    @Test
    void a_session_ends_when_idle_too_long_and_at_its_absolute_limit() {
        var client = AccountFixtures.client(server);
        var idle = web();
        assertThat(idle.signIn(client.email(), client.password()).statusCode()).isEqualTo(303);
        assertThat(idle.get("/invoices").statusCode()).isEqualTo(200);
        server.clock.advance(Duration.ofMinutes(31));
        assertThat(idle.get("/invoices").statusCode()).as("idle for 31 minutes").isEqualTo(303);

        var busy = web();
        busy.signIn(client.email(), client.password());
        // Active every 25 minutes: never idle, yet over after 12 hours.
        for (int i = 0; i < 28; i++) {
            server.clock.advance(Duration.ofMinutes(25));
            assertThat(busy.get("/invoices").statusCode()).as("after %d minutes", (i + 1) * 25).isEqualTo(200);
        }
        server.clock.advance(Duration.ofMinutes(25));
        assertThat(busy.get("/invoices").statusCode()).as("past the absolute limit").isEqualTo(303);
    }

    @Test
    void failed_web_sign_ins_count_in_the_same_throttle_as_the_api_login() {
        var client = AccountFixtures.client(server);
        var web = web();
        int status = 0;
        for (int i = 0; i < 10 && status != 429; i++) {
            status = web.signIn(client.email(), "Wrong-pass-" + i).statusCode();
        }
        assertThat(status).isEqualTo(429);
        var api = server.http().post("/api/login", Auth.NONE, Body.json(Map.of("username", client.email(), "password", client.password())));
        assertThat(api.status()).isEqualTo(429);
    }

    @Test
    void a_contact_without_the_billing_privilege_gets_a_403_page_for_invoices_and_a_missing_invoice_is_a_404_page() {
        var owner = AccountFixtures.client(server);
        var contact = AccountFixtures.contact(server, owner.auth(), Map.of("support", java.util.List.of("tickets")), true);
        var web = web();
        assertThat(web.signIn(contact.email(), contact.password()).statusCode()).isEqualTo(303);
        var denied = web.get("/invoices");
        assertThat(denied.statusCode()).isEqualTo(403);
        assertThat(denied.body()).contains("Not allowed");

        var holder = web();
        holder.signIn(owner.email(), owner.password());
        var missing = holder.get("/invoices/999999999");
        assertThat(missing.statusCode()).isEqualTo(404);
        assertThat(missing.body()).contains("Not found");
        assertThat(holder.get("/invoices/abc").statusCode()).isEqualTo(404);
    }

    @Test
    void the_secure_flag_follows_the_setting_and_a_trusted_proxys_forwarded_protocol() {
        var https = java.util.Optional.of("https");
        assertThat(new WebSettings("auto", true, Duration.ZERO, Duration.ZERO).secure(https)).isTrue();
        assertThat(new WebSettings("auto", false, Duration.ZERO, Duration.ZERO).secure(https)).as("untrusted header").isFalse();
        assertThat(new WebSettings("auto", true, Duration.ZERO, Duration.ZERO).secure(java.util.Optional.empty())).isFalse();
        assertThat(new WebSettings("true", false, Duration.ZERO, Duration.ZERO).secure(java.util.Optional.empty())).isTrue();
        assertThat(new WebSettings("false", true, Duration.ZERO, Duration.ZERO).secure(https)).isFalse();
        assertThat(WebKit.cookie("steward_client", "v", true, -1)).endsWith("; Secure");
    }

    @Test
    void a_language_choice_is_remembered_and_accept_language_is_honoured() {
        var german = web();
        var res = german.send(HttpRequest.newBuilder(URI.create(server.baseUrl() + "/login")).header("Accept-Language", "de-DE,de;q=0.9"));
        assertThat(res.body()).contains("<html lang=\"de\">", "Anmelden");
        var chosen = web();
        assertThat(chosen.get("/language/en?back=/login").statusCode()).isEqualTo(303);
        var english = chosen.send(HttpRequest.newBuilder(URI.create(server.baseUrl() + "/login")).header("Accept-Language", "de"));
        assertThat(english.body()).contains("<html lang=\"en\">");
        assertThat(web().get("/language/fr").statusCode()).isEqualTo(404);
        // Going back after the switch never leaves the site.
        assertThat(web().get("/language/de?back=//evil.example/").headers().firstValue("Location")).contains("/");
    }

    private static int rows(String cookieValue) {
        return server.steward().db().dsl().fetchCount(org.jooq.impl.DSL.table("web_session"),
                org.jooq.impl.DSL.field("id_hash").eq(Secrets.sha256Hex(cookieValue)));
    }
}
