package io.steward.web;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;

import io.steward.core.ErrorCode;
import io.steward.core.StewardException;
import java.nio.charset.StandardCharsets;
import java.util.List;
import org.junit.jupiter.api.Test;

/** Parameter decoding: query string, form and JSON bodies into one tree. */
class ParamsTest {
    private static final String FORM = "application/x-www-form-urlencoded";

    private static Params form(String body) {
        return Params.parse(null, FORM, body.getBytes(StandardCharsets.UTF_8));
    }

    private static Params query(String q) {
        return Params.parse(q, null, null);
    }

    private static Params json(String body) {
        return Params.parse(null, "application/json", body.getBytes(StandardCharsets.UTF_8));
    }

    private static ErrorCode codeOf(Runnable r) {
        try {
            r.run();
        } catch (StewardException e) {
            return e.code();
        }
        throw new AssertionError("no StewardException thrown");
    }

    @Test
    void plain_keys_decode_to_strings() {
        var p = form("username=demo&password=secret");
        assertThat(p.tree().toString()).isEqualTo("{\"username\":\"demo\",\"password\":\"secret\"}");
        assertThat(p.string("username")).contains("demo");
        assertThat(p.string("absent")).isEmpty();
    }

    @Test
    void values_and_keys_are_url_decoded() {
        var p = form("user%20name=a%40b.example&city=K%C3%B6ln&plus=a+b&amp=%26%3D");
        assertThat(p.string("user name")).contains("a@b.example");
        assertThat(p.string("city")).contains("Köln");
        assertThat(p.string("plus")).contains("a b");
        assertThat(p.string("amp")).contains("&=");
    }

    @Test
    void a_key_without_a_value_is_the_empty_string() {
        var p = form("flag&other=");
        assertThat(p.string("flag")).contains("");
        assertThat(p.string("other")).contains("");
    }

    @Test
    void repeated_bracket_appends_build_a_list_inside_an_object() {
        var p = form("a[b][]=1&a[b][]=2");
        assertThat(p.tree().toString()).isEqualTo("{\"a\":{\"b\":[\"1\",\"2\"]}}");
    }

    @Test
    void a_named_bracket_builds_an_object() {
        assertThat(form("a[x]=1").tree().toString()).isEqualTo("{\"a\":{\"x\":\"1\"}}");
        assertThat(form("a[x]=1&a[y]=2").tree().toString()).isEqualTo("{\"a\":{\"x\":\"1\",\"y\":\"2\"}}");
    }

    @Test
    void a_top_level_append_builds_a_list() {
        var p = form("ripetech[]=checked&authy[]=Yes&authy[]=No");
        assertThat(p.list("ripetech")).contains(List.of("checked"));
        assertThat(p.list("authy")).contains(List.of("Yes", "No"));
    }

    @Test
    void encoded_brackets_decode_the_same_as_literal_ones() {
        var p = form("privileges%5Bsupport%5D%5B%5D=tickets&privileges%5Bbilling%5D%5B%5D=payinvoice");
        assertThat(p.tree().toString()).isEqualTo("{\"privileges\":{\"support\":[\"tickets\"],\"billing\":[\"payinvoice\"]}}");
    }

    @Test
    void php_privilege_notation_gives_the_same_tree_as_json() {
        var viaForm = form("privileges[support][]=tickets&privileges[support][]=newticket&privileges[services][full]=1");
        var viaJson = json("{\"privileges\":{\"support\":[\"tickets\",\"newticket\"],\"services\":{\"full\":\"1\"}}}");
        assertThat(viaForm.tree()).isEqualTo(viaJson.tree());
    }

    @Test
    void a_malformed_bracket_key_is_kept_as_a_plain_key() {
        var p = form("a[b=1&c]=2&[x]=3");
        assertThat(p.string("a[b")).contains("1");
        assertThat(p.string("c]")).contains("2");
        assertThat(p.string("[x]")).contains("3");
    }

    @Test
    void the_query_string_uses_the_same_decoding() {
        var p = query("page=2&privileges[misc][]=editmain");
        assertThat(p.intValue("page", 1, 1, 10)).isEqualTo(2);
        assertThat(p.tree().at("/privileges/misc/0").asText()).isEqualTo("editmain");
    }

