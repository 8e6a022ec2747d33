package io.steward.webui;

import static io.steward.core.Json.obj;
import static org.assertj.core.api.Assertions.assertThat;

import io.steward.staff.StaffDemo;
import io.steward.support.Http.Auth;
import io.steward.support.Http.Body;
import io.steward.support.Http.Res;
import io.steward.support.TestServer;
import java.util.regex.Pattern;
import org.junit.jupiter.api.AfterAll;
import org.junit.jupiter.api.BeforeAll;
import org.junit.jupiter.api.Test;

/** The console's session over plain HTTP: CSRF on every form, its own realm, and a disabled account's session ending at once. */
class StaffConsoleSessionTest {
    static TestServer server;

    @BeforeAll
    static void start() { server = TestServer.start(); }

    @AfterAll
    static void stop() { server.close(); }

    /** A browser's state: the console cookie and the page's CSRF token. */
    private record Visitor(String cookie, String csrf) {
        Auth auth() { return Auth.NONE.withHeader("Cookie", cookie).withHeader("Accept", "text/html"); }
    }

    private static String cookieOf(Res res) {
        String set = res.header("Set-Cookie");
        assertThat(set).as(res.toString()).startsWith("steward_staff=").contains("HttpOnly").contains("SameSite=Lax");
        return set.substring(0, set.indexOf(';'));
    }

    private static String csrfOf(Res res) {
        var m = Pattern.compile("name=\"_csrf\" value=\"([^\"]+)\"").matcher(res.text());
        assertThat(m.find()).as(res.text()).isTrue();
        return m.group(1);
    }

    private static Visitor signIn(String username, String password) {
        Res form = server.http().get("/admin/login", Auth.NONE.withHeader("Accept", "text/html"));
        var visitor = new Visitor(cookieOf(form), csrfOf(form));
        Res in = server.http().post("/admin/login", visitor.auth(),
                Body.form("_csrf", visitor.csrf(), "username", username, "password", password));
        assertThat(in.status()).as(in.toString()).isEqualTo(303);
        assertThat(in.header("Location")).isEqualTo("/admin/");
        // A new session at sign-in: the visitor's cookie is worth nothing now.
        var signedIn = new Visitor(cookieOf(in), null);
        Res home = server.http().get("/admin/", signedIn.auth());
        return new Visitor(signedIn.cookie(), csrfOf(home));
    }

    @Test
    void every_console_form_needs_the_sessions_csrf_token() {
        var admin = signIn(StaffDemo.ADMIN_USERNAME, StaffDemo.ADMIN_PASSWORD);
        long invoiceId = server.http().get("/admin/api/invoices?status=Unpaid", Auth.admin()).json().at("/invoices/0/id").asLong();
        Res forged = server.http().post("/admin/invoices/" + invoiceId + "/cancel", admin.auth(), Body.form("_csrf", "not-the-token"));
        assertThat(forged.status()).isEqualTo(403);
        assertThat(server.http().get("/admin/api/invoices/" + invoiceId, Auth.admin()).json().at("/invoice/status").asText()).isEqualTo("Unpaid");
        Res headers = server.http().get("/admin/", admin.auth());
        assertThat(headers.header("Content-Security-Policy")).contains("default-src 'self'");
        assertThat(headers.header("X-Frame-Options")).isEqualTo("DENY");
    }

    @Test
    void a_console_session_does_not_open_the_client_area_and_a_client_session_does_not_open_the_console() {
        var admin = signIn(StaffDemo.ADMIN_USERNAME, StaffDemo.ADMIN_PASSWORD);
        Res client = server.http().get("/invoices", Auth.NONE.withHeader("Cookie", admin.cookie().replace("steward_staff", "steward_client"))
                .withHeader("Accept", "text/html"));
        assertThat(client.status()).isEqualTo(303);
        assertThat(client.header("Location")).startsWith("/login");
        Res visitor = server.http().get("/admin/invoices", Auth.NONE.withHeader("Accept", "text/html"));
        assertThat(visitor.status()).isEqualTo(303);
        assertThat(visitor.header("Location")).isEqualTo("/admin/login?next=%2Fadmin%2Finvoices");
    }

    @Test
    void disabling_a_staff_account_or_giving_it_a_new_password_ends_its_console_session_at_once() {
        String username = "console-" + ProcessHandle.current().pid();
        long id = server.http().post("/admin/api/staff", Auth.admin(),
                Body.json(obj("username", username, "password", "Console-pass-1", "role", "support"))).json().at("/staff/id").asLong();
        var agent = signIn(username, "Console-pass-1");
        assertThat(server.http().get("/admin/tickets", agent.auth()).status()).isEqualTo(200);
        assertThat(server.http().get("/admin/invoices", agent.auth()).status()).isEqualTo(403);

        server.http().put("/admin/api/staff/" + id, Auth.admin(), Body.json(obj("password", "Console-pass-2")));
        Res afterPassword = server.http().get("/admin/tickets", agent.auth());
        assertThat(afterPassword.status()).isEqualTo(303);
        assertThat(afterPassword.header("Location")).startsWith("/admin/login");

        var again = signIn(username, "Console-pass-2");
        assertThat(server.http().get("/admin/tickets", again.auth()).status()).isEqualTo(200);
        server.http().put("/admin/api/staff/" + id, Auth.admin(), Body.json(obj("enabled", false)));
        assertThat(server.http().get("/admin/tickets", again.auth()).status()).isEqualTo(303);
    }
}
