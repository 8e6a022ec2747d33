package io.steward.dns;

import static org.jooq.impl.DSL.field;
import static org.jooq.impl.DSL.name;
import static org.jooq.impl.DSL.table;

import io.steward.db.Db;
import java.time.LocalDateTime;
import java.util.List;
import java.util.Optional;
import org.jooq.Field;
import org.jooq.Record;
import org.jooq.Table;
import org.jooq.impl.DSL;

/** The {@code dns_signing} and {@code dns_key} tables. */
final class DnssecStore {
    static final Table<Record> SIGNING = table(name("dns_signing"));
    static final Field<Long> ZONE_ID = field(name("zone_id"), Long.class);
    static final Field<Long> CLIENT_ID = field(name("client_id"), Long.class);
    static final Field<String> ZONE_NAME = field(name("zone_name"), String.class);
    static final Field<Boolean> ENABLED = field(name("enabled"), Boolean.class);
    static final Field<LocalDateTime> DISABLED_AT = field(name("disabled_at"), LocalDateTime.class);
    static final Field<Boolean> DS_SYNCED = field(name("ds_synced"), Boolean.class);
    static final Field<LocalDateTime> DS_SYNCED_AT = field(name("ds_synced_at"), LocalDateTime.class);
    static final Field<String> DS_NOTE = field(name("ds_note"), String.class);
    static final Field<LocalDateTime> UPDATED_AT = field(name("updated_at"), LocalDateTime.class);

    static final Table<Record> KEY = table(name("dns_key"));
    static final Field<Long> ID = field(name("id"), Long.class);
    static final Field<Integer> KEY_TAG = field(name("key_tag"), Integer.class);
    static final Field<Short> ALGORITHM = field(name("algorithm"), Short.class);
    static final Field<Integer> FLAGS = field(name("flags"), Integer.class);
    static final Field<String> PUBLIC_KEY = field(name("public_key"), String.class);
    static final Field<String> PRIVATE_KEY = field(name("private_key"), String.class);
    static final Field<String> STATE = field(name("state"), String.class);
    static final Field<LocalDateTime> CREATED_AT = field(name("created_at"), LocalDateTime.class);
    static final Field<LocalDateTime> ACTIVATE_AT = field(name("activate_at"), LocalDateTime.class);
    static final Field<LocalDateTime> RETIRED_AT = field(name("retired_at"), LocalDateTime.class);
    static final Field<LocalDateTime> REMOVE_AT = field(name("remove_at"), LocalDateTime.class);
    private static final List<Field<?>> KEY_COLUMNS = List.of(ID, ZONE_ID, KEY_TAG, ALGORITHM, FLAGS, PUBLIC_KEY, PRIVATE_KEY, STATE,
            CREATED_AT, ACTIVATE_AT, RETIRED_AT, REMOVE_AT);

    /**
     * A zone's signing state.
     *
     * @param disabledAt when signing was switched off (keys are dropped later), or null
     * @param dsSynced   whether the registrar holds the DS set the keys call for
     * @param dsNote     why the last push did not reach a registrar (no domain with us, an error), or null
     */
    record Signing(long zoneId, long clientId, String zoneName, boolean enabled, LocalDateTime disabledAt, boolean dsSynced, LocalDateTime dsSyncedAt, String dsNote) {}

    private final Db db;

    DnssecStore(Db db) {
        this.db = db;
    }

    Optional<Signing> signing(long zoneId) {
        return db.dsl().select(ZONE_ID, CLIENT_ID, ZONE_NAME, ENABLED, DISABLED_AT, DS_SYNCED, DS_SYNCED_AT, DS_NOTE).from(SIGNING)
                .where(ZONE_ID.eq(zoneId))
                .fetchOptional(r -> new Signing(r.get(ZONE_ID), r.get(CLIENT_ID), r.get(ZONE_NAME), r.get(ENABLED), r.get(DISABLED_AT), r.get(DS_SYNCED), r.get(DS_SYNCED_AT),
                        r.get(DS_NOTE)));
    }

    List<Long> signedZoneIds() {
        return db.dsl().select(ZONE_ID).from(SIGNING).orderBy(ZONE_ID).fetch(ZONE_ID);
    }

