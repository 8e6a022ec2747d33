package io.steward.promo;

import static org.jooq.impl.DSL.field;
import static org.jooq.impl.DSL.name;
import static org.jooq.impl.DSL.table;

import io.steward.db.Db;
import java.math.BigDecimal;
import java.time.LocalDate;
import java.time.LocalDateTime;
import java.util.Arrays;
import java.util.HashMap;
import java.util.HashSet;
import java.util.List;
import java.util.Locale;
import java.util.Map;
import java.util.Optional;
import java.util.Set;
import java.util.stream.Collectors;
import org.jooq.Condition;
import org.jooq.Field;
import org.jooq.Record;
import org.jooq.Table;

/** The {@code promo_code} and {@code promo_code_product} tables. */
final class PromoStore {
    static final Table<Record> T = table(name("promo_code"));
    static final Field<Long> ID = field(name("id"), Long.class);
    static final Field<String> CODE = field(name("code"), String.class);
    static final Field<String> CODE_KEY = field(name("code_key"), String.class);
    static final Field<String> TYPE = field(name("discount_type"), String.class);
    static final Field<BigDecimal> VALUE = field(name("discount_value"), BigDecimal.class);
    static final Field<String> CURRENCY = field(name("currency"), String.class);
    static final Field<Boolean> RECURRING = field(name("recurring"), Boolean.class);
    static final Field<String> CYCLES = field(name("cycles"), String.class);
    static final Field<Integer> MAX_USES = field(name("max_uses"), Integer.class);
    static final Field<Integer> USES = field(name("uses"), Integer.class);
    static final Field<LocalDate> STARTS_ON = field(name("starts_on"), LocalDate.class);
    static final Field<LocalDate> ENDS_ON = field(name("ends_on"), LocalDate.class);
    static final Field<Boolean> NEW_CLIENTS_ONLY = field(name("new_clients_only"), Boolean.class);
    static final Field<Boolean> ENABLED = field(name("enabled"), Boolean.class);
    static final Field<String> NOTES = field(name("notes"), String.class);
    static final Field<LocalDateTime> CREATED_AT = field(name("created_at"), LocalDateTime.class);
    static final Field<LocalDateTime> UPDATED_AT = field(name("updated_at"), LocalDateTime.class);
    static final Field<Long> AFFILIATE_ID = field(name("affiliate_id"), Long.class);
    private static final List<Field<?>> COLUMNS = List.of(ID, CODE, TYPE, VALUE, CURRENCY, RECURRING, CYCLES, MAX_USES, USES,
            STARTS_ON, ENDS_ON, NEW_CLIENTS_ONLY, ENABLED, NOTES, CREATED_AT, UPDATED_AT);

    static final Table<Record> P = table(name("promo_code_product"));
    static final Field<Long> P_PROMO = field(name("promo_id"), Long.class);
    static final Field<Long> P_PRODUCT = field(name("product_id"), Long.class);

    private final Db db;

    PromoStore(Db db) {
        this.db = db;
    }

    static String key(String code) {
        return code.toLowerCase(Locale.ROOT);
    }

    private static Promo map(Record r, Set<Long> products) {
        String cycles = r.get(CYCLES);
        return new Promo(r.get(ID), r.get(CODE), Promo.Type.valueOf(r.get(TYPE).toUpperCase(Locale.ROOT)), r.get(VALUE),
                r.get(CURRENCY), Boolean.TRUE.equals(r.get(RECURRING)), products,
                cycles.isEmpty() ? Set.of() : Set.copyOf(Arrays.asList(cycles.split(","))),
                r.get(MAX_USES), r.get(USES), r.get(STARTS_ON), r.get(ENDS_ON), Boolean.TRUE.equals(r.get(NEW_CLIENTS_ONLY)),
                Boolean.TRUE.equals(r.get(ENABLED)), r.get(NOTES), r.get(CREATED_AT), r.get(UPDATED_AT));
    }

    private List<Promo> fetch(Condition where) {
        var rows = db.dsl().select(COLUMNS).from(T).where(where).orderBy(CODE_KEY).fetch();
        if (rows.isEmpty()) return List.of();
        var ids = rows.stream().map(r -> r.get(ID)).toList();
        Map<Long, Set<Long>> products = new HashMap<>();
        db.dsl().select(P_PROMO, P_PRODUCT).from(P).where(P_PROMO.in(ids)).fetch()
                .forEach(r -> products.computeIfAbsent(r.get(P_PROMO), k -> new HashSet<>()).add(r.get(P_PRODUCT)));
        return rows.stream().map(r -> map(r, products.getOrDefault(r.get(ID), Set.of()))).toList();
    }

