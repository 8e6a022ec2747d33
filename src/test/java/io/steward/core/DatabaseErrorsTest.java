package io.steward.core;

import static org.assertj.core.api.Assertions.assertThat;

import java.sql.SQLException;
import org.jooq.exception.DataAccessException;
import org.junit.jupiter.api.Test;

/** Which database refusals are the caller's doing, and what the caller is told. */
class DatabaseErrorsTest {
    private static RuntimeException failure(String message, String state) {
        return new DataAccessException("SQL [insert ...]; " + message, new SQLException(message, state));
    }

    @Test
    void a_lost_race_on_the_login_email_is_a_409_naming_the_email_field_on_both_databases() {
        // PostgreSQL names the constraint; H2 names its index, which begins with the constraint's name.
        for (String message : new String[] {
                "ERROR: duplicate key value violates unique constraint \"login_email_uq\"\n  Detail: Key (email)=(a@example.com) already exists.",
                "Unique index or primary key violation: \"PUBLIC.LOGIN_EMAIL_UQ_INDEX_4 ON PUBLIC.LOGIN(EMAIL NULLS FIRST) VALUES ( /* 1 */ 'a@example.com' )\""}) {
            StewardException e = DatabaseErrors.translate(failure(message, "23505"));
            assertThat(e.code()).isEqualTo(ErrorCode.CONFLICT);
            assertThat(e.messages()).containsExactly("Email address is already in use");
            assertThat(e.fields()).containsOnlyKeys("email");
        }
    }

    @Test
    void an_unknown_unique_key_is_a_generic_conflict_that_repeats_nothing_of_the_database_message() {
        StewardException e = DatabaseErrors.translate(failure("duplicate key value violates unique constraint \"secret_thing_uq\" (x)=(hidden)", "23505"));
        assertThat(e.code()).isEqualTo(ErrorCode.CONFLICT);
        assertThat(String.join(" ", e.messages())).doesNotContain("secret").doesNotContain("hidden");
        assertThat(e.fields()).isEmpty();
    }

    @Test
    void data_exceptions_are_422_and_nul_characters_400_but_connectivity_and_other_failures_stay_internal() {
        assertThat(DatabaseErrors.translate(failure("value too long for type character varying(100)", "22001")).code()).isEqualTo(ErrorCode.UNPROCESSABLE);
        assertThat(DatabaseErrors.translate(failure("numeric field overflow", "22003")).code()).isEqualTo(ErrorCode.UNPROCESSABLE);
        assertThat(DatabaseErrors.translate(failure("invalid byte sequence for encoding \"UTF8\": 0x00", "22021")).code()).isEqualTo(ErrorCode.BAD_REQUEST);
        assertThat(DatabaseErrors.translate(failure("could not serialize access", "40001")).code()).isEqualTo(ErrorCode.CONFLICT);
        assertThat(DatabaseErrors.translate(failure("connection refused", "08001"))).isNull();
        assertThat(DatabaseErrors.translate(failure("syntax error", "42601"))).isNull();
        assertThat(DatabaseErrors.translate(new IllegalStateException("no SQL here"))).isNull();
    }
}
