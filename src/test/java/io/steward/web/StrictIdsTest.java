package io.steward.web;

import static org.assertj.core.api.Assertions.assertThat;

import io.steward.support.Http.Auth;
import io.steward.support.TestServer;
import java.net.URLEncoder;
import java.nio.charset.StandardCharsets;
import java.util.List;
import org.junit.jupiter.api.AfterAll;
import org.junit.jupiter.api.BeforeAll;
import org.junit.jupiter.api.Test;

/**
 * An id in a path or a parameter is ASCII digits in canonical form in every dialect: {@code +1},
 * {@code １} (full-width), {@code ١} (Arabic-Indic), spaces, leading zeros and numbers beyond
 * {@code long} name nothing, so a rule written for {@code /1} cannot be walked around.
 */
class StrictIdsTest {
    static TestServer server;
    /** Path segments (percent-encoded as a client sends them) that must not reach object 1. */
    static final List<String> NOT_IDS = List.of("%2B1", "+1", enc("１"), enc("١"), "%201", "1%20", "01", "001",
            "99999999999999999999", "-1");

    static String enc(String s) {
        return URLEncoder.encode(s, StandardCharsets.UTF_8);
    }

    @BeforeAll
    static void start() { server = TestServer.start(); }

    @AfterAll
    static void stop() { server.close(); }

    @Test
    void a_client_api_path_id_that_is_not_ascii_digits_is_not_found() {
        assertThat(server.http().get("/api/service/1", Auth.demo()).status()).isEqualTo(200);
        for (String id : NOT_IDS) {
            var res = server.http().get("/api/service/" + id, Auth.demo());
            assertThat(res.status()).as("/api/service/%s: %s", id, res).isEqualTo(404);
        }
    }

    @Test
    void an_admin_api_path_id_that_is_not_ascii_digits_is_not_found() {
        assertThat(server.http().get("/admin/api/clients/1", Auth.admin()).status()).isEqualTo(200);
        for (String id : NOT_IDS) {
            var res = server.http().get("/admin/api/clients/" + id, Auth.admin());
            assertThat(res.status()).as("/admin/api/clients/%s: %s", id, res).isEqualTo(404);
        }
    }

    @Test
    void an_id_parameter_that_is_not_ascii_digits_is_a_400_naming_it() {
        // In a query string '+' is a space, so "+1" arrives as " 1": not an id either.
        assertThat(server.http().get("/admin/api/orders?client_id=1", Auth.admin()).status()).isEqualTo(200);
        for (String id : NOT_IDS) {
            var res = server.http().get("/admin/api/orders?client_id=" + id, Auth.admin());
            assertThat(res.status()).as("client_id=%s: %s", id, res).isEqualTo(400);
            assertThat(res.json().at("/fields/client_id").isArray()).as(res.toString()).isTrue();
        }
    }
}
