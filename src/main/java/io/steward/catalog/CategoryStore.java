package io.steward.catalog;

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

/** The {@code catalog_category} table. */
final class CategoryStore {
    static final Table<Record> T = table(name("catalog_category"));
    static final Field<Long> ID = field(name("id"), Long.class);
    static final Field<String> NAME = field(name("name"), String.class);
    static final Field<String> DESCRIPTION = field(name("description"), String.class);
    static final Field<String> SLUG = field(name("slug"), String.class);
    static final Field<Integer> SORT_ORDER = field(name("sort_order"), Integer.class);
    static final Field<Boolean> VISIBLE = field(name("visible"), Boolean.class);
    static final Field<LocalDateTime> CREATED_AT = field(name("created_at"), LocalDateTime.class);
    static final Field<LocalDateTime> UPDATED_AT = field(name("updated_at"), LocalDateTime.class);
    private static final List<Field<?>> COLUMNS = List.of(ID, NAME, DESCRIPTION, SLUG, SORT_ORDER, VISIBLE, CREATED_AT, UPDATED_AT);

    private final Db db;

    CategoryStore(Db db) {
        this.db = db;
    }

    private static Category map(Record r) {
        return new Category(r.get(ID), new Category.Spec(r.get(NAME), r.get(DESCRIPTION), r.get(SLUG), r.get(SORT_ORDER), r.get(VISIBLE)),
                r.get(CREATED_AT), r.get(UPDATED_AT));
    }

    List<Category> list(boolean visibleOnly) {
        Condition c = visibleOnly ? VISIBLE.isTrue() : DSL.trueCondition();
        return db.dsl().select(COLUMNS).from(T).where(c).orderBy(SORT_ORDER, ID).fetch(CategoryStore::map);
    }

    Optional<Category> byId(long id) {
        return db.dsl().select(COLUMNS).from(T).where(ID.eq(id)).fetchOptional(CategoryStore::map);
    }

    Optional<Category> bySlug(String slug) {
        return db.dsl().select(COLUMNS).from(T).where(SLUG.eq(slug)).fetchOptional(CategoryStore::map);
    }

    long insert(Category.Spec s, LocalDateTime now) {
        return db.dsl().insertInto(T).set(NAME, s.name()).set(DESCRIPTION, s.description()).set(SLUG, s.slug())
                .set(SORT_ORDER, s.sortOrder()).set(VISIBLE, s.visible()).set(CREATED_AT, now).set(UPDATED_AT, now)
                .returningResult(ID).fetchOne().value1();
    }

    void update(long id, Category.Spec s, LocalDateTime now) {
        db.dsl().update(T).set(NAME, s.name()).set(DESCRIPTION, s.description()).set(SLUG, s.slug())
                .set(SORT_ORDER, s.sortOrder()).set(VISIBLE, s.visible()).set(UPDATED_AT, now).where(ID.eq(id)).execute();
    }

    void delete(long id) {
        db.dsl().deleteFrom(T).where(ID.eq(id)).execute();
    }
}
