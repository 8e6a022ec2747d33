package io.steward.names;

import static org.jooq.impl.DSL.field;
import static org.jooq.impl.DSL.name;
import static org.jooq.impl.DSL.table;

import io.steward.db.Db;
import java.time.LocalDateTime;
import java.util.Collection;
import java.util.List;
import java.util.Optional;
import org.jooq.Condition;
import org.jooq.Field;
import org.jooq.Record;
import org.jooq.Table;
import org.jooq.impl.DSL;

/** The {@code name_claim} and {@code name_challenge} tables. */
final class NameStore {
    static final Table<Record> CLAIM = table(name("name_claim"));
    static final Table<Record> CHALLENGE = table(name("name_challenge"));
    static final Table<Record> RECONCILIATION = table(name("name_reconciliation"));
    static final Field<String> TASK = field(name("task"), String.class);
    static final Field<LocalDateTime> DONE_AT = field(name("done_at"), LocalDateTime.class);
    static final Field<Integer> RELEASED = field(name("released"), Integer.class);
    static final Field<Long> ID = field(name("id"), Long.class);
    static final Field<Long> CLIENT_ID = field(name("client_id"), Long.class);
    static final Field<String> NAME = field(name("name"), String.class);
    static final Field<String> METHOD = field(name("method"), String.class);
    static final Field<String> TOKEN = field(name("token"), String.class);
    static final Field<Boolean> NS_BEFORE = field(name("ns_before"), Boolean.class);
    static final Field<LocalDateTime> CREATED_AT = field(name("created_at"), LocalDateTime.class);

    private static final List<Field<?>> CLAIM_COLUMNS = List.of(ID, CLIENT_ID, NAME, METHOD, CREATED_AT);
    private static final List<Field<?>> CHALLENGE_COLUMNS = List.of(ID, CLIENT_ID, NAME, TOKEN, NS_BEFORE, CREATED_AT);

    private final Db db;

    NameStore(Db db) {
        this.db = db;
    }

    private static Claim claim(Record r) {
        return new Claim(r.get(ID), r.get(CLIENT_ID), r.get(NAME), r.get(METHOD), r.get(CREATED_AT));
    }

    private static Challenge challenge(Record r) {
        return new Challenge(r.get(ID), r.get(CLIENT_ID), r.get(NAME), r.get(TOKEN), Boolean.TRUE.equals(r.get(NS_BEFORE)), r.get(CREATED_AT));
    }

    List<Claim> claims(Condition where) {
        return db.dsl().select(CLAIM_COLUMNS).from(CLAIM).where(where).orderBy(NAME).fetch(NameStore::claim);
    }

    /** Claims on any of {@code names} (a name and its parents). */
    List<Claim> claimsOn(Collection<String> names) {
        return claims(NAME.in(names));
    }

    /** Claims strictly below {@code name}. */
    List<Claim> claimsBelow(String name) {
        return claims(below(name));
    }

    /** Names ending in {@code .name} (names hold no {@code %}; an {@code _} is escaped). */
    private static Condition below(String name) {
        return NAME.like("%." + name.replace("\\", "\\\\").replace("_", "\\_"), '\\');
    }

    Optional<Claim> claim(long id) {
        return claims(ID.eq(id)).stream().findFirst();
    }

    List<Claim> search(Long clientId, String query) {
        Condition c = DSL.trueCondition();
        if (clientId != null) c = c.and(CLIENT_ID.eq(clientId));
        if (query != null && !query.isBlank()) c = c.and(NAME.like(Db.containing(query.strip().toLowerCase(java.util.Locale.ROOT)), '\\'));
        return claims(c);
    }

    /** Gives {@code name} to the client: replaces whatever claim was on it. */
    Claim put(long clientId, String name, String method, LocalDateTime now) {
        db.dsl().deleteFrom(CLAIM).where(NAME.eq(name)).execute();
        long id = db.dsl().insertInto(CLAIM).set(CLIENT_ID, clientId).set(NAME, name).set(METHOD, method).set(CREATED_AT, now)
                .returningResult(ID).fetchOne().value1();
        return new Claim(id, clientId, name, method, now);
    }

    /** Drops other clients' claims on {@code name} and below it. */
    int dropOthers(String name, long clientId) {
        return db.dsl().deleteFrom(CLAIM).where(CLIENT_ID.ne(clientId))
                .and(NAME.eq(name).or(below(name))).execute();
    }

    boolean delete(long id) {
        return db.dsl().deleteFrom(CLAIM).where(ID.eq(id)).execute() > 0;
    }

    int deleteClaim(long clientId, String name, String method) {
        return db.dsl().deleteFrom(CLAIM).where(CLIENT_ID.eq(clientId).and(NAME.eq(name)).and(METHOD.eq(method))).execute();
    }

    List<Claim> allClaims() {
        return claims(DSL.trueCondition());
    }

    /**
     * Marks a one-time task as started, in the caller's transaction: false when it ran before. Two
     * nodes starting at once both insert; the primary key lets one commit.
     */
    boolean startTask(String task, LocalDateTime now) {
        if (db.dsl().fetchExists(RECONCILIATION, TASK.eq(task))) return false;
        db.dsl().insertInto(RECONCILIATION).set(TASK, task).set(DONE_AT, now).set(RELEASED, 0).execute();
        return true;
    }

    void finishTask(String task, int released) {
        db.dsl().update(RECONCILIATION).set(RELEASED, released).where(TASK.eq(task)).execute();
    }

    int countClaimsOf(long clientId) {
        return db.dsl().fetchCount(CLAIM, CLIENT_ID.eq(clientId));
    }

    Optional<Challenge> challenge(long clientId, String name) {
        return db.dsl().select(CHALLENGE_COLUMNS).from(CHALLENGE).where(CLIENT_ID.eq(clientId).and(NAME.eq(name))).fetchOptional(NameStore::challenge);
    }

    List<Challenge> challengesOf(long clientId) {
        return db.dsl().select(CHALLENGE_COLUMNS).from(CHALLENGE).where(CLIENT_ID.eq(clientId)).orderBy(NAME).fetch(NameStore::challenge);
    }

    Challenge insertChallenge(long clientId, String name, String token, boolean nsBefore, LocalDateTime now) {
        long id = db.dsl().insertInto(CHALLENGE).set(CLIENT_ID, clientId).set(NAME, name).set(TOKEN, token).set(NS_BEFORE, nsBefore)
                .set(CREATED_AT, now).returningResult(ID).fetchOne().value1();
        return new Challenge(id, clientId, name, token, nsBefore, now);
    }

    void deleteChallenge(long id) {
        db.dsl().deleteFrom(CHALLENGE).where(ID.eq(id)).execute();
    }
}
