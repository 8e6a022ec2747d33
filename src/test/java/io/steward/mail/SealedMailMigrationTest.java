package io.steward.mail;

import static org.assertj.core.api.Assertions.assertThat;

import io.steward.config.Config;
import io.steward.db.Db;
import io.steward.support.TestDatabase;
import java.nio.file.Files;
import java.nio.file.Path;
import java.time.LocalDateTime;
import java.util.Map;
import org.flywaydb.core.Flyway;
import org.flywaydb.core.api.MigrationVersion;
import org.jooq.Record;
import org.junit.jupiter.api.Test;

/** Upgrading a database whose outbox holds reset tokens in clear (V17) redacts them and stops the unsent ones. */
class SealedMailMigrationTest {
    private static final String TOKEN = "Qx7r0_old-token-in-clear-from-before-v17-abcdEF";

    // The outbox's retry columns of those versions (V22 moved them to the mail's job).
    private static final org.jooq.Field<Integer> ATTEMPTS = org.jooq.impl.DSL.field(org.jooq.impl.DSL.name("attempts"), Integer.class);
    private static final org.jooq.Field<Integer> MAX_ATTEMPTS = org.jooq.impl.DSL.field(org.jooq.impl.DSL.name("max_attempts"), Integer.class);
    private static final org.jooq.Field<LocalDateTime> NEXT_ATTEMPT_AT =
            org.jooq.impl.DSL.field(org.jooq.impl.DSL.name("next_attempt_at"), LocalDateTime.class);
    private static final org.jooq.Field<String> LAST_ERROR = org.jooq.impl.DSL.field(org.jooq.impl.DSL.name("last_error"), String.class);

    private static long insert(Db db, String template, String status, Templates.Rendered r) {
        LocalDateTime now = LocalDateTime.now();
        return db.dsl().insertInto(MailStore.T).set(MailStore.RECIPIENT, "old@example.com").set(MailStore.TEMPLATE, template)
                .set(MailStore.LANGUAGE, r.language()).set(MailStore.SUBJECT, r.subject()).set(MailStore.BODY_TEXT, r.text())
                .set(MailStore.BODY_HTML, r.html()).set(MailStore.STATUS, status).set(ATTEMPTS, 0)
                .set(MAX_ATTEMPTS, 5).set(NEXT_ATTEMPT_AT, now).set(MailStore.CREATED_AT, now)
                .set(MailStore.UPDATED_AT, now).returningResult(MailStore.ID).fetchOne().value1();
    }

    private static Record row(Db db, long id) {
        return db.dsl().select(MailStore.BODY_TEXT, MailStore.BODY_HTML, MailStore.STATUS, MailStore.SEALED, LAST_ERROR)
                .from(MailStore.T).where(MailStore.ID.eq(id)).fetchOne();
    }

    @Test
    void reset_tokens_stored_in_clear_before_v17_are_redacted_and_unsent_reset_mails_are_stopped() throws Exception {
        Path dataDir = Files.createTempDirectory("steward-v17");
        TestDatabase database = TestDatabase.create();
        try (Db db = Db.open(database.configure(Config.empty(), dataDir), dataDir)) {
            Flyway.configure().dataSource(db.pool()).locations("classpath:db/migration").target(MigrationVersion.fromVersion("15"))
                    .load().migrate();
            var templates = new Templates("mail", "en");
            var rendered = templates.render("password.reset", "en", Map.of("token", TOKEN, "expires_minutes", 60, "name", "Old",
                    "email", "old@example.com"));
            // Mails stored before V17 had the token only as "Token: ..." (the web page's link came later,
            // and is sealed at write time like the rest): take the link out to store such a mail.
            String link = "/password/reset/confirm?token=" + TOKEN;
            var reset = new Templates.Rendered(rendered.language(), rendered.subject(),
                    rendered.text().replace(link, "/password/reset/confirm"), rendered.html().replace(link, "/password/reset/confirm"));
            assertThat(reset.text()).contains(TOKEN);
            assertThat(reset.html()).contains(TOKEN);
            long sent = insert(db, "password.reset", "sent", reset);
            long queued = insert(db, "password.reset", "queued", reset);
            var invoice = templates.render("invoice.issued", "en", Map.of("number", "2026/1/1", "total", "1.00", "currency", "USD"));
            long other = insert(db, "invoice.issued", "queued", invoice);

            // Up to V17 only: later versions move the outbox's retry state to the job engine (see JobMigrationTest).
            Flyway.configure().dataSource(db.pool()).locations("classpath:db/migration").target(MigrationVersion.fromVersion("17"))
                    .load().migrate();

            for (long id : new long[] {sent, queued}) {
                Record r = row(db, id);
                assertThat(r.get(MailStore.BODY_TEXT)).doesNotContain(TOKEN).contains("Token: [sealed]");
                assertThat(r.get(MailStore.BODY_HTML)).doesNotContain(TOKEN).contains("<code>[sealed]</code>");
                assertThat(r.get(MailStore.SEALED)).isTrue();
            }
            assertThat(row(db, sent).get(MailStore.STATUS)).isEqualTo("sent");
            assertThat(row(db, queued).get(MailStore.STATUS)).isEqualTo("dead");
            assertThat(row(db, queued).get(LAST_ERROR)).contains("new password reset");
            Record untouched = row(db, other);
            assertThat(untouched.get(MailStore.STATUS)).isEqualTo("queued");
            assertThat(untouched.get(MailStore.SEALED)).isFalse();
            assertThat(untouched.get(MailStore.BODY_TEXT)).isEqualTo(invoice.text());
        } finally {
            database.drop();
        }
    }
}
