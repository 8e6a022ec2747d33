package io.steward.auth;

import static org.assertj.core.api.Assertions.assertThat;

import io.steward.support.AccountFixtures;
import io.steward.support.Http.Auth;
import io.steward.support.Http.Body;
import io.steward.support.TestServer;
import java.util.Map;
import org.junit.jupiter.api.AfterAll;
import org.junit.jupiter.api.BeforeAll;
import org.junit.jupiter.api.Test;

/**
 * Two nodes on one database: a logout, a revoke or a closed account on node A refuses the very
 * next request to node B. The per-request shortcuts (pre-rendered session reads, the remembered
 * signature check, the catalog kept in memory) must never keep a session or an account alive on
 * another node.
 */
class SessionNodesTest {
    static TestServer a;
    static TestServer b;

    @BeforeAll
    static void start() {
        a = TestServer.start();
        b = a.join(c -> c);
    }

    @AfterAll
    static void stop() {
        if (b != null) b.close();
        if (a != null) a.close();
    }

    private static AccountFixtures.NewClient client() {
        return AccountFixtures.client(a);
    }

    private static String login(AccountFixtures.NewClient c) {
        var res = a.http().post("/api/login", Auth.NONE, Body.json(Map.of("username", c.email(), "password", c.password())));
        assertThat(res.status()).as(res.toString()).isEqualTo(200);
        return res.json().get("token").asText();
    }

    @Test
    void a_logout_on_one_node_refuses_the_token_on_the_other_at_once() {
        String token = login(client());
        assertThat(b.http().get("/api/details", Auth.bearer(token)).status()).isEqualTo(200);
        assertThat(a.http().get("/api/details", Auth.bearer(token)).status()).isEqualTo(200);

        assertThat(a.http().post("/api/logout", Auth.bearer(token), Body.NONE).status()).isEqualTo(200);

        var res = b.http().get("/api/details", Auth.bearer(token));
        assertThat(res.status()).as(res.toString()).isEqualTo(401);
        assertThat(res.json().path("error").get(0).asText()).isEqualTo("token_revoked");
    }

    @Test
    void a_closed_account_on_one_node_is_refused_by_the_other_at_once() {
        var c = client();
        String token = login(c);
        assertThat(b.http().get("/api/details", Auth.bearer(token)).status()).isEqualTo(200);
        assertThat(b.http().get("/api/details", c.auth()).status()).isEqualTo(200);

        var closed = a.http().put("/admin/api/clients/" + c.id() + "/status", Auth.admin(), Body.json(Map.of("status", "Closed")));
        assertThat(closed.status()).as(closed.toString()).isEqualTo(200);

        assertThat(b.http().get("/api/details", Auth.bearer(token)).status()).isIn(401, 403);
        assertThat(b.http().get("/api/details", c.auth()).status()).isIn(401, 403);

        var reopened = a.http().put("/admin/api/clients/" + c.id() + "/status", Auth.admin(), Body.json(Map.of("status", "Active")));
        assertThat(reopened.status()).as(reopened.toString()).isEqualTo(200);
        assertThat(b.http().get("/api/details", c.auth()).status()).isEqualTo(200);
    }
}
