package io.steward.web;

import static org.assertj.core.api.Assertions.assertThat;

import java.util.Map;
import org.junit.jupiter.api.Test;

/** Route matching: literals, {@code @param} segments, methods. */
class RouterTest {
    private static final Handler NOOP = call -> null;

    /** The client API's contact routes, written with the parameter route first to show order does not matter. */
    private static Router<String> contacts() {
        return new Router<String>()
                .get("/contact/@id", NOOP, "get-one")
                .put("/contact/@id", NOOP, "put-one")
                .get("/contact/privileges", NOOP, "privileges")
                .get("/contact", NOOP, "list")
                .post("/contact", NOOP, "create");
    }

    @Test
    void a_literal_segment_beats_a_parameter() {
        var m = contacts().match("GET", "/contact/privileges");
        assertThat(m.route().access()).isEqualTo("privileges");
        assertThat(m.pathParams()).isEmpty();
    }

    @Test
    void a_literal_beats_a_parameter_whichever_is_declared_first() {
        var r = new Router<String>().get("/contact/privileges", NOOP, "privileges").get("/contact/@id", NOOP, "get-one");
        assertThat(r.match("GET", "/contact/privileges").route().access()).isEqualTo("privileges");
        assertThat(r.match("GET", "/contact/7").route().access()).isEqualTo("get-one");
    }

    @Test
    void a_parameter_segment_is_extracted() {
        var m = contacts().match("GET", "/contact/49");
        assertThat(m.route().access()).isEqualTo("get-one");
        assertThat(m.route().template()).isEqualTo("/contact/@id");
        assertThat(m.pathParams()).isEqualTo(Map.of("id", "49"));
    }

    @Test
    void a_parameter_takes_any_non_empty_segment() {
        assertThat(contacts().match("GET", "/contact/abc").pathParams()).isEqualTo(Map.of("id", "abc"));
    }

    @Test
    void several_parameters_are_extracted_by_name() {
        var r = new Router<String>().get("/service/@service_id/dns/@zone_id/records", NOOP, "records");
        var m = r.match("GET", "/service/292/dns/1178/records");
        assertThat(m.pathParams()).isEqualTo(Map.of("service_id", "292", "zone_id", "1178"));
    }

    @Test
    void an_earlier_literal_weighs_more_than_a_later_one() {
        var r = new Router<String>().get("/a/@p/y", NOOP, "later-literal").get("/a/x/@q", NOOP, "earlier-literal");
        assertThat(r.match("GET", "/a/x/y").route().access()).isEqualTo("earlier-literal");
    }

    @Test
    void the_method_selects_among_routes_on_one_path() {
        var r = contacts();
        assertThat(r.match("GET", "/contact").route().access()).isEqualTo("list");
        assertThat(r.match("POST", "/contact").route().access()).isEqualTo("create");
        assertThat(r.match("PUT", "/contact/3").route().access()).isEqualTo("put-one");
    }

    @Test
    void a_wrong_method_matches_no_route_but_knows_the_path_exists() {
        var m = contacts().match("DELETE", "/contact/3");
        assertThat(m.route()).isNull();
        assertThat(m.pathExists()).isTrue();
    }

    @Test
    void an_unknown_path_matches_nothing() {
        var m = contacts().match("GET", "/contacts");
        assertThat(m.route()).isNull();
        assertThat(m.pathExists()).isFalse();
        assertThat(contacts().match("GET", "/contact/3/extra").route()).isNull();
        assertThat(contacts().match("GET", "/").route()).isNull();
    }

    @Test
    void leading_and_trailing_slashes_do_not_matter() {
        assertThat(contacts().match("GET", "/contact/").route().access()).isEqualTo("list");
        assertThat(contacts().match("GET", "contact/privileges/").route().access()).isEqualTo("privileges");
        assertThat(contacts().match("GET", "/contact/5/").pathParams()).isEqualTo(Map.of("id", "5"));
    }

    @Test
    void an_empty_segment_does_not_fill_a_parameter() {
        assertThat(contacts().match("GET", "/contact//").route().access()).isEqualTo("list");
        var r = new Router<String>().get("/a/@p/b", NOOP, "x");
        assertThat(r.match("GET", "/a//b").route()).isNull();
    }

    @Test
    void matching_is_case_sensitive() {
        assertThat(contacts().match("GET", "/Contact").route()).isNull();
        assertThat(contacts().match("get", "/contact").route()).isNull();
    }

    @Test
    void the_openapi_path_uses_braces_for_parameters() {
        var r = new Router<String>().get("/service/@service_id/dns/@zone_id", NOOP, "x");
        assertThat(r.routes().get(0).openApiPath()).isEqualTo("/service/{service_id}/dns/{zone_id}");
    }
}
