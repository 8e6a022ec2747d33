package io.steward.dns;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;

import io.steward.core.StewardException;
import java.util.List;
import org.junit.jupiter.api.Test;

/** Per-type validation and normalisation, without a database. */
class RecordRulesTest {
    private final RecordRules rules = new RecordRules(new RecordRules.Limits(60, 604800, 3600));

    private DnsRecord ok(String name, String type, Integer priority, String content) {
        return rules.normalise("example.com", new RecordInput(name, type, null, priority, content, null));
    }

    private String field(String name, String type, String content) {
        try {
            ok(name, type, null, content);
        } catch (StewardException e) {
            return String.join(",", e.fields().keySet());
        }
        throw new AssertionError("accepted " + type + " " + content);
    }

    @Test
    void names_relative_absolute_or_at_are_stored_fully_qualified_in_lower_case() {
        assertThat(ok("WWW", "A", null, "192.0.2.1").name()).isEqualTo("www.example.com");
        assertThat(ok("@", "A", null, "192.0.2.1").name()).isEqualTo("example.com");
        assertThat(ok("", "A", null, "192.0.2.1").name()).isEqualTo("example.com");
        assertThat(ok("www.example.com", "A", null, "192.0.2.1").name()).isEqualTo("www.example.com");
        assertThat(ok("www.example.com.", "A", null, "192.0.2.1").name()).isEqualTo("www.example.com");
        assertThat(ok("*.dev", "A", null, "192.0.2.1").name()).isEqualTo("*.dev.example.com");
        assertThat(field("www.example.org.", "A", "192.0.2.1")).isEqualTo("name");
        assertThat(field("a.*.b", "A", "192.0.2.1")).isEqualTo("name");
    }

    @Test
    void contents_are_checked_and_normalised_per_type() {
        assertThat(ok("a", "AAAA", null, "2001:DB8::1").content()).isEqualTo("2001:db8::1");
        assertThat(ok("a", "CNAME", null, "Target.Example.NET.").content()).isEqualTo("target.example.net");
        assertThat(ok("a", "CAA", null, "0 ISSUE \"letsencrypt.org\"").content()).isEqualTo("0 issue \"letsencrypt.org\"");
        assertThat(ok("_x._tcp", "SRV", 5, "1 443 host.example.com.").content()).isEqualTo("1 443 host.example.com");
        assertThat(rules.normalise("example.com", new RecordInput("_x._udp", "SRV", null, 1, null, List.of("2", "53", "ns.example.com"))).content())
                .isEqualTo("2 53 ns.example.com");
        assertThat(ok("a", "TXT", null, "x".repeat(4000)).content()).hasSize(4000);
        assertThat(field("a", "A", "1.2.3")).isEqualTo("content");
        assertThat(field("a", "A", "01.2.3.4.5")).isEqualTo("content");
        assertThat(field("a", "AAAA", "2001:db8::g")).isEqualTo("content");
        assertThat(field("a", "MX", "-bad-.example.com")).isEqualTo("content");
        assertThat(field("a", "TXT", "x".repeat(4001))).isEqualTo("content");
        assertThat(field("a", "TXT", "caf\u00e9")).isEqualTo("content");
        assertThat(field("a", "SRV", "1 2 x.example.com")).isEqualTo("name");
        assertThat(field("a", "FRAME", "javascript:alert(1)")).isEqualTo("content");
    }

    @Test
    void priority_is_kept_for_MX_SRV_and_URL_only() {
        assertThat(ok("a", "MX", 20, "mx.example.com").priority()).isEqualTo(20);
        assertThat(ok("a", "A", 20, "192.0.2.1").priority()).isZero();
        assertThat(ok("a", "URL", 302, "https://example.org/").priority()).isEqualTo(302);
    }

    @Test
    void the_ttl_defaults_and_is_bounded() {
        assertThat(ok("a", "A", null, "192.0.2.1").ttl()).isEqualTo(3600);
        assertThatThrownBy(() -> rules.normalise("example.com", new RecordInput("a", "A", 59, null, "192.0.2.1", null)))
                .isInstanceOf(StewardException.class);
    }

    @Test
    void by_default_any_TTL_from_one_second_is_taken_as_the_real_service_takes_acme_clients_ten_seconds() {
        var defaults = DnsSettings.from(io.steward.config.Config.empty()).limits();
        assertThat(defaults.minTtl()).isEqualTo(1);
        var lenient = new RecordRules(defaults);
        assertThat(lenient.normalise("example.com", new RecordInput("_acme-challenge", "TXT", 10, null, "token", null)).ttl()).isEqualTo(10);
        assertThat(lenient.normalise("example.com", new RecordInput("a", "A", 1, null, "192.0.2.1", null)).ttl()).isEqualTo(1);
        assertThatThrownBy(() -> lenient.normalise("example.com", new RecordInput("a", "A", 0, null, "192.0.2.1", null)))
                .isInstanceOf(StewardException.class);
        var configured = DnsSettings.from(io.steward.config.Config.empty().with("dns.min-ttl", "30")).limits();
        assertThat(configured.minTtl()).isEqualTo(30);
    }

    @Test
    void TXT_content_in_the_listings_quoted_form_is_stored_as_the_text_inside() {
        assertThat(ok("a", "TXT", null, "\"v=spf1 -all\"").content()).isEqualTo("v=spf1 -all");
        assertThat(ok("a", "TXT", null, DnsShapes.quoted("say \"hi\" \\o/")).content()).isEqualTo("say \"hi\" \\o/");
        // Not one quoted string: kept as given.
        assertThat(ok("a", "TXT", null, "\"a\" \"b\"").content()).isEqualTo("\"a\" \"b\"");
        assertThat(ok("a", "TXT", null, "plain \"quote").content()).isEqualTo("plain \"quote");
        assertThat(DnsShapes.quoted("say \"hi\" \\o/")).isEqualTo("\"say \\\"hi\\\" \\\\o/\"");
    }

    @Test
    void TXT_is_split_into_255_byte_strings_with_escapes_for_dnsjava() {
        assertThat(Wire.txtStrings("a".repeat(600))).extracting(String::length).containsExactly(255, 255, 90);
        var rec = Wire.records(new DnsRecord(1, 1, "t.example.com", "TXT", 60, 0, "say \"hi\" \\o/"), 1, "127.0.0.1", null).get(0);
        // On the wire: the text itself, not its escaped form.
        assertThat(((org.xbill.DNS.TXTRecord) rec).getStringsAsByteArrays()).singleElement()
                .satisfies(b -> assertThat(new String(b, java.nio.charset.StandardCharsets.US_ASCII)).isEqualTo("say \"hi\" \\o/"));
    }
}
