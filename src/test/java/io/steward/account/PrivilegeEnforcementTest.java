package io.steward.account;

import static io.steward.support.AccountFixtures.texts;
import static org.assertj.core.api.Assertions.assertThat;

import com.fasterxml.jackson.databind.JsonNode;
import io.steward.support.AccountFixtures;
import io.steward.support.AccountFixtures.NewClient;
import io.steward.support.AccountFixtures.NewContact;
import io.steward.support.Http.Auth;
import io.steward.support.Http.Body;
import io.steward.support.Http.Res;
import io.steward.support.TestServer;
import java.util.List;
import java.util.Map;
import org.junit.jupiter.api.AfterAll;
import org.junit.jupiter.api.BeforeAll;
import org.junit.jupiter.api.Test;

/** What a contact may do with its privileges, and the 403s when it may not. */
class PrivilegeEnforcementTest {
    static TestServer server;

    @BeforeAll
    static void start() { server = TestServer.start(); }

    @AfterAll
    static void stop() { server.close(); }

    /** The id of the demo contact, read by the demo account holder. */
    private static String demoContactId() {
        JsonNode contacts = server.http().get("/api/contact", Auth.demo()).json().get("contacts");
        for (JsonNode k : contacts) {
            if (k.get("email").asText().equals("contact@example.com")) return k.get("id").asText();
        }
        throw new AssertionError("demo contact missing: " + contacts);
    }

    private static void assertForbidden(Res res, String privilege) {
        assertThat(res.status()).as(res.toString()).isEqualTo(403);
        assertThat(res.json().get("success").asBoolean(true)).isFalse();
        assertThat(res.json().get("error").get(0).asText()).contains(privilege);
        assertThat(res.header("WWW-Authenticate")).isNull();
    }

    @Test
    void the_demo_contact_holds_only_support_privileges() {
        JsonNode p = server.http().get("/api/contact/" + demoContactId(), Auth.demo()).json().at("/contact/privileges");
        assertThat(texts(p.get("support"))).containsExactlyInAnyOrder("newticket", "tickets", "closeticket", "emails");
        assertThat(p.has("misc")).isFalse();
        assertThat(p.has("billing")).isFalse();
    }

    @Test
    void the_demo_contact_gets_403_on_GET_contact() {
        assertForbidden(server.http().get("/api/contact", Auth.demoContact()), "misc/manageprofiles");
    }

    @Test
    void the_demo_contact_gets_403_on_POST_contact_and_creates_nothing() {
        int before = server.http().get("/api/contact", Auth.demo()).json().get("contacts").size();
        var res = server.http().post("/api/contact", Auth.demoContact(), Body.json(Map.of("email", AccountFixtures.uniqueEmail("x"))));
        assertForbidden(res, "misc/manageprofiles");
        assertThat(server.http().get("/api/contact", Auth.demo()).json().get("contacts").size()).isEqualTo(before);
    }

    @Test
    void the_demo_contact_gets_403_on_GET_contact_id_even_its_own() {
        assertForbidden(server.http().get("/api/contact/" + demoContactId(), Auth.demoContact()), "misc/manageprofiles");
    }

    @Test
    void the_demo_contact_gets_403_on_PUT_contact_id() {
        String id = demoContactId();
        var res = server.http().put("/api/contact/" + id, Auth.demoContact(),
                Body.json(Map.of("privileges", Map.of("misc", List.of("manageprofiles")))));
        assertForbidden(res, "misc/manageprofiles");
        assertThat(server.http().get("/api/contact/" + id, Auth.demo()).json().at("/contact/privileges").has("misc")).isFalse();
    }

    @Test
    void the_demo_contact_gets_403_on_PUT_details_and_changes_nothing() {
        String before = server.http().get("/api/details", Auth.demo()).json().at("/client/firstname").asText();
        assertForbidden(server.http().put("/api/details", Auth.demoContact(), Body.json(Map.of("firstname", "Hacked"))), "misc/editmain");
        assertThat(server.http().get("/api/details", Auth.demo()).json().at("/client/firstname").asText()).isEqualTo(before);
    }

    @Test
    void the_demo_contact_gets_403_on_GET_logs() {
        assertForbidden(server.http().get("/api/logs", Auth.demoContact()), "misc/editmain");
    }

    @Test
    void the_demo_contact_may_GET_details_and_contact_privileges() {
        assertThat(server.http().get("/api/details", Auth.demoContact()).status()).isEqualTo(200);
        assertThat(server.http().get("/api/contact/privileges", Auth.demoContact()).status()).isEqualTo(200);
    }

