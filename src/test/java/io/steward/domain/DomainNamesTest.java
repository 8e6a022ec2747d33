package io.steward.domain;

import static org.assertj.core.api.Assertions.assertThat;

import org.junit.jupiter.api.Test;

class DomainNamesTest {
    @Test
    void names_are_lower_cased_and_internationalised_names_kept_in_punycode() {
        assertThat(DomainNames.normalise(" Example.COM. ")).contains("example.com");
        assertThat(DomainNames.normalise("bücher.de")).contains("xn--bcher-kva.de");
    }

    @Test
    void labels_follow_the_letter_digit_hyphen_rule() {
        assertThat(DomainNames.normalise("-bad.com")).isEmpty();
        assertThat(DomainNames.normalise("bad-.com")).isEmpty();
        assertThat(DomainNames.normalise("under_score.com")).isEmpty();
        assertThat(DomainNames.normalise("a".repeat(64) + ".com")).isEmpty();
        assertThat(DomainNames.normalise("a".repeat(63) + ".com")).isPresent();
        assertThat(DomainNames.normalise("nodot")).isEmpty();
        assertThat(DomainNames.normalise("")).isEmpty();
    }

    @Test
    void addresses_are_checked_without_name_lookups() {
        assertThat(DomainNames.isAddress("192.0.2.1")).isTrue();
        assertThat(DomainNames.isAddress("256.0.2.1")).isFalse();
        assertThat(DomainNames.isAddress("2001:db8::1")).isTrue();
        assertThat(DomainNames.isAddress("example.com")).isFalse();
        assertThat(DomainNames.isUnder("ns1.example.com", "example.com")).isTrue();
        assertThat(DomainNames.isUnder("ns1.notexample.com", "example.com")).isFalse();
    }
}
