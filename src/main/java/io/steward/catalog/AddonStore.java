package io.steward.catalog;

import static org.jooq.impl.DSL.field;
import static org.jooq.impl.DSL.name;
import static org.jooq.impl.DSL.table;

import io.steward.db.Db;
import java.time.LocalDateTime;
import java.util.Collection;
import java.util.List;
import java.util.Map;
import java.util.Optional;
import org.jooq.Condition;
import org.jooq.Field;
import org.jooq.Record;
import org.jooq.Table;
import org.jooq.impl.DSL;

/** The {@code catalog_addon} table and its prices. */
final class AddonStore {
    static final Table<Record> T = table(name("catalog_addon"));
    static final Field<Long> ID = field(name("id"), Long.class);
    static final Field<String> NAME = field(name("name"), String.class);
    static final Field<String> DESCRIPTION = field(name("description"), String.class);
    static final Field<String> MODULE_VALUE = field(name("module_value"), String.class);
    static final Field<Boolean> VISIBLE = field(name("visible"), Boolean.class);
    static final Field<Integer> SORT_ORDER = field(name("sort_order"), Integer.class);
    static final Field<LocalDateTime> CREATED_AT = field(name("created_at"), LocalDateTime.class);
    static final Field<LocalDateTime> UPDATED_AT = field(name("updated_at"), LocalDateTime.class);
    private static final List<Field<?>> COLUMNS = List.of(ID, NAME, DESCRIPTION, MODULE_VALUE, VISIBLE, SORT_ORDER, CREATED_AT, UPDATED_AT);

    private final Db db;

    AddonStore(Db db) {
        this.db = db;
    }

    List<Addon> list() {
        return load(DSL.trueCondition());
    }

    List<Addon> byIds(Collection<Long> ids) {
        return ids.isEmpty() ? List.of() : load(ID.in(ids));
    }

    Optional<Addon> byId(long id) {
        return load(ID.eq(id)).stream().findFirst();
    }

    private List<Addon> load(Condition c) {
        var rows = db.dsl().select(COLUMNS).from(T).where(c).orderBy(SORT_ORDER, ID).fetch();
        Map<Long, PriceTable> prices = PriceRows.ADDON.load(db, rows.getValues(ID));
        return rows.map(r -> new Addon(r.get(ID), new Addon.Spec(r.get(NAME), r.get(DESCRIPTION), r.get(MODULE_VALUE),
                r.get(VISIBLE), r.get(SORT_ORDER), prices.get(r.get(ID))), r.get(CREATED_AT), r.get(UPDATED_AT)));
    }

    long insert(Addon.Spec s, LocalDateTime now) {
        long id = db.dsl().insertInto(T).set(NAME, s.name()).set(DESCRIPTION, s.description()).set(MODULE_VALUE, s.moduleValue())
                .set(VISIBLE, s.visible()).set(SORT_ORDER, s.sortOrder()).set(CREATED_AT, now).set(UPDATED_AT, now)
                .returningResult(ID).fetchOne().value1();
        PriceRows.ADDON.replace(db, id, s.prices());
        return id;
    }

    void update(long id, Addon.Spec s, LocalDateTime now) {
        db.dsl().update(T).set(NAME, s.name()).set(DESCRIPTION, s.description()).set(MODULE_VALUE, s.moduleValue())
                .set(VISIBLE, s.visible()).set(SORT_ORDER, s.sortOrder()).set(UPDATED_AT, now).where(ID.eq(id)).execute();
        PriceRows.ADDON.replace(db, id, s.prices());
    }

    void delete(long id) {
        db.dsl().deleteFrom(T).where(ID.eq(id)).execute();
    }

    /** Whether the row exists; locks it, so an addon being linked cannot be deleted concurrently. */
    boolean lock(long id) {
        return db.dsl().select(ID).from(T).where(ID.eq(id)).forUpdate().fetchOptional().isPresent();
    }
}
