package io.steward.billing.document;

import static org.jooq.impl.DSL.field;
import static org.jooq.impl.DSL.name;
import static org.jooq.impl.DSL.table;

import io.steward.core.Times;
import io.steward.core.Validation;
import io.steward.db.Db;
import java.time.Clock;
import java.time.LocalDateTime;
import java.util.List;
import org.jooq.Field;
import org.jooq.Record;
import org.jooq.Table;

/**
 * The seller profile ({@code seller_profile}): its versions, the one in force now and the one in
 * force when a document was issued. Staff change it through the admin API; every change is a new
 * version, so documents already issued keep the seller they were issued by.
 */
public final class SellerProfiles {
    /** Where the first version starts: before any document, so every document has a seller. */
    static final LocalDateTime BEGINNING = LocalDateTime.of(1970, 1, 1, 0, 0);
    /** How long a node trusts its copy of the current version when another node may have changed it. */
    private static final long CACHE_NANOS = 5_000_000_000L;

    private static final Table<Record> T = table(name("seller_profile"));
    private static final Field<Long> ID = field(name("id"), Long.class);
    private static final Field<LocalDateTime> VALID_FROM = field(name("valid_from"), LocalDateTime.class);
    private static final Field<String> LEGAL_NAME = field(name("legal_name"), String.class);
    private static final Field<String> ADDRESS1 = field(name("address1"), String.class);
    private static final Field<String> ADDRESS2 = field(name("address2"), String.class);
    private static final Field<String> POSTCODE = field(name("postcode"), String.class);
    private static final Field<String> CITY = field(name("city"), String.class);
    private static final Field<String> COUNTRY = field(name("country"), String.class);
    private static final Field<String> VAT_NUMBER = field(name("vat_number"), String.class);
    private static final Field<String> REGISTRATION_NUMBER = field(name("registration_number"), String.class);
    private static final Field<String> REGISTER = field(name("register"), String.class);
    private static final Field<String> IBAN = field(name("iban"), String.class);
    private static final Field<String> BIC = field(name("bic"), String.class);
    private static final Field<String> BANK_NAME = field(name("bank_name"), String.class);
    private static final Field<String> EMAIL = field(name("email"), String.class);
    private static final Field<String> PHONE = field(name("phone"), String.class);
    private static final Field<String> PEPPOL_ID = field(name("peppol_id"), String.class);
    private static final Field<String> PEPPOL_SCHEME = field(name("peppol_scheme"), String.class);
    private static final Field<String> CHANGED_BY = field(name("changed_by"), String.class);
    private static final Field<LocalDateTime> CREATED_AT = field(name("created_at"), LocalDateTime.class);
    private static final List<Field<?>> COLUMNS = List.of(ID, VALID_FROM, LEGAL_NAME, ADDRESS1, ADDRESS2, POSTCODE, CITY, COUNTRY,
            VAT_NUMBER, REGISTRATION_NUMBER, REGISTER, IBAN, BIC, BANK_NAME, EMAIL, PHONE, PEPPOL_ID, PEPPOL_SCHEME);

    private record Cached(SellerProfile profile, long readAt) {}

    private final Db db;
    private final Clock clock;
    private volatile Cached cached;

    public SellerProfiles(Db db, Clock clock) {
        this.db = db;
        this.clock = clock;
    }

    /**
     * Writes the first version when there is none: {@code initial} (from the configuration), valid
     * from the beginning. Nothing happens once a profile exists.
     */
    public void seed(SellerProfile initial) {
        db.txRun(() -> {
            if (db.dsl().fetchExists(T)) return;
            insert(initial, BEGINNING, "config");
        });
    }

    /**
     * The demo seller (a Dutch B.V. with a VAT number, a registration, a bank account and a Peppol
     * id), set once while the profile is still the one written from the configuration.
     */
    public void loadDemo() {
        db.txRun(() -> {
            if (db.dsl().fetchCount(T) != 1 || !"config".equals(db.dsl().select(CHANGED_BY).from(T).fetchOne(CHANGED_BY))) return;
            update(new SellerProfileInput("Steward Hosting B.V.", "Herengracht 100", "", "1015 BS", "Amsterdam", "NL",
                    "NL123456789B01", "12345678", "Kamer van Koophandel", "NL91ABNA0417164300", "ABNANL2A", "ABN AMRO",
                    "billing@steward.example", "+31 20 123 4567", "12345678", "0106"), "demo");
        });
    }

    /** The version in force now. */
    public SellerProfile current() {
        return db.tx(() -> db.dsl().select(COLUMNS).from(T).orderBy(VALID_FROM.desc(), ID.desc()).limit(1)
                .fetchOptional(SellerProfiles::map)).orElseThrow(() -> new IllegalStateException("no seller profile: seed() runs at start-up"));
    }

