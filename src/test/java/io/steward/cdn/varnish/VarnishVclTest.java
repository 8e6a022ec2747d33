package io.steward.cdn.varnish;

import static org.assertj.core.api.Assertions.assertThat;

import io.steward.cdn.CdnModule.Resource;
import java.util.List;
import org.junit.jupiter.api.Test;

/** The generated VCL and the management protocol's authentication, on exact text (the real varnishd runs in VarnishCdnTest). */
class VarnishVclTest {
    @Test
    void each_resource_gets_a_backend_and_a_host_route_and_unknown_hosts_are_404() {
        String vcl = VarnishVcl.of(List.of(new Resource("a.example.com", "http://10.0.0.5:8080"),
                new Resource("b.example.com", "http://origin.example.net:80")), List.of("127.0.0.1", "10.204.7.0/24"));
        assertThat(vcl).startsWith("vcl 4.1;\n")
                .contains("backend r0 {\n    .host = \"10.0.0.5\";\n    .port = \"8080\";\n}\n")
                .contains("backend r1 {\n    .host = \"origin.example.net\";\n    .port = \"80\";\n}\n")
                .contains("acl steward_purgers {\n    \"127.0.0.1\";\n    \"10.204.7.0\"/24;\n}\n")
                .contains("    if (req.http.host == \"a.example.com\") {\n        set req.backend_hint = r0;\n    }"
                        + " elsif (req.http.host == \"b.example.com\") {\n        set req.backend_hint = r1;\n    }"
                        + " else {\n        return (synth(404, \"Unknown CDN resource\"));\n    }\n")
                .contains("ban(\"obj.http.X-Steward-Host == \" + req.http.X-Steward-Ban-Host);")
                .contains("set beresp.http.X-Steward-Host = bereq.http.host;")
                .contains("unset resp.http.X-Steward-Host;");
    }

    @Test
    void an_edge_without_resources_answers_404_to_everything_but_still_takes_bans() {
        String vcl = VarnishVcl.of(List.of(), List.of("127.0.0.1"));
        assertThat(vcl).contains("backend default none;").doesNotContain("backend r0").doesNotContain("req.backend_hint")
                .contains("if (req.method == \"BAN\")").contains("    return (synth(404, \"Unknown CDN resource\"));\n}");
    }

    @Test
    void the_authentication_answer_is_the_sha256_of_challenge_secret_challenge() {
        // varnish-cli(7): SHA256(challenge + "\n" + secret + challenge + "\n"), hex; checked against sha256sum.
        assertThat(VarnishCli.response("abcdefghijklmnopqrstuvwxyzabcdef", "secret"))
                .isEqualTo("ab9f82d8007a815ecd0c7e748ed04d2215568f812ec4c7444411d3637e714ad6");
    }
}
