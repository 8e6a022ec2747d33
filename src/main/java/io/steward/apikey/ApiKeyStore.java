package io.steward.apikey;

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

/** The {@code api_key} table. */
final class ApiKeyStore {
    static final Table<Record> T = table(name("api_key"));
    static final Field<Long> ID = field(name("id"), Long.class);
    static final Field<Long> CLIENT_ID = field(name("client_id"), Long.class);
    static final Field<Long> CONTACT_ID = field(name("contact_id"), Long.class);
    static final Field<String> NAME = field(name("name"), String.class);
    static final Field<String> KEY_HASH = field(name("key_hash"), String.class);
    static final Field<String> PREFIX = field(name("prefix"), String.class);
    static final Field<String> SCOPE = field(name("scope"), String.class);
    static final Field<String> CREATED_BY = field(name("created_by"), String.class);
    static final Field<LocalDateTime> CREATED_AT = field(name("created_at"), LocalDateTime.class);
    static final Field<LocalDateTime> LAST_USED_AT = field(name("last_used_at"), LocalDateTime.class);
    static final Field<String> LAST_USED_IP = field(name("last_used_ip"), String.class);
    static final Field<LocalDateTime> REVOKED_AT = field(name("revoked_at"), LocalDateTime.class);

    private static final List<Field<?>> ALL = List.of(ID, CLIENT_ID, CONTACT_ID, NAME, PREFIX, SCOPE, CREATED_BY, CREATED_AT, LAST_USED_AT,
            LAST_USED_IP, REVOKED_AT);

    private final Db db;

    ApiKeyStore(Db db) {
        this.db = db;
    }

    long insert(long clientId, Long contactId, String name, String hash, String prefix, String scope, String by, LocalDateTime now) {
        return db.dsl().insertInto(T).set(CLIENT_ID, clientId).set(CONTACT_ID, contactId).set(NAME, name).set(KEY_HASH, hash)
                .set(PREFIX, prefix).set(SCOPE, scope).set(CREATED_BY, by).set(CREATED_AT, now)
                .returningResult(ID).fetchOne().value1();
    }

    boolean existsHash(String hash) {
        return db.dsl().fetchExists(T, KEY_HASH.eq(hash));
    }

    Optional<ApiKey> byId(long id) {
        return db.dsl().select(ALL).from(T).where(ID.eq(id)).fetchOptional().map(ApiKeyStore::map);
    }

    Optional<ApiKey> byHash(String hash) {
        return db.dsl().select(ALL).from(T).where(KEY_HASH.eq(hash)).fetchOptional().map(ApiKeyStore::map);
    }

    /** The client's keys, newest first; {@code contactId} given: only that contact's. */
    List<ApiKey> list(long clientId, Optional<Long> contactId) {
        Condition c = CLIENT_ID.eq(clientId);
        if (contactId.isPresent()) c = c.and(CONTACT_ID.eq(contactId.get()));
        return db.dsl().select(ALL).from(T).where(c).orderBy(ID.desc()).fetch().map(ApiKeyStore::map);
    }

    int countLive(long clientId) {
        return db.dsl().fetchCount(T, CLIENT_ID.eq(clientId).and(REVOKED_AT.isNull()));
    }

    boolean revoke(long id, LocalDateTime now) {
        return db.dsl().update(T).set(REVOKED_AT, now).where(ID.eq(id)).and(REVOKED_AT.isNull()).execute() == 1;
    }

    void stampUse(long id, LocalDateTime now, String ip) {
        db.dsl().update(T).set(LAST_USED_AT, now).set(LAST_USED_IP, ip).where(ID.eq(id)).execute();
    }

    private static ApiKey map(Record r) {
        return new ApiKey(r.get(ID), r.get(CLIENT_ID), r.get(CONTACT_ID), r.get(NAME), r.get(PREFIX), r.get(SCOPE), r.get(CREATED_BY),
                r.get(CREATED_AT), r.get(LAST_USED_AT), r.get(LAST_USED_IP), r.get(REVOKED_AT));
    }
}
