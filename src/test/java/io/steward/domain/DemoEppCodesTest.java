package io.steward.domain;

import static org.assertj.core.api.Assertions.assertThat;

import io.steward.domain.registrar.SandboxRegistry;
import io.steward.support.Http.Auth;
import io.steward.support.TestServer;
import java.util.HashSet;
import java.util.Set;
import org.junit.jupiter.api.AfterAll;
import org.junit.jupiter.api.BeforeAll;
import org.junit.jupiter.api.Test;

/** The demo's EPP codes are random (only transfer-me.test's documented demo code is fixed). */
class DemoEppCodesTest {
    static TestServer server;

    @BeforeAll
    static void start() { server = TestServer.start(); }

    @AfterAll
    static void stop() { server.close(); }

    private static String epp(String name) {
        var list = server.http().get("/api/domain", Auth.demo()).json().get("domains");
        for (var d : list) {
            if (d.get("name").asText().equals(name)) {
                var res = server.http().get("/api/domain/" + d.get("id").asText() + "/epp", Auth.demo());
                assertThat(res.status()).as(res.toString()).isEqualTo(200);
                return res.json().get("epp").asText();
            }
        }
        throw new AssertionError("the demo client has no " + name);
    }

    static void assertMeetsTheRules(String code) {
        assertThat(code).hasSize(16).matches(".*[A-Z].*").matches(".*[a-z].*").matches(".*[0-9].*").matches(".*[!#%+=?@-].*");
    }

    @Test
    void the_demo_domains_epp_codes_are_random_not_derived_from_their_names() {
        for (String name : new String[] {"demo-domain.test", "expired-demo.test"}) {
            String code = epp(name);
            assertThat(code).as(name).isNotEqualTo(SandboxRegistry.US + "-" + name.hashCode()).doesNotContain(Integer.toString(name.hashCode()));
            assertMeetsTheRules(code);
        }
        assertThat(epp("demo-domain.test")).isNotEqualTo(epp("expired-demo.test"));
    }

    @Test
    void new_epp_codes_meet_the_registry_rules_and_do_not_repeat() {
        Set<String> seen = new HashSet<>();
        for (int i = 0; i < 2000; i++) {
            String code = SandboxRegistry.newAuthCode();
            assertMeetsTheRules(code);
            assertThat(seen.add(code)).as("repeated %s", code).isTrue();
        }
    }
}