    /** Whether another zone of this name is signed (a zone deleted and made again): its own DS set wins. */
    boolean otherSigned(String zoneName, long exceptZoneId) {
        return db.dsl().fetchExists(SIGNING, ZONE_NAME.eq(zoneName).and(ZONE_ID.ne(exceptZoneId)));
    }

    void saveSigning(Zone z, boolean enabled, LocalDateTime disabledAt, LocalDateTime now) {
        long zoneId = z.id();
        int n = db.dsl().update(SIGNING).set(ENABLED, enabled).set(DISABLED_AT, disabledAt).set(DS_SYNCED, false).set(UPDATED_AT, now)
                .where(ZONE_ID.eq(zoneId)).execute();
        if (n == 0) {
            db.dsl().insertInto(SIGNING).set(ZONE_ID, zoneId).set(CLIENT_ID, z.clientId()).set(ZONE_NAME, z.name()).set(ENABLED, enabled).set(DISABLED_AT, disabledAt).set(DS_SYNCED, false)
                    .set(UPDATED_AT, now).execute();
        }
    }

    /** The DS set changed: the job pushes it to the registrar. */
    void dsChanged(long zoneId, LocalDateTime now) {
        db.dsl().update(SIGNING).set(DS_SYNCED, false).set(UPDATED_AT, now).where(ZONE_ID.eq(zoneId)).execute();
    }

    void dsPushed(long zoneId, boolean synced, String note, LocalDateTime now) {
        var u = db.dsl().update(SIGNING).set(DS_SYNCED, synced).set(DS_NOTE, note).set(UPDATED_AT, now);
        if (synced) u = u.set(DS_SYNCED_AT, now);
        u.where(ZONE_ID.eq(zoneId)).execute();
    }

    void deleteSigning(long zoneId) {
        db.dsl().deleteFrom(KEY).where(ZONE_ID.eq(zoneId)).execute();
        db.dsl().deleteFrom(SIGNING).where(ZONE_ID.eq(zoneId)).execute();
    }

    List<SigningKey> keys(long zoneId) {
        return db.dsl().select(KEY_COLUMNS).from(KEY).where(ZONE_ID.eq(zoneId)).orderBy(ID).fetch(DnssecStore::key);
    }

    private static SigningKey key(Record r) {
        return new SigningKey(r.get(ID), r.get(ZONE_ID), r.get(KEY_TAG), r.get(ALGORITHM), r.get(FLAGS), r.get(PUBLIC_KEY), r.get(PRIVATE_KEY),
                r.get(STATE), r.get(CREATED_AT), r.get(ACTIVATE_AT), r.get(RETIRED_AT), r.get(REMOVE_AT));
    }

    long insertKey(SigningKey k) {
        return db.dsl().insertInto(KEY).set(ZONE_ID, k.zoneId()).set(KEY_TAG, k.keyTag()).set(ALGORITHM, (short) k.algorithm())
                .set(FLAGS, k.flags()).set(PUBLIC_KEY, k.publicKey()).set(PRIVATE_KEY, k.sealedPrivate()).set(STATE, k.state())
                .set(CREATED_AT, k.createdAt()).set(ACTIVATE_AT, k.activateAt()).returningResult(ID).fetchOne().value1();
    }

    void setState(long keyId, String state, LocalDateTime retiredAt, LocalDateTime removeAt) {
        db.dsl().update(KEY).set(STATE, state).set(RETIRED_AT, retiredAt).set(REMOVE_AT, removeAt).where(ID.eq(keyId)).execute();
    }

    void setRemoveAt(long keyId, LocalDateTime removeAt) {
        db.dsl().update(KEY).set(REMOVE_AT, removeAt).where(ID.eq(keyId)).execute();
    }

    void deleteKey(long keyId) {
        db.dsl().deleteFrom(KEY).where(ID.eq(keyId)).execute();
    }

    /** The largest TTL in the zone: how long a cache may keep an answer signed by a key that stopped signing. */
    int maxTtl(long zoneId) {
        Integer t = db.dsl().select(DSL.max(DnsStore.TTL)).from(DnsStore.RECORD).where(DnsStore.ZONE_ID.eq(zoneId)).fetchOne().value1();
        return t == null ? 0 : t;
    }
}
