package io.steward.integration;

import static org.assertj.core.api.Assertions.assertThat;

import io.steward.support.AccountFixtures;
import io.steward.support.Http.Auth;
import io.steward.support.Http.Body;
import io.steward.support.TestServer;
import java.util.List;
import java.util.Map;
import org.junit.jupiter.api.AfterAll;
import org.junit.jupiter.api.BeforeAll;
import org.junit.jupiter.api.Test;

/** A client's billing currency is fixed once money has been recorded in it. */
class CurrencyChangeTest {
    static TestServer server;

    @BeforeAll
    static void start() { server = TestServer.start(); }

    @AfterAll
    static void stop() { server.close(); }

    @Test
    void staff_can_change_the_currency_of_a_client_without_invoices_or_credit() {
        var c = AccountFixtures.client(server);
        var res = server.http().put("/admin/api/clients/" + c.id(), Auth.admin(), Body.json(Map.of("currency", "EUR")));
        assertThat(res.status()).as(res.toString()).isEqualTo(200);
        assertThat(res.json().at("/client/currency").asText()).isEqualTo("EUR");
    }

    @Test
    void the_currency_cannot_change_once_the_client_has_an_invoice() {
        var c = AccountFixtures.client(server);
        var issued = server.http().post("/admin/api/invoices", Auth.admin(), Body.json(Map.of("client_id", c.id(),
                "items", List.of(Map.of("type", "Other", "description", "Consulting", "amount", "10.00")))));
        assertThat(issued.status()).as(issued.toString()).isBetween(200, 201);

        var res = server.http().put("/admin/api/clients/" + c.id(), Auth.admin(), Body.json(Map.of("currency", "EUR")));

        assertThat(res.status()).as(res.toString()).isEqualTo(409);
        assertThat(server.http().get("/admin/api/clients/" + c.id(), Auth.admin()).json().at("/client/currency").asText()).isEqualTo("USD");
        // Other changes still go through.
        var other = server.http().put("/admin/api/clients/" + c.id(), Auth.admin(), Body.json(Map.of("city", "Salem")));
        assertThat(other.status()).as(other.toString()).isEqualTo(200);
    }
}
