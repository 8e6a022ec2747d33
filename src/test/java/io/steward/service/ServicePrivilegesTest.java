package io.steward.service;

import static io.steward.service.ServiceFixtures.activeService;
import static io.steward.service.ServiceFixtures.admin;
import static org.assertj.core.api.Assertions.assertThat;

import com.fasterxml.jackson.databind.JsonNode;
import io.steward.support.AccountFixtures;
import io.steward.support.AccountFixtures.NewClient;
import io.steward.support.AccountFixtures.NewContact;
import io.steward.support.Http.Auth;
import io.steward.support.Http.Body;
import io.steward.support.Http.Res;
import io.steward.support.TestServer;
import java.util.ArrayList;
import java.util.List;
import java.util.Map;
import org.junit.jupiter.api.AfterAll;
import org.junit.jupiter.api.BeforeAll;
import org.junit.jupiter.api.Test;

/** Contacts and services: per-service privileges decide what a contact sees and may do. */
class ServicePrivilegesTest {
    static TestServer server;

    @BeforeAll
    static void start() { server = ServiceFixtures.manualServer(); }

    @AfterAll
    static void stop() { server.close(); }

    /** A client with two active services. */
    private record Account(NewClient client, long first, long second) {}

    private static Account account() {
        NewClient c = AccountFixtures.client(server);
        return new Account(c, activeService(server, c.id()), activeService(server, c.id()));
    }

    private static List<String> listed(Auth auth) {
        var out = new ArrayList<String>();
        server.http().get("/api/service", auth).json().get("services").forEach(s -> out.add(s.get("id").asText()));
        return out;
    }

    private static void assertForbidden(Res res, String privilege) {
        assertThat(res.status()).as(res.toString()).isEqualTo(403);
        assertThat(res.json().at("/error/0").asText()).contains(privilege).contains("service");
    }

    @Test
    void a_contact_with_full_service_control_sees_and_cancels_every_service() {
        Account a = account();
        NewContact k = AccountFixtures.contact(server, a.client().auth(), Map.of("services", Map.of("full", 1)), true);
        assertThat(listed(k.auth())).containsExactly(Long.toString(a.first()), Long.toString(a.second()));
        JsonNode s = server.http().get("/api/service/" + a.first(), k.auth()).json().get("service");
        assertThat(s.get("password").asText()).isNotEmpty();
        assertThat(server.http().post("/api/service/" + a.second() + "/cancel", k.auth(), Body.NONE).status()).isEqualTo(200);
        JsonNode log = server.http().get("/api/logs", a.client().auth()).json().at("/logs/0");
        assertThat(log.get("action").asText()).isEqualTo("service_cancellation");
        assertThat(log.get("contact_id").asText()).isEqualTo(Long.toString(k.id()));
    }

    @Test
    void a_contact_granted_basic_on_one_service_sees_only_that_one_and_no_login_details() {
        Account a = account();
        NewContact k = AccountFixtures.contact(server, a.client().auth(),
                Map.of("services", Map.of(Long.toString(a.first()), List.of("basic"))), true);
        assertThat(listed(k.auth())).containsExactly(Long.toString(a.first()));

        JsonNode s = server.http().get("/api/service/" + a.first(), k.auth()).json().get("service");
        assertThat(s.get("status").asText()).isEqualTo("Active");
        assertThat(s.get("username").asText()).isEmpty();
        assertThat(s.get("password").asText()).isEmpty();
        assertThat(server.http().get("/api/service/" + a.first() + "/label", k.auth()).status()).isEqualTo(200);
        assertThat(server.http().post("/api/service/" + a.first() + "/label", k.auth(), Body.json(Map.of("label", "ops"))).status())
                .isEqualTo(200);
        JsonNode methods = server.http().get("/api/service/" + a.first() + "/methods", k.auth()).json().get("methods");
        assertThat(methods).hasSize(2).noneMatch(m -> m.get("name").asText().equals("Cancel Service"));

        assertForbidden(server.http().get("/api/service/" + a.second(), k.auth()), "basic");
        assertForbidden(server.http().get("/api/service/" + a.second() + "/methods", k.auth()), "basic");
        assertForbidden(server.http().get("/api/service/" + a.second() + "/label", k.auth()), "basic");
        assertForbidden(server.http().post("/api/service/" + a.second() + "/label", k.auth(), Body.json(Map.of("label", "x"))), "basic");
        assertForbidden(server.http().post("/api/service/" + a.first() + "/cancel", k.auth(), Body.NONE), "cancelation");
        assertThat(admin(server, a.first()).get("cancellation").isNull()).isTrue();
        assertThat(admin(server, a.second()).get("label").asText()).isEmpty();
    }

