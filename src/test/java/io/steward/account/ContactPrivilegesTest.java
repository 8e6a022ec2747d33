package io.steward.account;

import static io.steward.support.AccountFixtures.texts;
import static org.assertj.core.api.Assertions.assertThat;

import com.fasterxml.jackson.databind.JsonNode;
import io.steward.support.AccountFixtures;
import io.steward.support.AccountFixtures.NewClient;
import io.steward.support.Http.Auth;
import io.steward.support.Http.Body;
import io.steward.support.Http.Res;
import io.steward.support.TestServer;
import java.util.List;
import java.util.Map;
import org.junit.jupiter.api.AfterAll;
import org.junit.jupiter.api.BeforeAll;
import org.junit.jupiter.api.Test;

/** {@code GET /contact/privileges} and how privileges given to {@code POST/PUT /contact} are stored. */
class ContactPrivilegesTest {
    static TestServer server;

    @BeforeAll
    static void start() { server = TestServer.start(); }

    @AfterAll
    static void stop() { server.close(); }

    private static JsonNode storedPrivileges(Auth owner, Res created) {
        assertThat(created.status()).as(created.toString()).isEqualTo(200);
        var res = server.http().get("/api/contact/" + created.json().get("contact_id").asText(), owner);
        assertThat(res.status()).isEqualTo(200);
        return res.json().at("/contact/privileges");
    }

    private static Res create(Auth owner, Body body) {
        return server.http().post("/api/contact", owner, body);
    }

    @Test
    void GET_contact_privileges_lists_every_privilege_in_the_reference_order() {
        var res = server.http().get("/api/contact/privileges", Auth.demo());
        assertThat(res.status()).isEqualTo(200);
        JsonNode p = res.json().get("privileges");
        assertThat(texts(p.get("billing"))).containsExactly("emails", "payinvoice", "orders", "balance", "addfunds", "creditcard");
        assertThat(texts(p.get("support"))).containsExactly("newticket", "tickets", "closeticket", "emails");
        assertThat(texts(p.get("misc"))).containsExactly("editmain", "emails", "editipaccess", "manageprofiles", "affiliates");
        assertThat(p.get("services").get("full").isInt()).isTrue();
        assertThat(p.get("services").get("full").asInt()).isEqualTo(1);
        assertThat(p.get("domains").get("full").asInt()).isEqualTo(1);
        assertThat(p.get("domains").get("full").isInt()).isTrue();
        var groups = new java.util.ArrayList<String>();
        p.fieldNames().forEachRemaining(groups::add);
        assertThat(groups).containsExactly("billing", "support", "misc", "services", "domains");
    }

    @Test
    void GET_contact_privileges_is_open_to_a_contact_without_privileges() {
        NewClient c = AccountFixtures.client(server);
        var k = AccountFixtures.contact(server, c.auth(), null, true);
        var res = server.http().get("/api/contact/privileges", k.auth());
        assertThat(res.status()).isEqualTo(200);
        assertThat(res.json().get("privileges")).isEqualTo(server.http().get("/api/contact/privileges", c.auth()).json().get("privileges"));
    }

    @Test
    void privileges_given_as_a_json_object_are_stored_and_read_back() {
        NewClient c = AccountFixtures.client(server);
        JsonNode p = storedPrivileges(c.auth(), create(c.auth(), Body.json(Map.of("email", AccountFixtures.uniqueEmail("j"),
                "privileges", Map.of("support", List.of("tickets"), "billing", List.of("payinvoice", "orders"),
                        "misc", List.of("emails"), "services", Map.of("full", 1), "domains", Map.of("full", 1))))));
        assertThat(texts(p.get("support"))).containsExactly("tickets");
        assertThat(texts(p.get("billing"))).containsExactlyInAnyOrder("payinvoice", "orders");
        assertThat(texts(p.get("misc"))).containsExactly("emails");
        assertThat(p.get("services").toString()).isEqualTo("{\"full\":1}");
        assertThat(p.get("domains").toString()).isEqualTo("{\"full\":1}");
    }

    @Test
    void privileges_given_in_php_form_notation_are_stored_and_read_back() {
        NewClient c = AccountFixtures.client(server);
        JsonNode p = storedPrivileges(c.auth(), create(c.auth(), Body.form("email", AccountFixtures.uniqueEmail("f"),
                "privileges[support][]", "tickets", "privileges[support][]", "newticket",
                "privileges[billing][]", "payinvoice", "privileges[services][full]", "1")));
        assertThat(texts(p.get("support"))).containsExactlyInAnyOrder("tickets", "newticket");
        assertThat(texts(p.get("billing"))).containsExactly("payinvoice");
        assertThat(p.get("services").toString()).isEqualTo("{\"full\":1}");
        assertThat(p.has("domains")).isFalse();
        assertThat(p.has("misc")).isFalse();
    }

    @Test
    void privileges_in_form_notation_in_the_query_string_are_stored_too() {
        NewClient c = AccountFixtures.client(server);
        String email = AccountFixtures.uniqueEmail("q");
        var res = server.http().post("/api/contact?email=" + email + "&privileges%5Bmisc%5D%5B%5D=affiliates", c.auth(), Body.NONE);
        assertThat(texts(storedPrivileges(c.auth(), res).get("misc"))).containsExactly("affiliates");
    }

