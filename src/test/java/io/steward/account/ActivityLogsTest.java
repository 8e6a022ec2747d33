package io.steward.account;

import static org.assertj.core.api.Assertions.assertThat;

import com.fasterxml.jackson.databind.JsonNode;
import io.steward.support.AccountFixtures;
import io.steward.support.AccountFixtures.NewClient;
import io.steward.support.Http.Auth;
import io.steward.support.Http.Body;
import io.steward.support.TestServer;
import java.util.ArrayList;
import java.util.HashSet;
import java.util.List;
import java.util.Map;
import org.junit.jupiter.api.AfterAll;
import org.junit.jupiter.api.BeforeAll;
import org.junit.jupiter.api.Test;

/** {@code GET /logs}. */
class ActivityLogsTest {
    static TestServer server;

    @BeforeAll
    static void start() { server = TestServer.start(); }

    @AfterAll
    static void stop() { server.close(); }

    /** A fresh client with {@code changes} profile changes on top of its creation and first login. */
    private static NewClient clientWithHistory(int changes) {
        NewClient c = AccountFixtures.client(server);
        for (int i = 0; i < changes; i++) {
            var res = server.http().put("/api/details", c.auth(), Body.json(Map.of("firstname", "Name" + i)));
            assertThat(res.status()).isEqualTo(200);
        }
        return c;
    }

    private static JsonNode logs(Auth auth, String query) {
        var res = server.http().get("/api/logs" + query, auth);
        assertThat(res.status()).as(res.toString()).isEqualTo(200);
        return res.json();
    }

    private static List<Long> ids(JsonNode page) {
        var out = new ArrayList<Long>();
        page.get("logs").forEach(e -> out.add(Long.parseLong(e.get("id").asText())));
        return out;
    }

    @Test
    void GET_logs_answers_entries_with_the_documented_fields_as_strings() {
        NewClient c = clientWithHistory(1);
        JsonNode body = logs(c.auth(), "");
        assertThat(body.get("page").asInt()).isEqualTo(1);
        assertThat(body.get("perpage").asInt()).isEqualTo(50);
        assertThat(body.get("total").asInt()).isEqualTo(body.get("logs").size());
        for (JsonNode e : body.get("logs")) {
            for (String f : List.of("id", "date", "ip", "contact_id", "action", "description")) {
                assertThat(e.get(f).isTextual()).as("%s in %s", f, e).isTrue();
            }
            assertThat(e.get("date").asText()).matches("\\d{4}-\\d{2}-\\d{2} \\d{2}:\\d{2}:\\d{2}");
            assertThat(e.get("id").asText()).matches("[1-9][0-9]*");
        }
        var actions = new ArrayList<String>();
        body.get("logs").forEach(e -> actions.add(e.get("action").asText()));
        assertThat(actions).contains("account_created", "login", "profile_updated");
    }

    @Test
    void GET_logs_lists_newest_first() {
        NewClient c = clientWithHistory(3);
        JsonNode body = logs(c.auth(), "");
        List<Long> ids = ids(body);
        assertThat(ids).hasSizeGreaterThanOrEqualTo(5);
        assertThat(ids).isSortedAccordingTo((a, b) -> Long.compare(b, a));
        assertThat(body.get("logs").get(0).get("action").asText()).isEqualTo("profile_updated");
        assertThat(body.get("logs").get(ids.size() - 1).get("action").asText()).isEqualTo("account_created");
    }