    /** The version in force at {@code issuedAt}: what a document issued then shows. */
    public SellerProfile at(LocalDateTime issuedAt) {
        return db.tx(() -> db.dsl().select(COLUMNS).from(T).where(VALID_FROM.le(issuedAt)).orderBy(VALID_FROM.desc(), ID.desc())
                .limit(1).fetchOptional(SellerProfiles::map)).orElseGet(this::first);
    }

    private SellerProfile first() {
        return db.dsl().select(COLUMNS).from(T).orderBy(VALID_FROM, ID).limit(1).fetchOptional(SellerProfiles::map)
                .orElseThrow(() -> new IllegalStateException("no seller profile: seed() runs at start-up"));
    }

    /** Every version, newest first. */
    public List<SellerProfile> history() {
        return db.tx(() -> db.dsl().select(COLUMNS).from(T).orderBy(VALID_FROM.desc(), ID.desc()).fetch(SellerProfiles::map));
    }

    /**
     * The seller's country (the tax country), read at most every few seconds: tax is computed for
     * every invoice, and a change on another node is seen within that time.
     */
    public String country() {
        Cached c = cached;
        if (c == null || System.nanoTime() - c.readAt() > CACHE_NANOS) {
            c = new Cached(current(), System.nanoTime());
            cached = c;
        }
        return c.profile().country();
    }

    /** Applies a change as a new version valid from now; field errors are a 422. */
    public SellerProfile update(SellerProfileInput input, String by) {
        SellerProfile saved = db.tx(() -> {
            SellerProfile base = current();
            var v = new Validation();
            SellerProfile next = input.applyTo(base, v);
            v.throwIfAny();
            if (same(base, next)) return base;
            LocalDateTime now = Times.now(clock);
            // Versions are ordered by validity: one never starts before the one it replaces.
            return byId(insert(next, now.isBefore(base.validFrom()) ? base.validFrom() : now, by));
        });
        cached = new Cached(saved, System.nanoTime());
        return saved;
    }

    private static boolean same(SellerProfile a, SellerProfile b) {
        return a.equals(new SellerProfile(a.id(), a.validFrom(), b.legalName(), b.address1(), b.address2(), b.postcode(), b.city(),
                b.country(), b.vatNumber(), b.registrationNumber(), b.register(), b.iban(), b.bic(), b.bankName(), b.email(), b.phone(),
                b.peppolId(), b.peppolScheme()));
    }

    private SellerProfile byId(long id) {
        return db.dsl().select(COLUMNS).from(T).where(ID.eq(id)).fetchOne(SellerProfiles::map);
    }

    private long insert(SellerProfile p, LocalDateTime validFrom, String by) {
        return db.dsl().insertInto(T).set(VALID_FROM, validFrom).set(LEGAL_NAME, p.legalName()).set(ADDRESS1, p.address1())
                .set(ADDRESS2, p.address2()).set(POSTCODE, p.postcode()).set(CITY, p.city()).set(COUNTRY, p.country())
                .set(VAT_NUMBER, p.vatNumber()).set(REGISTRATION_NUMBER, p.registrationNumber()).set(REGISTER, p.register())
                .set(IBAN, p.iban()).set(BIC, p.bic()).set(BANK_NAME, p.bankName()).set(EMAIL, p.email()).set(PHONE, p.phone())
                .set(PEPPOL_ID, p.peppolId()).set(PEPPOL_SCHEME, p.peppolScheme()).set(CHANGED_BY, by)
                .set(CREATED_AT, Times.now(clock)).returningResult(ID).fetchOne().value1();
    }

    private static SellerProfile map(Record r) {
        return new SellerProfile(r.get(ID), r.get(VALID_FROM), r.get(LEGAL_NAME), r.get(ADDRESS1), r.get(ADDRESS2), r.get(POSTCODE),
                r.get(CITY), r.get(COUNTRY), r.get(VAT_NUMBER), r.get(REGISTRATION_NUMBER), r.get(REGISTER), r.get(IBAN), r.get(BIC),
                r.get(BANK_NAME), r.get(EMAIL), r.get(PHONE), r.get(PEPPOL_ID), r.get(PEPPOL_SCHEME));
    }

    /** An empty profile of {@code legalName} in {@code country}: the start of the configured one. */
    public static SellerProfile named(String legalName, String country) {
        return new SellerProfile(0, BEGINNING, legalName, "", "", "", "", country, "", "", "", "", "", "", "", "", "", "");
    }
}