    @Test
    void privileges_json_and_form_notation_give_the_same_stored_set() {
        NewClient c = AccountFixtures.client(server);
        JsonNode viaJson = storedPrivileges(c.auth(), create(c.auth(), Body.json(Map.of("email", AccountFixtures.uniqueEmail("a"),
                "privileges", Map.of("support", List.of("tickets"), "billing", List.of("payinvoice"))))));
        JsonNode viaForm = storedPrivileges(c.auth(), create(c.auth(), Body.form("email", AccountFixtures.uniqueEmail("b"),
                "privileges[support][]", "tickets", "privileges[billing][]", "payinvoice")));
        assertThat(viaForm).isEqualTo(viaJson);
    }

    @Test
    void a_contact_created_without_privileges_has_none() {
        NewClient c = AccountFixtures.client(server);
        JsonNode p = storedPrivileges(c.auth(), create(c.auth(), Body.json(Map.of("email", AccountFixtures.uniqueEmail("n")))));
        assertThat(p.isObject()).isTrue();
        assertThat(p.size()).isZero();
    }

    @Test
    void a_contact_without_privileges_is_refused_everything_privileged() {
        NewClient c = AccountFixtures.client(server);
        var k = AccountFixtures.contact(server, c.auth(), null, true);
        assertThat(server.http().get("/api/logs", k.auth()).status()).isEqualTo(403);
        assertThat(server.http().get("/api/contact", k.auth()).status()).isEqualTo(403);
        assertThat(server.http().get("/api/details", k.auth()).status()).isEqualTo(200);
    }

    private void assertRefused(Object privileges) {
        NewClient c = AccountFixtures.client(server);
        var res = create(c.auth(), Body.json(Map.of("email", AccountFixtures.uniqueEmail("bad"), "privileges", privileges)));
        assertThat(res.status()).as(res.toString()).isEqualTo(422);
        assertThat(res.json().at("/fields/privileges").isArray()).as(res.toString()).isTrue();
        assertThat(server.http().get("/api/contact", c.auth()).json().get("contacts").size()).as("nothing created").isZero();
    }

    @Test
    void POST_contact_with_an_unknown_privilege_name_gives_422() {
        assertRefused(Map.of("support", List.of("tickets", "deleteeverything")));
    }

    @Test
    void POST_contact_with_a_privilege_from_another_group_gives_422() {
        assertRefused(Map.of("billing", List.of("manageprofiles")));
    }

    @Test
    void POST_contact_with_an_unknown_privilege_group_gives_422() {
        assertRefused(Map.of("admin", List.of("everything")));
    }

    @Test
    void POST_contact_with_privileges_that_are_not_an_object_gives_422() {
        assertRefused(List.of("support"));
    }

    @Test
    void POST_contact_with_a_service_the_client_does_not_own_gives_422() {
        assertRefused(Map.of("services", Map.of("332", List.of("basic"))));
    }

    @Test
    void POST_contact_with_a_domain_the_client_does_not_own_gives_422() {
        assertRefused(Map.of("domains", Map.of("523", List.of("renew"))));
    }

    @Test
    void POST_contact_with_a_non_numeric_service_id_gives_422() {
        assertRefused(Map.of("services", Map.of("abc", List.of("basic"))));
    }

    @Test
    void POST_contact_with_an_unknown_privilege_in_form_notation_gives_422() {
        NewClient c = AccountFixtures.client(server);
        var res = create(c.auth(), Body.form("email", AccountFixtures.uniqueEmail("bf"), "privileges[support][]", "sudo"));
        assertThat(res.status()).isEqualTo(422);
        assertThat(res.json().at("/fields/privileges").get(0).asText()).contains("support/sudo");
    }

    @Test
    void PUT_contact_with_unknown_privileges_gives_422_and_keeps_the_old_ones() {
        NewClient c = AccountFixtures.client(server);
        var k = AccountFixtures.contact(server, c.auth(), Map.of("support", List.of("tickets")), false);
        var res = server.http().put("/api/contact/" + k.id(), c.auth(), Body.json(Map.of("privileges", Map.of("support", List.of("nope")))));
        assertThat(res.status()).isEqualTo(422);
        var after = server.http().get("/api/contact/" + k.id(), c.auth()).json().at("/contact/privileges");
        assertThat(texts(after.get("support"))).containsExactly("tickets");
    }

    @Test
    void PUT_contact_with_privileges_in_form_notation_replaces_them() {
        NewClient c = AccountFixtures.client(server);
        var k = AccountFixtures.contact(server, c.auth(), Map.of("support", List.of("tickets")), false);
        var res = server.http().put("/api/contact/" + k.id(), c.auth(),
                Body.form("privileges[misc][]", "editmain", "privileges[misc][]", "manageprofiles"));
        assertThat(res.status()).as(res.toString()).isEqualTo(200);
        var after = server.http().get("/api/contact/" + k.id(), c.auth()).json().at("/contact/privileges");
        assertThat(after.has("support")).isFalse();
        assertThat(texts(after.get("misc"))).containsExactly("editmain", "manageprofiles");
    }

    @Test
    void a_granted_privilege_takes_effect_for_the_contact_at_once() {
        NewClient c = AccountFixtures.client(server);
        var k = AccountFixtures.contact(server, c.auth(), null, true);
        assertThat(server.http().get("/api/logs", k.auth()).status()).isEqualTo(403);
        server.http().put("/api/contact/" + k.id(), c.auth(), Body.json(Map.of("privileges", Map.of("misc", List.of("editmain")))));
        assertThat(server.http().get("/api/logs", k.auth()).status()).isEqualTo(200);
        server.http().put("/api/contact/" + k.id(), c.auth(), Body.json(Map.of("privileges", Map.of())));
        assertThat(server.http().get("/api/logs", k.auth()).status()).isEqualTo(403);
    }
}
