package io.steward.jobs;

import static org.assertj.core.api.Assertions.assertThat;

import io.steward.config.Config;
import io.steward.db.Db;
import io.steward.support.TestDatabase;
import java.nio.file.Files;
import java.nio.file.Path;
import java.time.LocalDateTime;
import java.util.List;
import java.util.Map;
import org.flywaydb.core.Flyway;
import org.flywaydb.core.api.MigrationVersion;
import org.junit.jupiter.api.Test;

/** Upgrading to V22 moves every row of the four old queues into the job table, then drops the old tables and columns. */
class JobMigrationTest {
    private static final LocalDateTime T0 = LocalDateTime.of(2026, 11, 3, 10, 0, 0);

    @Test
    void pending_and_dead_rows_of_the_old_queues_become_jobs_with_their_state_and_the_old_tables_are_gone() throws Exception {
        Path dataDir = Files.createTempDirectory("steward-v22");
        TestDatabase database = TestDatabase.create();
        try (Db db = Db.open(database.configure(Config.empty(), dataDir), dataDir)) {
            Flyway.configure().dataSource(db.pool()).locations("classpath:db/migration").target(MigrationVersion.fromVersion("21"))
                    .load().migrate();
            var sql = db.dsl();
            sql.execute("INSERT INTO client (id, email, created_at, updated_at) VALUES (901, 'old@example.com', ?, ?)", T0, T0);
            sql.execute("INSERT INTO service (id, client_id, billing_cycle, currency, registered_on, module, created_at, updated_at)"
                    + " VALUES (701, 901, 'm', 'USD', ?, 'recording', ?, ?)", T0.toLocalDate(), T0, T0);
            // A service's jobs: a dead create (with its dedupe key) and a suspension queued behind it.
            sql.execute("INSERT INTO provisioning_job (service_id, action, status, params, dedupe_key, attempts, max_attempts,"
                    + " next_attempt_at, last_error, created_at, updated_at, finished_at) VALUES (701, 'create', 'dead', '{}',"
                    + " 'create:701', 5, 5, ?, 'platform down', ?, ?, ?)", T0, T0, T0, T0);
            sql.execute("INSERT INTO provisioning_job (service_id, action, status, params, attempts, max_attempts, next_attempt_at,"
                    + " created_at, updated_at) VALUES (701, 'suspend', 'queued', '{\"reason\":\"overdue\"}', 0, 5, ?, ?, ?)",
                    T0.plusMinutes(1), T0, T0);
            sql.execute("INSERT INTO tld (id, name, registrar, created_at, updated_at) VALUES (801, 'example', 'sandbox', ?, ?)", T0, T0);
            sql.execute("INSERT INTO domain (id, client_id, tld_id, name, status, order_action, period, currency, first_payment,"
                    + " recurring_amount, date_created, registrar, created_at, updated_at) VALUES (601, 901, 801, 'old.example',"
                    + " 'Pending', 'register', 1, 'USD', 10, 10, ?, 'sandbox', ?, ?)", T0.toLocalDate(), T0, T0);
            sql.execute("INSERT INTO domain_job (domain_id, action, status, params, dedupe_key, attempts, max_attempts, next_attempt_at,"
                    + " last_error, created_at, updated_at) VALUES (601, 'register', 'failed', '{\"years\":1}', 'domain:601:register', 2, 5,"
                    + " ?, 'registry busy', ?, ?)", T0.plusMinutes(2), T0, T0);
            sql.execute("INSERT INTO mail_outbox (id, recipient, template, language, subject, body_text, body_html, status, attempts,"
                    + " max_attempts, next_attempt_at, last_error, created_at, updated_at) VALUES (501, 'a@example.com', 'broadcast', 'en',"
                    + " 'S', 't', 'h', 'failed', 1, 8, ?, 'connection refused', ?, ?)", T0.plusMinutes(3), T0, T0);
            sql.execute("INSERT INTO mail_outbox (id, recipient, template, language, subject, body_text, body_html, status, attempts,"
                    + " max_attempts, next_attempt_at, created_at, updated_at, sent_at, message_id) VALUES (502, 'b@example.com',"
                    + " 'broadcast', 'en', 'S', 't', 'h', 'sent', 1, 8, ?, ?, ?, ?, '<m@x>')", T0, T0, T0, T0);
            sql.execute("INSERT INTO mail_outbox (id, recipient, template, language, subject, body_text, body_html, status, attempts,"
                    + " max_attempts, next_attempt_at, claimed_by, claimed_at, created_at, updated_at) VALUES (503, 'c@example.com',"
                    + " 'broadcast', 'en', 'S', 't', 'h', 'sending', 0, 8, ?, 'gone/x', ?, ?, ?)", T0, T0, T0, T0);
            sql.execute("INSERT INTO invoice_issued_event (invoice_ids, created_at, attempts, next_attempt_at, last_error)"
                    + " VALUES ('11,12,13', ?, 2, ?, 'listener failed')", T0, T0.plusMinutes(4));

            db.migrate();

            var jobs = sql.fetch("SELECT kind, subject, action, status, payload, dedupe_key, idempotency_key, attempts, max_attempts,"
                    + " next_attempt_at, claimed_by, last_error FROM job ORDER BY id");
            assertThat(jobs).hasSize(7);
            // Column names as written (H2 answers unquoted names in upper case).
            List<Map<String, Object>> rows = jobs.stream().map(r -> {
                var m = new java.util.LinkedHashMap<String, Object>();
                r.intoMap().forEach((k, v) -> m.put(k.toLowerCase(java.util.Locale.ROOT),
                        v instanceof java.sql.Timestamp t ? t.toLocalDateTime() : v));
                return (Map<String, Object>) m;
            }).toList();
            Map<String, Object> create = find(rows, "provisioning", "create");
            assertThat(create).containsEntry("subject", "701").containsEntry("status", "dead").containsEntry("dedupe_key", "create:701")
                    .containsEntry("last_error", "platform down");
            assertThat(((Number) create.get("attempts")).intValue()).isEqualTo(5);
            Map<String, Object> suspend = find(rows, "provisioning", "suspend");
            assertThat(suspend).containsEntry("status", "queued").containsEntry("payload", "{\"reason\":\"overdue\"}");
            assertThat((LocalDateTime) suspend.get("next_attempt_at")).isEqualTo(T0.plusMinutes(1));
            assertThat(rows.indexOf(create)).as("a service's jobs keep their order").isLessThan(rows.indexOf(suspend));

            Map<String, Object> register = find(rows, "domain", "register");
            assertThat(register).containsEntry("subject", "601").containsEntry("status", "failed")
                    .containsEntry("dedupe_key", "domain:601:register").containsEntry("last_error", "registry busy");
            assertThat(((Number) register.get("attempts")).intValue()).isEqualTo(2);
            assertThat((LocalDateTime) register.get("next_attempt_at")).isEqualTo(T0.plusMinutes(2));

            var mails = rows.stream().filter(r -> r.get("kind").equals("mail")).toList();
            assertThat(mails).extracting(r -> r.get("subject") + "=" + r.get("status")).containsExactly("501=failed", "502=done", "503=running");
            assertThat(mails.get(0)).containsEntry("last_error", "connection refused");
            assertThat(((Number) mails.get(0).get("max_attempts")).intValue()).isEqualTo(8);
            assertThat(mails.get(2)).as("a mail being sent stays claimed, recovered after the timeout").containsEntry("claimed_by", "gone/x");
            assertThat(sql.fetchValue("SELECT status FROM mail_outbox WHERE id = 503")).isEqualTo("queued");
            assertThat(sql.fetchValue("SELECT message_id FROM mail_outbox WHERE id = 502")).isEqualTo("<m@x>");

            Map<String, Object> issued = find(rows, "billing.invoices-issued", "notify");
            assertThat(issued).containsEntry("status", "failed").containsEntry("last_error", "listener failed")
                    .containsEntry("payload", "{\"invoice_ids\":[11,12,13]}");
            assertThat((LocalDateTime) issued.get("next_attempt_at")).isEqualTo(T0.plusMinutes(4));

            assertThat(rows).extracting(r -> r.get("idempotency_key")).doesNotContainNull().doesNotHaveDuplicates();

            for (String gone : List.of("provisioning_job", "domain_job", "invoice_issued_event")) {
                assertThat(tableExists(db, gone)).as(gone).isFalse();
            }
            assertThat(sql.fetchCount(sql.select().from("job").where("kind = 'provisioning'"))).isEqualTo(2);
        } finally {
            database.drop();
        }
    }

    private static Map<String, Object> find(List<Map<String, Object>> rows, String kind, String action) {
        return rows.stream().filter(r -> r.get("kind").equals(kind) && r.get("action").equals(action)).findFirst().orElseThrow();
    }

    private static boolean tableExists(Db db, String table) {
        return db.dsl().fetchCount(db.dsl().select().from("information_schema.tables")
                .where("lower(table_name) = ?", table).and("lower(table_schema) = lower(current_schema())")) > 0;
    }
}
