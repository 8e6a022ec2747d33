package io.steward.tax;

import static org.jooq.impl.DSL.field;
import static org.jooq.impl.DSL.name;
import static org.jooq.impl.DSL.table;

import io.steward.db.Db;
import java.math.BigDecimal;
import java.time.LocalDateTime;
import java.util.List;
import java.util.Locale;
import java.util.Optional;
import org.jooq.Field;
import org.jooq.Record;
import org.jooq.Table;

/** The {@code tax_rule} table. */
final class TaxRuleStore {
    static final Table<Record> T = table(name("tax_rule"));
    static final Field<Long> ID = field(name("id"), Long.class);
    static final Field<Integer> LEVEL = field(name("tax_level"), Integer.class);
    static final Field<String> NAME = field(name("name"), String.class);
    static final Field<BigDecimal> RATE = field(name("rate"), BigDecimal.class);
    static final Field<String> COUNTRY = field(name("country"), String.class);
    static final Field<String> STATE = field(name("state"), String.class);
    static final Field<String> STATE_KEY = field(name("state_key"), String.class);
    static final Field<Boolean> COMPOUND = field(name("compound"), Boolean.class);
    static final Field<LocalDateTime> CREATED_AT = field(name("created_at"), LocalDateTime.class);
    static final Field<LocalDateTime> UPDATED_AT = field(name("updated_at"), LocalDateTime.class);
    private static final List<Field<?>> COLUMNS = List.of(ID, LEVEL, NAME, RATE, COUNTRY, STATE, COMPOUND, CREATED_AT, UPDATED_AT);

    private final Db db;

    TaxRuleStore(Db db) {
        this.db = db;
    }

    private static TaxRule map(Record r) {
        return new TaxRule(r.get(ID), r.get(LEVEL), r.get(NAME), r.get(RATE).stripTrailingZeros(), r.get(COUNTRY), r.get(STATE),
                Boolean.TRUE.equals(r.get(COMPOUND)), r.get(CREATED_AT), r.get(UPDATED_AT));
    }

    static String stateKey(String state) {
        return state.toLowerCase(Locale.ROOT);
    }

    List<TaxRule> all() {
        return db.dsl().select(COLUMNS).from(T).orderBy(COUNTRY, STATE_KEY, LEVEL, ID).fetch(TaxRuleStore::map);
    }

    Optional<TaxRule> byId(long id) {
        return db.dsl().select(COLUMNS).from(T).where(ID.eq(id)).fetchOptional(TaxRuleStore::map);
    }

    /** The rule already at this level and place, if any (other than {@code exceptId}). */
    Optional<Long> samePlace(int level, String country, String state, long exceptId) {
        return db.dsl().select(ID).from(T).where(LEVEL.eq(level)).and(COUNTRY.eq(country)).and(STATE_KEY.eq(stateKey(state)))
                .and(ID.ne(exceptId)).fetchOptional(ID);
    }

    long insert(TaxRule r, LocalDateTime now) {
        return db.dsl().insertInto(T).set(LEVEL, r.level()).set(NAME, r.name()).set(RATE, r.rate()).set(COUNTRY, r.country())
                .set(STATE, r.state()).set(STATE_KEY, stateKey(r.state())).set(COMPOUND, r.compound())
                .set(CREATED_AT, now).set(UPDATED_AT, now)
                .returningResult(ID).fetchOne().value1();
    }

    void update(TaxRule r, LocalDateTime now) {
        db.dsl().update(T).set(LEVEL, r.level()).set(NAME, r.name()).set(RATE, r.rate()).set(COUNTRY, r.country())
                .set(STATE, r.state()).set(STATE_KEY, stateKey(r.state())).set(COMPOUND, r.compound()).set(UPDATED_AT, now)
                .where(ID.eq(r.id())).execute();
    }

    boolean delete(long id) {
        return db.dsl().deleteFrom(T).where(ID.eq(id)).execute() > 0;
    }
}
