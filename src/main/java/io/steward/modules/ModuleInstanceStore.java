package io.steward.modules;

import static org.jooq.impl.DSL.field;
import static org.jooq.impl.DSL.name;
import static org.jooq.impl.DSL.table;

import com.fasterxml.jackson.core.type.TypeReference;
import io.steward.core.Json;
import io.steward.db.Db;
import java.time.LocalDateTime;
import java.util.List;
import java.util.Map;
import java.util.Optional;
import org.jooq.Condition;
import org.jooq.Field;
import org.jooq.Record;
import org.jooq.Table;
import org.jooq.impl.DSL;

/** The {@code module_instance} table. */
final class ModuleInstanceStore {
    static final Table<Record> T = table(name("module_instance"));
    static final Field<Long> ID = field(name("id"), Long.class);
    static final Field<String> KIND = field(name("kind"), String.class);
    static final Field<String> MODULE = field(name("module"), String.class);
    static final Field<String> NAME = field(name("name"), String.class);
    static final Field<String> CONFIG_KEY = field(name("config_key"), String.class);
    static final Field<Boolean> IS_DEFAULT = field(name("is_default"), Boolean.class);
    static final Field<String> SETTINGS = field(name("settings"), String.class);
    static final Field<LocalDateTime> LAST_TEST_AT = field(name("last_test_at"), LocalDateTime.class);
    static final Field<Boolean> LAST_TEST_OK = field(name("last_test_ok"), Boolean.class);
    static final Field<String> LAST_TEST_MESSAGE = field(name("last_test_message"), String.class);
    static final Field<LocalDateTime> CREATED_AT = field(name("created_at"), LocalDateTime.class);
    static final Field<LocalDateTime> UPDATED_AT = field(name("updated_at"), LocalDateTime.class);
    private static final List<Field<?>> COLUMNS = List.of(ID, KIND, MODULE, NAME, CONFIG_KEY, IS_DEFAULT, SETTINGS, LAST_TEST_AT,
            LAST_TEST_OK, LAST_TEST_MESSAGE, CREATED_AT, UPDATED_AT);
    private static final TypeReference<Map<String, String>> MAP = new TypeReference<>() {};

    private final Db db;

    ModuleInstanceStore(Db db) {
        this.db = db;
    }

    private static ModuleInstance map(Record r) {
        Map<String, String> settings;
        try {
            settings = Json.MAPPER.readValue(r.get(SETTINGS), MAP);
        } catch (java.io.IOException e) {
            throw new IllegalStateException("module instance " + r.get(ID) + " has unreadable settings", e);
        }
        return new ModuleInstance(r.get(ID), ModuleKind.parse(r.get(KIND)).orElseThrow(), r.get(MODULE), r.get(NAME),
                r.get(CONFIG_KEY) != null, r.get(IS_DEFAULT), settings, r.get(LAST_TEST_AT), r.get(LAST_TEST_OK), r.get(LAST_TEST_MESSAGE),
                r.get(CREATED_AT), r.get(UPDATED_AT));
    }

    Optional<ModuleInstance> byId(long id) {
        return db.dsl().select(COLUMNS).from(T).where(ID.eq(id)).fetchOptional(ModuleInstanceStore::map);
    }

    Optional<ModuleInstance> byConfigKey(String key) {
        return db.dsl().select(COLUMNS).from(T).where(CONFIG_KEY.eq(key)).fetchOptional(ModuleInstanceStore::map);
    }

    Optional<ModuleInstance> defaultOf(ModuleKind kind, String module) {
        return db.dsl().select(COLUMNS).from(T).where(KIND.eq(kind.code())).and(MODULE.eq(module)).and(IS_DEFAULT.isTrue())
                .orderBy(ID).limit(1).fetchOptional(ModuleInstanceStore::map);
    }

    List<ModuleInstance> list(ModuleKind kind, String module) {
        Condition c = DSL.trueCondition();
        if (kind != null) c = c.and(KIND.eq(kind.code()));
        if (module != null) c = c.and(MODULE.eq(module));
        return db.dsl().select(COLUMNS).from(T).where(c).orderBy(KIND, MODULE, ID).fetch(ModuleInstanceStore::map);
    }

    boolean nameTaken(ModuleKind kind, String name, Long except) {
        Condition c = KIND.eq(kind.code()).and(DSL.lower(NAME).eq(name.toLowerCase(java.util.Locale.ROOT)));
        if (except != null) c = c.and(ID.ne(except));
        return db.dsl().fetchExists(T, c);
    }

    long insert(ModuleKind kind, String module, String name, String configKey, boolean isDefault, Map<String, String> sealed,
                LocalDateTime now) {
        return db.dsl().insertInto(T).set(KIND, kind.code()).set(MODULE, module).set(NAME, name).set(CONFIG_KEY, configKey)
                .set(IS_DEFAULT, isDefault).set(SETTINGS, Json.text(sealed)).set(CREATED_AT, now).set(UPDATED_AT, now)
                .returningResult(ID).fetchOne().value1();
    }

    void update(long id, String name, Map<String, String> sealed, LocalDateTime now) {
        db.dsl().update(T).set(NAME, name).set(SETTINGS, Json.text(sealed)).set(UPDATED_AT, now).where(ID.eq(id)).execute();
    }

    /** Makes {@code id} the one default of its module. */
    void makeDefault(ModuleKind kind, String module, long id, LocalDateTime now) {
        db.dsl().update(T).set(IS_DEFAULT, false).set(UPDATED_AT, now).where(KIND.eq(kind.code())).and(MODULE.eq(module))
                .and(IS_DEFAULT.isTrue()).and(ID.ne(id)).execute();
        db.dsl().update(T).set(IS_DEFAULT, true).set(UPDATED_AT, now).where(ID.eq(id)).execute();
    }

    void tested(long id, Check check, LocalDateTime now) {
        String message = check.message() == null ? "" : check.message();
        db.dsl().update(T).set(LAST_TEST_AT, now).set(LAST_TEST_OK, check.ok())
                .set(LAST_TEST_MESSAGE, message.length() > 1000 ? message.substring(0, 1000) : message).where(ID.eq(id)).execute();
    }

    boolean delete(long id) {
        return db.dsl().deleteFrom(T).where(ID.eq(id)).execute() == 1;
    }
}
