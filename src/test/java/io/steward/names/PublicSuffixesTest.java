package io.steward.names;

import static org.assertj.core.api.Assertions.assertThat;

import java.util.Set;
import org.junit.jupiter.api.Test;

class PublicSuffixesTest {
    private final PublicSuffixes suffixes = PublicSuffixes.ofJdk(Set.of("shared.example"));

    @Test
    void TLDs_and_names_under_which_the_public_registers_are_suffixes() {
        assertThat(suffixes.isSuffix("com")).isTrue();
        assertThat(suffixes.isSuffix("test")).as("every single label").isTrue();
        assertThat(suffixes.isSuffix("co.uk")).isTrue();
        assertThat(suffixes.isSuffix("github.io")).as("a private rule").isTrue();
        assertThat(suffixes.isSuffix("anything.kawasaki.jp")).as("a wildcard rule").isTrue();
        assertThat(suffixes.isSuffix("shared.example")).as("a configured suffix").isTrue();
    }

    @Test
    void registrable_names_and_exceptions_are_not_suffixes() {
        assertThat(suffixes.isSuffix("example.com")).isFalse();
        assertThat(suffixes.isSuffix("example.co.uk")).isFalse();
        assertThat(suffixes.isSuffix("someone.github.io")).isFalse();
        assertThat(suffixes.isSuffix("city.kawasaki.jp")).as("an exception to a wildcard").isFalse();
        assertThat(suffixes.isSuffix("demo-zone.test")).isFalse();
    }

    @Test
    void without_the_list_single_labels_and_configured_suffixes_still_count() {
        var bare = new PublicSuffixes(java.nio.file.Path.of("/nonexistent/public_suffix_list.dat"), Set.of("co.uk"));
        assertThat(bare.isSuffix("com")).isTrue();
        assertThat(bare.isSuffix("co.uk")).isTrue();
        assertThat(bare.isSuffix("example.com")).isFalse();
    }
}