    @Test
    void the_same_rules_apply_to_a_contact_using_a_bearer_token() {
        var login = server.http().post("/api/login", Auth.NONE,
                Body.json(Map.of("username", "contact@example.com", "password", "Contact-pass-1")));
        Auth bearer = Auth.bearer(login.json().get("token").asText());
        assertForbidden(server.http().get("/api/contact", bearer), "misc/manageprofiles");
        assertForbidden(server.http().get("/api/logs", bearer), "misc/editmain");
        assertThat(server.http().get("/api/details", bearer).status()).isEqualTo(200);
    }

    /** A client with a contact holding misc/manageprofiles and support/tickets. */
    private record Manager(NewClient client, NewContact manager) {}

    private static Manager manager() {
        NewClient c = AccountFixtures.client(server);
        NewContact m = AccountFixtures.contact(server, c.auth(),
                Map.of("misc", List.of("manageprofiles"), "support", List.of("tickets")), true);
        return new Manager(c, m);
    }

    @Test
    void a_contact_with_manageprofiles_can_list_create_read_and_edit_contacts() {
        Manager m = manager();
        Auth as = m.manager().auth();
        var created = server.http().post("/api/contact", as, Body.json(Map.of("email", AccountFixtures.uniqueEmail("sub"),
                "privileges", Map.of("support", List.of("tickets")))));
        assertThat(created.status()).as(created.toString()).isEqualTo(200);
        String id = created.json().get("contact_id").asText();
        assertThat(server.http().get("/api/contact", as).json().get("contacts").size()).isEqualTo(2);
        assertThat(server.http().put("/api/contact/" + id, as, Body.json(Map.of("lastname", "Edited"))).status()).isEqualTo(200);
        var read = server.http().get("/api/contact/" + id, as);
        assertThat(read.json().at("/contact/lastname").asText()).isEqualTo("Edited");
        assertThat(texts(read.json().at("/contact/privileges/support"))).containsExactly("tickets");
    }

    @Test
    void a_contact_with_manageprofiles_cannot_grant_a_privilege_it_lacks() {
        Manager m = manager();
        var res = server.http().post("/api/contact", m.manager().auth(), Body.json(Map.of("email", AccountFixtures.uniqueEmail("esc"),
                "privileges", Map.of("billing", List.of("payinvoice")))));
        assertThat(res.status()).as(res.toString()).isEqualTo(403);
        assertThat(res.json().get("error").get(0).asText()).contains("billing/payinvoice");
        assertThat(server.http().get("/api/contact", m.client().auth()).json().get("contacts").size()).isEqualTo(1);
    }

    @Test
    void a_contact_with_manageprofiles_cannot_grant_full_service_control_it_lacks() {
        Manager m = manager();
        var res = server.http().post("/api/contact", m.manager().auth(), Body.json(Map.of("email", AccountFixtures.uniqueEmail("svc"),
                "privileges", Map.of("services", Map.of("full", 1)))));
        assertThat(res.status()).as(res.toString()).isEqualTo(403);
        assertThat(res.json().get("error").get(0).asText()).contains("services");
    }

    @Test
    void a_contact_with_manageprofiles_cannot_raise_another_contacts_privileges_beyond_its_own() {
        Manager m = manager();
        NewContact other = AccountFixtures.contact(server, m.client().auth(), Map.of("support", List.of("tickets")), false);
        var res = server.http().put("/api/contact/" + other.id(), m.manager().auth(),
                Body.json(Map.of("privileges", Map.of("misc", List.of("editmain")))));
        assertThat(res.status()).as(res.toString()).isEqualTo(403);
        assertThat(res.json().get("error").get(0).asText()).contains("misc/editmain");
        var after = server.http().get("/api/contact/" + other.id(), m.client().auth()).json().at("/contact/privileges");
        assertThat(after.has("misc")).isFalse();
    }

    @Test
    void a_contact_with_manageprofiles_cannot_change_its_own_privileges() {
        Manager m = manager();
        var res = server.http().put("/api/contact/" + m.manager().id(), m.manager().auth(),
                Body.json(Map.of("privileges", Map.of("misc", List.of("manageprofiles")))));
        assertThat(res.status()).as(res.toString()).isEqualTo(403);
        assertThat(res.json().get("error").get(0).asText()).containsIgnoringCase("own privileges");
        var after = server.http().get("/api/contact/" + m.manager().id(), m.client().auth()).json().at("/contact/privileges");
        assertThat(texts(after.get("support"))).containsExactly("tickets");
    }