    List<Promo> search(String query, Boolean enabled) {
        Condition c = org.jooq.impl.DSL.trueCondition();
        if (enabled != null) c = c.and(ENABLED.eq(enabled));
        if (query != null && !query.isBlank()) {
            String like = Db.containing(key(query.strip()));
            c = c.and(CODE_KEY.like(like, '\\'));
        }
        return fetch(c);
    }

    Optional<Promo> byId(long id) {
        return fetch(ID.eq(id)).stream().findFirst();
    }

    Optional<Promo> byCode(String code) {
        return fetch(CODE_KEY.eq(key(code.strip()))).stream().findFirst();
    }

    Optional<Long> idOfCode(String code, long exceptId) {
        return db.dsl().select(ID).from(T).where(CODE_KEY.eq(key(code))).and(ID.ne(exceptId)).fetchOptional(ID);
    }

    private static Map<Field<?>, Object> values(Promo p) {
        var m = new java.util.LinkedHashMap<Field<?>, Object>();
        m.put(CODE, p.code());
        m.put(CODE_KEY, key(p.code()));
        m.put(TYPE, p.type().wire());
        m.put(VALUE, p.value());
        m.put(CURRENCY, p.currency());
        m.put(RECURRING, p.recurring());
        // Stored in the order of Promo.CYCLES, so equal sets are equal strings.
        m.put(CYCLES, Promo.CYCLES.stream().filter(p.cycles()::contains).collect(Collectors.joining(",")));
        m.put(MAX_USES, p.maxUses());
        m.put(STARTS_ON, p.startsOn());
        m.put(ENDS_ON, p.endsOn());
        m.put(NEW_CLIENTS_ONLY, p.newClientsOnly());
        m.put(ENABLED, p.enabled());
        m.put(NOTES, p.notes());
        return m;
    }

    long insert(Promo p, LocalDateTime now) {
        long id = db.dsl().insertInto(T).set(values(p)).set(USES, 0).set(CREATED_AT, now).set(UPDATED_AT, now)
                .returningResult(ID).fetchOne().value1();
        setProducts(id, p.productIds());
        return id;
    }

    void update(Promo p, LocalDateTime now) {
        db.dsl().update(T).set(values(p)).set(UPDATED_AT, now).where(ID.eq(p.id())).execute();
        db.dsl().deleteFrom(P).where(P_PROMO.eq(p.id())).execute();
        setProducts(p.id(), p.productIds());
    }

    private void setProducts(long id, Set<Long> products) {
        for (long product : products.stream().sorted().toList()) {
            db.dsl().insertInto(P).set(P_PROMO, id).set(P_PRODUCT, product).execute();
        }
    }

    /** Locks the row: serialises staff edits with redemptions. */
    void lock(long id) {
        db.dsl().select(ID).from(T).where(ID.eq(id)).forUpdate().fetchOptional();
    }

    /**
     * One more use, only while the code is enabled and below its maximum: the condition is
     * evaluated on the row as it is when the update gets its lock, so concurrent redemptions of
     * the last use cannot both succeed. Answers whether the use was counted.
     */
    boolean incrementUses(long id) {
        return db.dsl().update(T).set(USES, USES.plus(1))
                .where(ID.eq(id)).and(ENABLED.isTrue()).and(MAX_USES.isNull().or(USES.lt(MAX_USES)))
                .execute() == 1;
    }

    /** Gives back one use (never below zero). */
    boolean decrementUses(long id) {
        return db.dsl().update(T).set(USES, USES.minus(1)).where(ID.eq(id)).and(USES.gt(0)).execute() == 1;
    }

    void setAffiliate(long id, Long affiliateId, LocalDateTime now) {
        db.dsl().update(T).set(AFFILIATE_ID, affiliateId).set(UPDATED_AT, now).where(ID.eq(id)).execute();
    }

    Optional<Long> affiliateOf(long id) {
        return db.dsl().select(AFFILIATE_ID).from(T).where(ID.eq(id)).fetchOptional(AFFILIATE_ID);
    }

    List<Promo> boundTo(long affiliateId) {
        return fetch(AFFILIATE_ID.eq(affiliateId));
    }

    void delete(long id) {
        db.dsl().deleteFrom(T).where(ID.eq(id)).execute();
    }
}
