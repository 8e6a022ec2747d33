package io.steward.auth;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;

import io.steward.core.StewardException;
import io.steward.core.Validation;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.params.ParameterizedTest;
import org.junit.jupiter.params.provider.ValueSource;

/** {@link Passwords}: argon2id hashing and the password policy, without a server. */
class PasswordsTest {
    // Light parameters keep the test fast; they are stored in each hash, as in production.
    private static final Passwords PASSWORDS = new Passwords(4096, 1, 1);

    @Test
    void a_hash_verifies_its_password() {
        String hash = PASSWORDS.hash("Secret-pass-1");

        assertThat(PASSWORDS.verify("Secret-pass-1", hash)).isTrue();
    }

    @Test
    void a_hash_does_not_verify_another_password() {
        String hash = PASSWORDS.hash("Secret-pass-1");

        assertThat(PASSWORDS.verify("Secret-pass-2", hash)).isFalse();
        assertThat(PASSWORDS.verify("secret-pass-1", hash)).isFalse();
        assertThat(PASSWORDS.verify("", hash)).isFalse();
    }

    @Test
    void hashes_are_argon2id_PHC_strings_carrying_their_parameters() {
        String hash = PASSWORDS.hash("Secret-pass-1");

        assertThat(hash).matches("\\$argon2id\\$v=19\\$m=4096,t=1,p=1\\$[A-Za-z0-9+/]+\\$[A-Za-z0-9+/]+");
        assertThat(hash).doesNotContain("Secret-pass-1");
    }

    @Test
    void two_hashes_of_the_same_password_differ_and_both_verify() {
        String a = PASSWORDS.hash("Secret-pass-1");
        String b = PASSWORDS.hash("Secret-pass-1");

        assertThat(a).isNotEqualTo(b);
        assertThat(PASSWORDS.verify("Secret-pass-1", a)).isTrue();
        assertThat(PASSWORDS.verify("Secret-pass-1", b)).isTrue();
    }

    @Test
    void a_hash_made_with_other_parameters_still_verifies() {
        String stronger = new Passwords(8192, 2, 1).hash("Secret-pass-1");

        assertThat(stronger).contains("m=8192,t=2,p=1");
        assertThat(PASSWORDS.verify("Secret-pass-1", stronger)).isTrue();
        assertThat(PASSWORDS.verify("Secret-pass-2", stronger)).isFalse();
    }

    @Test
    void a_missing_or_non_argon2_stored_value_never_verifies() {
        assertThat(PASSWORDS.verify("Secret-pass-1", null)).isFalse();
        assertThat(PASSWORDS.verify("Secret-pass-1", "")).isFalse();
        assertThat(PASSWORDS.verify("Secret-pass-1", "Secret-pass-1")).isFalse();
    }

    @Test
    void non_ascii_passwords_hash_and_verify() {
        String hash = PASSWORDS.hash("Pässwörd-ñ-1");

        assertThat(PASSWORDS.verify("Pässwörd-ñ-1", hash)).isTrue();
        assertThat(PASSWORDS.verify("Passwort-n-1", hash)).isFalse();
    }

    @ParameterizedTest
    @ValueSource(strings = {"Secret-pass-1", "abcdefg1", "longpassword!", "Äöü-ß-1234"})
    void the_policy_accepts_eight_or_more_characters_with_a_letter_and_a_non_letter(String password) {
        var v = new Validation();

        Passwords.check(password, "password", v);

        assertThat(v.hasErrors()).isFalse();
    }

    @ParameterizedTest
    @ValueSource(strings = {"", "Ab-1", "Short-1"})
    void the_policy_rejects_fewer_than_eight_characters(String password) {
        assertThat(messages(password)).contains("Password must be at least 8 characters long");
    }

    @Test
    void the_policy_rejects_more_than_200_characters() {
        assertThat(messages("a1".repeat(100))).isNull();
        assertThat(messages("a1".repeat(100) + "x")).contains("Password must be at most 200 characters long");
    }

    @ParameterizedTest
    @ValueSource(strings = {"onlyletters", "12345678", "--------"})
    void the_policy_rejects_passwords_without_both_letters_and_non_letters(String password) {
        assertThat(messages(password)).contains("letters and at least one digit or symbol");
    }

    @Test
    void the_policy_reports_under_the_given_field_name() {
        var v = new Validation();
        Passwords.check("short", "new_password", v);

        assertThatThrownBy(v::throwIfAny).isInstanceOfSatisfying(StewardException.class,
                e -> assertThat(e.fields()).containsOnlyKeys("new_password"));
    }

    /** The policy's message for {@code password}, or null if it passes. */
    private static String messages(String password) {
        var v = new Validation();
        Passwords.check(password, "password", v);
        if (!v.hasErrors()) return null;
        try {
            v.throwIfAny();
            throw new AssertionError("unreachable");
        } catch (StewardException e) {
            return String.join("; ", e.fields().get("password"));
        }
    }
}