    @Test
    void a_form_body_overrides_the_query_string() {
        var p = Params.parse("name=fromquery&keep=q", FORM, "name=frombody".getBytes(StandardCharsets.UTF_8));
        assertThat(p.string("name")).contains("frombody");
        assertThat(p.string("keep")).contains("q");
    }

    @Test
    void a_json_body_overrides_the_query_string() {
        var p = Params.parse("name=fromquery&keep=q", "application/json", "{\"name\":\"frombody\"}".getBytes(StandardCharsets.UTF_8));
        assertThat(p.string("name")).contains("frombody");
        assertThat(p.string("keep")).contains("q");
    }

    @Test
    void a_body_without_content_type_is_read_as_json() {
        var p = Params.parse(null, null, "{\"a\":\"b\"}".getBytes(StandardCharsets.UTF_8));
        assertThat(p.string("a")).contains("b");
    }

    @Test
    void json_numbers_and_booleans_read_as_text() {
        var p = json("{\"n\":5,\"t\":true,\"nul\":null}");
        assertThat(p.string("n")).contains("5");
        assertThat(p.string("t")).contains("true");
        assertThat(p.string("nul")).isEmpty();
        assertThat(p.has("nul")).isFalse();
    }

    @Test
    void malformed_input_is_a_bad_request() {
        assertThat(codeOf(() -> json("{"))).isEqualTo(ErrorCode.BAD_REQUEST);
        assertThat(codeOf(() -> json("[1]"))).isEqualTo(ErrorCode.BAD_REQUEST);
        assertThat(codeOf(() -> json("{\"a\":1} trailing"))).isEqualTo(ErrorCode.BAD_REQUEST);
        assertThat(codeOf(() -> form("a=%ZZ"))).isEqualTo(ErrorCode.BAD_REQUEST);
        assertThat(codeOf(() -> Params.parse(null, "application/xml", "<a/>".getBytes(StandardCharsets.UTF_8)))).isEqualTo(ErrorCode.BAD_REQUEST);
    }

    @Test
    void an_empty_or_null_json_body_gives_no_parameters() {
        assertThat(json("null").tree().size()).isZero();
        assertThat(Params.parse(null, "application/json", new byte[0]).tree().size()).isZero();
    }

    @Test
    void a_non_scalar_where_a_value_is_expected_is_a_bad_request_naming_it() {
        var p = form("name[x]=1");
        assertThatThrownBy(() -> p.string("name")).isInstanceOfSatisfying(StewardException.class, e -> {
            assertThat(e.code()).isEqualTo(ErrorCode.BAD_REQUEST);
            assertThat(e.fields()).containsKey("name");
        });
    }

    @Test
    void required_refuses_a_missing_or_blank_value() {
        assertThat(codeOf(() -> form("a=").required("a"))).isEqualTo(ErrorCode.BAD_REQUEST);
        assertThat(codeOf(() -> form("").required("a"))).isEqualTo(ErrorCode.BAD_REQUEST);
        assertThat(form("a=x").required("a")).isEqualTo("x");
    }

    @Test
    void int_values_are_range_checked() {
        assertThat(form("").intValue("page", 1, 1, 10)).isEqualTo(1);
        assertThat(form("page=10").intValue("page", 1, 1, 10)).isEqualTo(10);
        assertThat(codeOf(() -> form("page=11").intValue("page", 1, 1, 10))).isEqualTo(ErrorCode.BAD_REQUEST);
        assertThat(codeOf(() -> form("page=0").intValue("page", 1, 1, 10))).isEqualTo(ErrorCode.BAD_REQUEST);
        assertThat(codeOf(() -> form("page=two").intValue("page", 1, 1, 10))).isEqualTo(ErrorCode.BAD_REQUEST);
        assertThat(codeOf(() -> form("page=99999999999999999999").intValue("page", 1, 1, 10))).isEqualTo(ErrorCode.BAD_REQUEST);
    }

    @Test
    void list_accepts_an_array_a_bracket_list_or_a_single_scalar() {
        assertThat(json("{\"f\":[\"checked\"]}").list("f")).contains(List.of("checked"));
        assertThat(form("f[]=checked").list("f")).contains(List.of("checked"));
        assertThat(form("f=checked").list("f")).contains(List.of("checked"));
        assertThat(form("f=").list("f")).contains(List.of());
        assertThat(form("").list("f")).isEmpty();
        assertThat(codeOf(() -> json("{\"f\":[[1]]}").list("f"))).isEqualTo(ErrorCode.BAD_REQUEST);
    }
}
