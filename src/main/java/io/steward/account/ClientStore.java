package io.steward.account;

import static org.jooq.impl.DSL.field;
import static org.jooq.impl.DSL.name;
import static org.jooq.impl.DSL.table;

import io.steward.db.Db;
import java.time.LocalDateTime;
import java.util.List;
import java.util.Optional;
import org.jooq.Condition;
import org.jooq.Field;
import org.jooq.Record;
import org.jooq.Table;
import org.jooq.impl.DSL;

/** The {@code client} table. */
final class ClientStore {
    static final Table<Record> T = table(name("client"));
    static final Field<Long> ID = field(name("id"), Long.class);
    static final Field<String> STATUS = field(name("status"), String.class);
    static final Field<String> NOTES = field(name("notes"), String.class);
    static final Field<LocalDateTime> CREATED_AT = field(name("created_at"), LocalDateTime.class);
    static final Field<LocalDateTime> UPDATED_AT = field(name("updated_at"), LocalDateTime.class);
    static final Field<LocalDateTime> LASTLOGIN_AT = field(name("lastlogin_at"), LocalDateTime.class);
    static final Field<String> LASTLOGIN_IP = field(name("lastlogin_ip"), String.class);
    static final Field<String> LASTLOGIN_HOST = field(name("lastlogin_host"), String.class);
    static final Field<String> CURRENCY = field(name("currency"), String.class);
    static final Field<Boolean> TAX_EXEMPT = field(name("tax_exempt"), Boolean.class);
    static final Field<String> VAT_NUMBER = field(name("vat_number"), String.class);
    static final Field<String> LANGUAGE = field(name("language"), String.class);

    /** Every column, selected explicitly: records are read by these fields, whatever case the database reports. */
    static final java.util.List<Field<?>> COLUMNS;

    static {
        var cols = new java.util.ArrayList<Field<?>>(java.util.List.of(ID, STATUS, NOTES, CREATED_AT, UPDATED_AT, LASTLOGIN_AT, LASTLOGIN_IP, LASTLOGIN_HOST,
                CURRENCY, TAX_EXEMPT, VAT_NUMBER, LANGUAGE));
        cols.addAll(java.util.List.of(ProfileColumns.ALL));
        COLUMNS = java.util.List.copyOf(cols);
    }

    private final Db db;
    private final io.steward.db.HotQuery byIdQuery;

    ClientStore(Db db) {
        this.db = db;
        this.byIdQuery = db.prepare(db.dsl().select(COLUMNS).from(T).where(ID.eq(DSL.param("id", Long.class))));
    }

    private static Client map(Record r) {
        return new Client(r.get(ID), ProfileColumns.read(r), r.get(STATUS), r.get(NOTES), r.get(CREATED_AT),
                r.get(UPDATED_AT), r.get(LASTLOGIN_AT), r.get(LASTLOGIN_IP), r.get(LASTLOGIN_HOST),
                new Client.Billing(r.get(CURRENCY), Boolean.TRUE.equals(r.get(TAX_EXEMPT)), r.get(VAT_NUMBER),
                        r.get(LANGUAGE)));
    }

    /** Ids of clients whose profile email is {@code email}, case-insensitively (for matching inbound mail). */
    List<Long> idsByEmail(String email) {
        return db.dsl().select(ID).from(T).where(DSL.lower(ProfileColumns.EMAIL).eq(email.trim().toLowerCase(java.util.Locale.ROOT)))
                .orderBy(ID).fetch(ID);
    }

    /** Every client-API request loads its account (status, then the details themselves): pre-rendered. */
    Optional<Client> byId(long id) {
        return byIdQuery.fetchOptional(ClientStore::map, id);
    }

