package io.steward.auth;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;

import java.nio.charset.StandardCharsets;
import java.time.Instant;
import java.util.Random;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.params.ParameterizedTest;
import org.junit.jupiter.params.provider.CsvSource;

/** {@link Totp} against RFC 6238 and RFC 4648, without a server. */
class TotpTest {
    /** RFC 6238 Appendix B: the SHA1 seed is the ASCII string "12345678901234567890". */
    private static final String RFC_SECRET = Totp.base32("12345678901234567890".getBytes(StandardCharsets.US_ASCII));

    @ParameterizedTest(name = "T={0}s gives ..{1}")
    @CsvSource({
            "59, 94287082",
            "1111111109, 07081804",
            "1111111111, 14050471",
            "1234567890, 89005924",
            "2000000000, 69279037",
            "20000000000, 65353130",
    })
    void codes_match_the_RFC_6238_SHA1_test_vectors_in_their_last_six_digits(long seconds, String eightDigits) {
        String code = Totp.code(RFC_SECRET, Instant.ofEpochSecond(seconds));

        assertThat(code).hasSize(6).isEqualTo(eightDigits.substring(2));
    }

    @Test
    void the_rfc_seed_encodes_to_its_well_known_base32_form() {
        assertThat(RFC_SECRET).isEqualTo("GEZDGNBVGY3TQOJQGEZDGNBVGY3TQOJQ");
    }

    @Test
    void hotp_matches_the_RFC_4226_appendix_D_values() {
        byte[] key = "12345678901234567890".getBytes(StandardCharsets.US_ASCII);
        String[] expected = {"755224", "287082", "359152", "969429", "338314", "254676", "287922", "162583", "399871", "520489"};

        for (int counter = 0; counter < expected.length; counter++) {
            assertThat(Totp.hotp(key, counter)).as("counter %d", counter).isEqualTo(expected[counter]);
        }
    }

    @Test
    void a_code_is_the_same_throughout_its_30_second_step() {
        Instant stepStart = Instant.ofEpochSecond(1_700_000_010L);

        assertThat(Totp.code(RFC_SECRET, stepStart.plusSeconds(29))).isEqualTo(Totp.code(RFC_SECRET, stepStart));
        assertThat(Totp.code(RFC_SECRET, stepStart.plusSeconds(30))).isNotEqualTo(Totp.code(RFC_SECRET, stepStart));
    }

    @Test
    void verify_accepts_the_current_step_and_one_step_either_side() {
        Instant now = Instant.ofEpochSecond(1_700_000_015L);

        assertThat(Totp.verify(RFC_SECRET, Totp.code(RFC_SECRET, now), now)).isTrue();
        assertThat(Totp.verify(RFC_SECRET, Totp.code(RFC_SECRET, now.minusSeconds(30)), now)).isTrue();
        assertThat(Totp.verify(RFC_SECRET, Totp.code(RFC_SECRET, now.plusSeconds(30)), now)).isTrue();
    }

    @Test
    void verify_rejects_codes_two_steps_away() {
        Instant now = Instant.ofEpochSecond(1_700_000_015L);

        assertThat(Totp.verify(RFC_SECRET, Totp.code(RFC_SECRET, now.minusSeconds(60)), now)).isFalse();
        assertThat(Totp.verify(RFC_SECRET, Totp.code(RFC_SECRET, now.plusSeconds(60)), now)).isFalse();
    }

    @Test
    void verify_rejects_anything_but_six_digits() {
        Instant now = Instant.ofEpochSecond(1_700_000_015L);
        String good = Totp.code(RFC_SECRET, now);

        assertThat(Totp.verify(RFC_SECRET, null, now)).isFalse();
        assertThat(Totp.verify(RFC_SECRET, "", now)).isFalse();
        assertThat(Totp.verify(RFC_SECRET, good + "0", now)).isFalse();
        assertThat(Totp.verify(RFC_SECRET, good.substring(1), now)).isFalse();
        assertThat(Totp.verify(RFC_SECRET, "12ab56", now)).isFalse();
    }

    @Test
    void verify_rejects_the_code_of_another_secret() {
        Instant now = Instant.ofEpochSecond(1_700_000_015L);
        String other = Totp.base32("another-secret-seed!".getBytes(StandardCharsets.US_ASCII));
        String code = Totp.code(other, now);
        assertThat(code).isNotIn(Totp.code(RFC_SECRET, now.minusSeconds(30)), Totp.code(RFC_SECRET, now),
                Totp.code(RFC_SECRET, now.plusSeconds(30)));

        assertThat(Totp.verify(RFC_SECRET, code, now)).isFalse();
        assertThat(Totp.verify(other, code, now)).isTrue();
    }

    @ParameterizedTest(name = "\"{0}\" <-> {1}")
    @CsvSource({
            "f, MY",
            "fo, MZXQ",
            "foo, MZXW6",
            "foob, MZXW6YQ",
            "fooba, MZXW6YTB",
            "foobar, MZXW6YTBOI",
    })
    void base32_matches_the_RFC_4648_test_vectors_without_padding(String text, String encoded) {
        byte[] bytes = text.getBytes(StandardCharsets.US_ASCII);

        assertThat(Totp.base32(bytes)).isEqualTo(encoded);
        assertThat(Totp.base32Decode(encoded)).isEqualTo(bytes);
    }

    @Test
    void base32_round_trips_arbitrary_bytes_of_every_length() {
        var random = new Random(42);
        for (int len = 0; len <= 64; len++) {
            byte[] data = new byte[len];
            random.nextBytes(data);

            assertThat(Totp.base32Decode(Totp.base32(data))).as("length %d", len).isEqualTo(data);
        }
    }

    @Test
    void base32_decoding_accepts_padding_spaces_and_lower_case() {
        assertThat(Totp.base32Decode("mzxw 6ytb oi======")).isEqualTo("foobar".getBytes(StandardCharsets.US_ASCII));
    }

    @Test
    void base32_decoding_rejects_characters_outside_the_alphabet() {
        assertThatThrownBy(() -> Totp.base32Decode("MZXW1")).isInstanceOf(IllegalArgumentException.class);
        assertThatThrownBy(() -> Totp.base32Decode("MZ-XW")).isInstanceOf(IllegalArgumentException.class);
    }

    @Test
    void new_secrets_are_160_bits_of_base32_and_differ() {
        String a = Totp.newSecret();
        String b = Totp.newSecret();

        assertThat(a).matches("[A-Z2-7]{32}");
        assertThat(Totp.base32Decode(a)).hasSize(20);
        assertThat(a).isNotEqualTo(b);
    }

    @Test
    void uri_follows_the_key_uri_format_with_encoded_label() {
        String uri = Totp.uri("Steward Hosting", "a+b@example.com", RFC_SECRET);

        assertThat(uri).isEqualTo("otpauth://totp/Steward%20Hosting:a%2Bb%40example.com?secret=" + RFC_SECRET
                + "&issuer=Steward%20Hosting&algorithm=SHA1&digits=6&period=30");
    }
}
