package io.steward.api;

import static org.assertj.core.api.Assertions.assertThat;

import io.steward.support.Http.Auth;
import io.steward.support.TestServer;
import org.junit.jupiter.api.AfterAll;
import org.junit.jupiter.api.BeforeAll;
import org.junit.jupiter.api.Test;

class SmokeTest {
    static TestServer server;

    @BeforeAll
    static void start() { server = TestServer.start(); }

    @AfterAll
    static void stop() { server.close(); }

    @Test
    void GET_details_with_demo_basic_auth_answers_the_demo_client() {
        var res = server.http().get("/api/details", Auth.demo());
        assertThat(res.status()).isEqualTo(200);
        assertThat(res.json().at("/client/email").asText()).isEqualTo("demo@example.com");
        assertThat(res.json().at("/client/id").isTextual()).isTrue();
    }
}