    @Test
    void logindetails_shows_the_password_and_cancelation_allows_cancelling_that_service() {
        Account a = account();
        NewContact k = AccountFixtures.contact(server, a.client().auth(),
                Map.of("services", Map.of(Long.toString(a.second()), List.of("basic", "logindetails", "cancelation"))), true);
        JsonNode s = server.http().get("/api/service/" + a.second(), k.auth()).json().get("service");
        JsonNode holder = server.http().get("/api/service/" + a.second(), a.client().auth()).json().get("service");
        assertThat(s.get("password").asText()).isEqualTo(holder.get("password").asText()).isNotEmpty();
        assertThat(s.get("username").asText()).isEqualTo(holder.get("username").asText());
        assertThat(server.http().post("/api/service/" + a.second() + "/cancel", k.auth(), Body.json(Map.of("immediate", false))).status())
                .isEqualTo(200);
        assertThat(admin(server, a.second()).at("/cancellation/type").asText()).isEqualTo("End of Billing Period");
    }

    @Test
    void a_contact_without_service_privileges_gets_an_empty_list_and_403_on_each_service() {
        Account a = account();
        NewContact k = AccountFixtures.contact(server, a.client().auth(), Map.of("support", List.of("tickets")), true);
        assertThat(listed(k.auth())).isEmpty();
        assertForbidden(server.http().get("/api/service/" + a.first(), k.auth()), "basic");
        assertThat(listed(Auth.demoContact())).as("the demo contact holds support privileges only").isEmpty();
    }

    @Test
    void another_clients_service_is_404_for_a_contact_with_full_control_too() {
        Account a = account();
        Account other = account();
        NewContact k = AccountFixtures.contact(server, a.client().auth(), Map.of("services", Map.of("full", 1)), true);
        assertThat(server.http().get("/api/service/" + other.first(), k.auth()).status()).isEqualTo(404);
        assertThat(server.http().post("/api/service/" + other.first() + "/cancel", k.auth(), Body.NONE).status()).isEqualTo(404);
    }

    @Test
    void contact_privileges_list_the_clients_services_and_grants_may_name_only_those() {
        Account a = account();
        JsonNode services = server.http().get("/api/contact/privileges", a.client().auth()).json().at("/privileges/services");
        assertThat(services.get("full").asInt()).isEqualTo(1);
        assertThat(AccountFixtures.texts(services.get(Long.toString(a.first()))))
                .containsExactly("basic", "billing", "cancelation", "upgrade", "notify", "logindetails");
        assertThat(services.has(Long.toString(a.second()))).isTrue();
        assertThat(services.size()).isEqualTo(3);

        long foreign = account().first();
        Res refused = server.http().post("/api/contact", a.client().auth(), Body.json(Map.of("email", AccountFixtures.uniqueEmail("k"),
                "privileges", Map.of("services", Map.of(Long.toString(foreign), List.of("basic"))))));
        assertThat(refused.status()).isEqualTo(422);
        assertThat(refused.json().at("/fields/privileges/0").asText()).contains(Long.toString(foreign));
    }
}