    @Test
    void GET_logs_pages_through_the_history_without_overlap() {
        NewClient c = clientWithHistory(4);
        JsonNode all = logs(c.auth(), "?perpage=500");
        int total = all.get("total").asInt();
        assertThat(total).isGreaterThanOrEqualTo(6);

        JsonNode p1 = logs(c.auth(), "?page=1&perpage=2");
        JsonNode p2 = logs(c.auth(), "?page=2&perpage=2");
        assertThat(p1.get("perpage").asInt()).isEqualTo(2);
        assertThat(p2.get("page").asInt()).isEqualTo(2);
        assertThat(p1.get("total").asInt()).isEqualTo(total);
        assertThat(ids(p1)).hasSize(2);
        assertThat(ids(p2)).hasSize(2);
        var seen = new HashSet<>(ids(p1));
        assertThat(ids(p2)).noneMatch(seen::contains);
        assertThat(ids(p1).get(1)).isGreaterThan(ids(p2).get(0));
        assertThat(ids(p1)).containsExactlyElementsOf(ids(all).subList(0, 2));
        assertThat(ids(p2)).containsExactlyElementsOf(ids(all).subList(2, 4));
    }

    @Test
    void GET_logs_beyond_the_last_page_answers_an_empty_list_with_the_total() {
        NewClient c = clientWithHistory(0);
        JsonNode body = logs(c.auth(), "?page=100&perpage=10");
        assertThat(body.get("logs").size()).isZero();
        assertThat(body.get("total").asInt()).isPositive();
    }

    @Test
    void GET_logs_accepts_paging_as_form_or_json_parameters_too() {
        NewClient c = clientWithHistory(2);
        var res = server.http().send("GET", "/api/logs", c.auth(), Body.json(Map.of("perpage", 1)));
        assertThat(res.status()).isEqualTo(200);
        assertThat(res.json().get("logs").size()).isEqualTo(1);
        assertThat(res.json().get("perpage").asInt()).isEqualTo(1);
    }

    @Test
    void GET_logs_with_perpage_zero_gives_400_naming_perpage() {
        var res = server.http().get("/api/logs?perpage=0", Auth.demo());
        assertThat(res.status()).isEqualTo(400);
        assertThat(res.json().get("success").asBoolean(true)).isFalse();
        assertThat(res.json().at("/fields/perpage").isArray()).isTrue();
    }

    @Test
    void GET_logs_with_a_non_numeric_perpage_gives_400() {
        var res = server.http().get("/api/logs?perpage=lots", Auth.demo());
        assertThat(res.status()).isEqualTo(400);
        assertThat(res.json().at("/fields/perpage").isArray()).isTrue();
    }

    @Test
    void GET_logs_with_a_huge_perpage_gives_400() {
        assertThat(server.http().get("/api/logs?perpage=100000", Auth.demo()).status()).isEqualTo(400);
    }

    @Test
    void GET_logs_with_page_zero_gives_400() {
        var res = server.http().get("/api/logs?page=0", Auth.demo());
        assertThat(res.status()).isEqualTo(400);
        assertThat(res.json().at("/fields/page").isArray()).isTrue();
    }

    @Test
    void GET_logs_shows_only_the_callers_own_account() {
        NewClient quiet = clientWithHistory(0);
        int quietTotal = logs(quiet.auth(), "").get("total").asInt();
        var quietIds = new HashSet<>(ids(logs(quiet.auth(), "?perpage=500")));

        NewClient busy = clientWithHistory(3);
        var busyIds = ids(logs(busy.auth(), "?perpage=500"));

        assertThat(logs(quiet.auth(), "").get("total").asInt()).isEqualTo(quietTotal);
        assertThat(busyIds).noneMatch(quietIds::contains);
        var demoIds = ids(logs(Auth.demo(), "?perpage=500"));
        assertThat(demoIds).noneMatch(quietIds::contains).noneMatch(busyIds::contains);
    }

    @Test
    void GET_logs_records_the_contact_who_acted() {
        NewClient c = AccountFixtures.client(server);
        var contact = AccountFixtures.contact(server, c.auth(), Map.of("misc", List.of("editmain")), true);
        assertThat(server.http().get("/api/details", contact.auth()).status()).isEqualTo(200);
        JsonNode newest = logs(c.auth(), "").get("logs").get(0);
        assertThat(newest.get("action").asText()).isEqualTo("login");
        assertThat(newest.get("contact_id").asText()).isEqualTo(Long.toString(contact.id()));
    }
}
