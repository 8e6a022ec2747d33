package io.steward.staff;

import static io.steward.core.Json.obj;
import static org.assertj.core.api.Assertions.assertThat;

import com.fasterxml.jackson.databind.JsonNode;
import io.steward.support.Http.Auth;
import io.steward.support.Http.Body;
import io.steward.support.Http.Res;
import io.steward.support.TestServer;
import java.util.concurrent.atomic.AtomicInteger;

/** Staff accounts made through the admin API (with the demo admin key) and signed in for tests. */
final class StaffFixtures {
    static final String PASSWORD = "Staff-pass-1";
    private static final AtomicInteger SEQ = new AtomicInteger();

    private StaffFixtures() {}

    static String uniqueUsername(String prefix) {
        return prefix + "-" + ProcessHandle.current().pid() + "-" + SEQ.incrementAndGet();
    }

    /** A new account with {@code role}; returns it as the API answered it. */
    static JsonNode create(TestServer server, String username, String role, boolean totp) {
        Res res = server.http().post("/admin/api/staff", Auth.admin(),
                Body.json(obj("username", username, "password", PASSWORD, "role", role, "totp", totp)));
        assertThat(res.status()).as(res.toString()).isEqualTo(201);
        return res.json();
    }

    static Res login(TestServer server, String username, String password, String totp) {
        var body = obj("username", username, "password", password);
        if (totp != null) body.put("totp", totp);
        return server.http().post("/admin/api/login", Auth.NONE, Body.json(body));
    }

    /** A new account with {@code role}, signed in: its bearer auth. */
    static Auth signedIn(TestServer server, String role) {
        String username = uniqueUsername(role);
        create(server, username, role, false);
        Res res = login(server, username, PASSWORD, null);
        assertThat(res.status()).as(res.toString()).isEqualTo(200);
        return Auth.bearer(res.json().get("token").asText());
    }
}