    /** Locks the row: serialises concurrent changes to one account. */
    /** The clients among {@code ids} that exist, by id: one query per thousand ids. */
    java.util.Map<Long, Client> byIds(java.util.Collection<Long> ids) {
        var distinct = new java.util.ArrayList<>(new java.util.LinkedHashSet<>(ids));
        var out = new java.util.HashMap<Long, Client>(distinct.size() * 2);
        for (int from = 0; from < distinct.size(); from += 1000) {
            var chunk = distinct.subList(from, Math.min(distinct.size(), from + 1000));
            // PostgreSQL takes the ids as one array bind; a list of a thousand placeholders costs more to render than to run.
            db.dsl().select(COLUMNS).from(T).where(db.isPostgres() ? ID.eq(org.jooq.impl.DSL.any(chunk.toArray(Long[]::new))) : ID.in(chunk))
                    .forEach(r -> {
                        Client c = map(r);
                        out.put(c.id(), c);
                    });
        }
        return out;
    }

    Optional<Client> byIdForUpdate(long id) {
        return db.dsl().select(COLUMNS).from(T).where(ID.eq(id)).forUpdate().fetchOptional(ClientStore::map);
    }

    /** Ids of every account that is not closed, in id order. */
    java.util.List<Long> openIds() {
        return db.dsl().select(ID).from(T).where(STATUS.ne("Closed")).orderBy(ID.asc()).fetch(ID);
    }

    Optional<String> status(long id) {
        return db.dsl().select(STATUS).from(T).where(ID.eq(id)).fetchOptional(STATUS);
    }

    long insert(Profile p, Client.Billing b, String status, String notes, LocalDateTime now) {
        return db.dsl().insertInto(T).set(ProfileColumns.values(p)).set(STATUS, status).set(NOTES, notes)
                .set(CURRENCY, b.currency()).set(TAX_EXEMPT, b.taxExempt()).set(VAT_NUMBER, b.vatNumber())
                .set(LANGUAGE, b.language()).set(CREATED_AT, now).set(UPDATED_AT, now)
                .returningResult(ID).fetchOne().value1();
    }

    void update(long id, Profile p, LocalDateTime now) {
        db.dsl().update(T).set(ProfileColumns.values(p)).set(UPDATED_AT, now).where(ID.eq(id)).execute();
    }

    void updateBilling(long id, Client.Billing b, LocalDateTime now) {
        db.dsl().update(T).set(CURRENCY, b.currency()).set(TAX_EXEMPT, b.taxExempt()).set(VAT_NUMBER, b.vatNumber())
                .set(LANGUAGE, b.language()).set(UPDATED_AT, now).where(ID.eq(id)).execute();
    }

    void updateNotes(long id, String notes, LocalDateTime now) {
        db.dsl().update(T).set(NOTES, notes).set(UPDATED_AT, now).where(ID.eq(id)).execute();
    }

    void setStatus(long id, String status, LocalDateTime now) {
        db.dsl().update(T).set(STATUS, status).set(UPDATED_AT, now).where(ID.eq(id)).execute();
    }

    void stampLogin(long id, String ip, LocalDateTime now) {
        db.dsl().update(T).set(LASTLOGIN_AT, now).set(LASTLOGIN_IP, ip).set(LASTLOGIN_HOST, ip).where(ID.eq(id)).execute();
    }

    void delete(long id) {
        db.dsl().deleteFrom(T).where(ID.eq(id)).execute();
    }

    /** A page of clients matching {@code query} (email, names, company; case-insensitive) and status. */
    List<Client> search(String query, String status, int page, int perPage) {
        return db.dsl().select(COLUMNS).from(T).where(filter(query, status)).orderBy(ID.asc())
                .limit(perPage).offset((page - 1) * perPage).fetch(ClientStore::map);
    }

    int count(String query, String status) {
        return db.dsl().fetchCount(T, filter(query, status));
    }

    private static Condition filter(String query, String status) {
        Condition c = DSL.trueCondition();
        if (status != null) c = c.and(STATUS.eq(status));
        if (query != null && !query.isBlank()) {
            String like = Db.containing(query.trim().toLowerCase(java.util.Locale.ROOT));
            c = c.and(DSL.lower(ProfileColumns.EMAIL).like(like, '\\')
                    .or(DSL.lower(ProfileColumns.FIRSTNAME).like(like, '\\'))
                    .or(DSL.lower(ProfileColumns.LASTNAME).like(like, '\\'))
                    .or(DSL.lower(ProfileColumns.COMPANYNAME).like(like, '\\')));
        }
        return c;
    }
}