    @Test
    void a_contact_with_manageprofiles_cannot_take_over_a_contact_holding_more_by_setting_its_password() {
        Manager m = manager();
        NewContact richer = AccountFixtures.contact(server, m.client().auth(), Map.of("billing", List.of("payinvoice")), true);
        var res = server.http().put("/api/contact/" + richer.id(), m.manager().auth(), Body.json(Map.of("password", "Taken-over-1")));
        assertThat(res.status()).as(res.toString()).isEqualTo(403);
        assertThat(res.json().get("error").get(0).asText()).contains("billing/payinvoice");
        assertThat(server.http().get("/api/details", Auth.basic(richer.email(), "Taken-over-1")).status()).isEqualTo(401);
        assertThat(server.http().get("/api/details", richer.auth()).status()).isEqualTo(200);
    }

    @Test
    void a_contact_with_manageprofiles_cannot_move_the_email_of_a_contact_holding_more() {
        Manager m = manager();
        NewContact richer = AccountFixtures.contact(server, m.client().auth(), Map.of("misc", List.of("editmain")), true);
        var res = server.http().put("/api/contact/" + richer.id(), m.manager().auth(),
                Body.json(Map.of("email", AccountFixtures.uniqueEmail("stolen"))));
        assertThat(res.status()).as(res.toString()).isEqualTo(403);
        assertThat(server.http().get("/api/contact/" + richer.id(), m.client().auth()).json().at("/contact/email").asText())
                .isEqualTo(richer.email());
    }

    @Test
    void a_contact_with_manageprofiles_may_edit_its_own_profile_without_privileges() {
        Manager m = manager();
        var res = server.http().put("/api/contact/" + m.manager().id(), m.manager().auth(), Body.json(Map.of("firstname", "Myself")));
        assertThat(res.status()).as(res.toString()).isEqualTo(200);
        assertThat(server.http().get("/api/contact/" + m.manager().id(), m.client().auth()).json().at("/contact/firstname").asText())
                .isEqualTo("Myself");
    }

    @Test
    void a_contact_with_manageprofiles_cannot_see_another_clients_contacts() {
        Manager m = manager();
        assertThat(server.http().get("/api/contact/" + demoContactId(), m.manager().auth()).status()).isEqualTo(404);
    }

    @Test
    void a_contact_with_manageprofiles_still_cannot_edit_the_main_profile() {
        Manager m = manager();
        assertForbidden(server.http().put("/api/details", m.manager().auth(), Body.json(Map.of("firstname", "X"))), "misc/editmain");
    }

    @Test
    void a_contact_with_editmain_can_PUT_details_and_read_logs() {
        NewClient c = AccountFixtures.client(server);
        NewContact e = AccountFixtures.contact(server, c.auth(), Map.of("misc", List.of("editmain")), true);
        var res = server.http().put("/api/details", e.auth(), Body.json(Map.of("companyname", "Edited By Contact")));
        assertThat(res.status()).as(res.toString()).isEqualTo(200);
        assertThat(res.json().at("/client/companyname").asText()).isEqualTo("Edited By Contact");
        assertThat(server.http().get("/api/logs", e.auth()).status()).isEqualTo(200);
        assertForbidden(server.http().get("/api/contact", e.auth()), "misc/manageprofiles");
    }

    @Test
    void a_contact_with_editmain_cannot_change_the_account_email_which_is_the_holders_login() {
        NewClient c = AccountFixtures.client(server);
        NewContact e = AccountFixtures.contact(server, c.auth(), Map.of("misc", List.of("editmain")), true);
        var res = server.http().put("/api/details", e.auth(), Body.json(Map.of("email", "taken-over-" + System.nanoTime() + "@example.com")));
        assertThat(res.status()).as(res.toString()).isEqualTo(403);
        assertThat(server.http().get("/api/details", c.auth()).status()).as("holder still logs in with the old email").isEqualTo(200);
    }

    @Test
    void a_contact_with_editmain_cannot_change_two_factor_authentication() {
        NewClient c = AccountFixtures.client(server);
        NewContact e = AccountFixtures.contact(server, c.auth(), Map.of("misc", List.of("editmain")), true);
        for (Object authy : List.of(List.of("Yes"), List.of(), "")) {
            var res = server.http().put("/api/details", e.auth(), Body.json(Map.of("authy", authy)));
            assertThat(res.status()).as("authy=%s: %s", authy, res).isEqualTo(403);
        }
        assertThat(server.http().get("/api/details", c.auth()).json().at("/client/authy").toString()).isEqualTo("[]");
    }

    @Test
    void the_account_holder_passes_every_privilege_check() {
        NewClient c = AccountFixtures.client(server);
        assertThat(server.http().get("/api/contact", c.auth()).status()).isEqualTo(200);
        assertThat(server.http().get("/api/logs", c.auth()).status()).isEqualTo(200);
        assertThat(server.http().put("/api/details", c.auth(), Body.json(Map.of("city", "Graz"))).status()).isEqualTo(200);
    }
}
