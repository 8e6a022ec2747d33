package io.steward.licence;

import static org.jooq.impl.DSL.field;
import static org.jooq.impl.DSL.name;
import static org.jooq.impl.DSL.table;

import io.steward.core.Secrets;
import io.steward.core.StewardException;
import io.steward.core.Times;
import io.steward.db.Db;
import io.steward.modules.ModuleContext;
import io.steward.modules.ModuleFactory;
import io.steward.modules.ModuleKind;
import io.steward.modules.ModuleSettings;
import java.time.Clock;
import java.time.LocalDateTime;
import java.util.Locale;
import java.util.Set;
import org.jooq.Field;
import org.jooq.Record;
import org.jooq.Table;

/**
 * The sandbox licence issuer (module kind {@code licence}, id {@value #ID}): the vendor's side kept
 * in Steward's database ({@code licence_sandbox_key}); keys look like {@code SBX-XXXX-XXXX-XXXX-XXXX}.
 * Nothing reaches a vendor; staff see the module labelled sandbox.
 */
public final class SandboxLicenceIssuer implements ModuleFactory<LicenceIssuer> {
    public static final String ID = "sandbox";
    private static final Table<Record> K = table(name("licence_sandbox_key"));
    private static final Field<String> KEY = field(name("licence_key"), String.class);
    private static final Field<String> VENDOR = field(name("vendor"), String.class);
    private static final Field<String> BOUND = field(name("bound_to"), String.class);
    private static final Field<String> STATUS = field(name("status"), String.class);
    private static final Field<String> IDEM = field(name("idempotency_key"), String.class);
    private static final Field<LocalDateTime> CREATED = field(name("created_at"), LocalDateTime.class);
    private static final Field<LocalDateTime> UPDATED = field(name("updated_at"), LocalDateTime.class);

    private Db db;
    private Clock clock;

    @Override public String id() { return ID; }

    @Override public ModuleKind kind() { return ModuleKind.LICENCE; }

    @Override public String label() { return "Sandbox licence issuer (no real licences)"; }

    @Override public boolean sandbox() { return true; }

    @Override public Set<String> capabilities() { return Set.of("issue", "suspend", "reissue", "terminate"); }

    @Override
    public void init(ModuleContext context) {
        this.db = context.db();
        this.clock = context.clock();
    }

    @Override
    public LicenceIssuer create(ModuleSettings settings) {
        if (db == null) throw new IllegalStateException("sandbox licence issuer used before init");
        return new Issuer();
    }

    private final class Issuer implements LicenceIssuer {
        private String newKey() {
            String raw = Secrets.randomToken(16).toUpperCase(Locale.ROOT).replaceAll("[^A-Z0-9]", "X");
            return "SBX-" + raw.substring(0, 4) + "-" + raw.substring(4, 8) + "-" + raw.substring(8, 12) + "-" + raw.substring(12, 16);
        }

        @Override
        public String issue(String vendor, String boundTo, String idempotencyKey) {
            return db.tx(() -> {
                var existing = db.dsl().select(KEY).from(K).where(IDEM.eq(idempotencyKey)).fetchOptional(KEY);
                if (existing.isPresent()) return existing.get();
                String key = newKey();
                var now = Times.now(clock);
                db.dsl().insertInto(K).set(KEY, key).set(VENDOR, vendor).set(BOUND, boundTo).set(STATUS, "active").set(IDEM, idempotencyKey)
                        .set(CREATED, now).set(UPDATED, now).execute();
                return key;
            });
        }

        private void set(String key, String status) {
            db.txRun(() -> {
                if (db.dsl().update(K).set(STATUS, status).set(UPDATED, Times.now(clock)).where(KEY.eq(key)).execute() == 0) {
                    throw StewardException.notFound("Unknown licence key");
                }
            });
        }

        @Override public void suspend(String key) { set(key, "suspended"); }

        @Override public void unsuspend(String key) { set(key, "active"); }

        @Override public void terminate(String key) { set(key, "terminated"); }

        @Override
        public String reissue(String key, String boundTo) {
            return db.tx(() -> {
                var done = db.dsl().select(KEY).from(K).where(IDEM.eq("reissue:" + key)).fetchOptional(KEY);
                if (done.isPresent()) return done.get();
                var old = db.dsl().select(VENDOR, STATUS).from(K).where(KEY.eq(key)).fetchOptional().orElseThrow(() -> StewardException.notFound("Unknown licence key"));
                set(key, "replaced");
                String next = newKey();
                var now = Times.now(clock);
                db.dsl().insertInto(K).set(KEY, next).set(VENDOR, old.get(VENDOR)).set(BOUND, boundTo).set(STATUS, "active")
                        .set(IDEM, "reissue:" + key).set(CREATED, now).set(UPDATED, now).execute();
                return next;
            });
        }
    }
}
