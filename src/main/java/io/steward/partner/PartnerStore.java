package io.steward.partner;

import static org.jooq.impl.DSL.field;
import static org.jooq.impl.DSL.name;
import static org.jooq.impl.DSL.table;

import io.steward.db.Db;
import java.math.BigDecimal;
import java.time.LocalDateTime;
import java.util.List;
import java.util.Optional;
import org.jooq.Field;
import org.jooq.Record;
import org.jooq.Table;

/** The partner feature's tables: partners, their OAuth credentials and tokens, their end clients. */
final class PartnerStore {
    static final Table<Record> P = table(name("partner"));
    static final Field<Long> P_ID = field(name("id"), Long.class);
    static final Field<Long> P_CLIENT = field(name("client_id"), Long.class);
    static final Field<String> P_NAME = field(name("name"), String.class);
    static final Field<BigDecimal> P_DISCOUNT = field(name("discount_percent"), BigDecimal.class);
    static final Field<Integer> P_RATE = field(name("rate_per_minute"), Integer.class);
    static final Field<String> P_STATUS = field(name("status"), String.class);
    static final Field<LocalDateTime> CREATED = field(name("created_at"), LocalDateTime.class);
    static final Field<LocalDateTime> UPDATED = field(name("updated_at"), LocalDateTime.class);

    static final Table<Record> C = table(name("partner_credential"));
    static final Field<String> C_ID = field(name("id"), String.class);
    static final Field<Long> C_PARTNER = field(name("partner_id"), Long.class);
    static final Field<String> C_NAME = field(name("name"), String.class);
    static final Field<String> C_SECRET = field(name("secret_hash"), String.class);
    static final Field<LocalDateTime> C_ROTATED = field(name("rotated_at"), LocalDateTime.class);
    static final Field<LocalDateTime> C_REVOKED = field(name("revoked_at"), LocalDateTime.class);
    static final Field<LocalDateTime> C_USED = field(name("last_used_at"), LocalDateTime.class);

    static final Table<Record> T = table(name("partner_token"));
    static final Field<String> T_HASH = field(name("token_hash"), String.class);
    static final Field<String> T_KIND = field(name("kind"), String.class);
    static final Field<String> T_GRANT = field(name("grant_id"), String.class);
    static final Field<String> T_CREDENTIAL = field(name("credential_id"), String.class);
    static final Field<LocalDateTime> T_EXPIRES = field(name("expires_at"), LocalDateTime.class);
    static final Field<LocalDateTime> T_USED = field(name("used_at"), LocalDateTime.class);
    static final Field<LocalDateTime> T_REVOKED = field(name("revoked_at"), LocalDateTime.class);

    static final Table<Record> PC = table(name("partner_client"));
    static final Field<Long> PC_CLIENT = field(name("client_id"), Long.class);
    static final Field<Long> PC_PARTNER = field(name("partner_id"), Long.class);
    static final Field<String> PC_TYPE = field(name("client_type"), String.class);
    static final Field<String> PC_VAT = field(name("vat_number"), String.class);

    /** A credential as staff see it (never its secret). */
    public record Credential(String id, long partnerId, String name, LocalDateTime createdAt, LocalDateTime rotatedAt,
                             LocalDateTime revokedAt, LocalDateTime lastUsedAt, String secretHash) {
        public boolean live() { return revokedAt == null; }
    }

    record Token(String hash, String kind, String grantId, String credentialId, LocalDateTime expiresAt, LocalDateTime usedAt,
                 LocalDateTime revokedAt) {}

    /** An end client's partner-API attributes. */
    record Link(long clientId, long partnerId, String clientType, String vatNumber) {}

    private final Db db;

    PartnerStore(Db db) {
        this.db = db;
    }

    private static Partner partner(Record r) {
        return new Partner(r.get(P_ID), r.get(P_CLIENT), r.get(P_NAME), r.get(P_DISCOUNT), r.get(P_RATE), r.get(P_STATUS));
    }

    long insertPartner(long clientId, String name, BigDecimal discount, int rate, LocalDateTime now) {
        return db.dsl().insertInto(P).set(P_CLIENT, clientId).set(P_NAME, name).set(P_DISCOUNT, discount).set(P_RATE, rate)
                .set(P_STATUS, "active").set(CREATED, now).set(UPDATED, now).returningResult(P_ID).fetchOne().value1();
    }

    void updatePartner(long id, String name, BigDecimal discount, int rate, String status, LocalDateTime now) {
        db.dsl().update(P).set(P_NAME, name).set(P_DISCOUNT, discount).set(P_RATE, rate).set(P_STATUS, status).set(UPDATED, now)
                .where(P_ID.eq(id)).execute();
    }

    Optional<Partner> partner(long id) {
        return db.dsl().select(P_ID, P_CLIENT, P_NAME, P_DISCOUNT, P_RATE, P_STATUS).from(P).where(P_ID.eq(id)).fetchOptional(PartnerStore::partner);
    }

    Optional<Partner> partnerOfAccount(long clientId) {
        return db.dsl().select(P_ID, P_CLIENT, P_NAME, P_DISCOUNT, P_RATE, P_STATUS).from(P).where(P_CLIENT.eq(clientId))
                .fetchOptional(PartnerStore::partner);
    }

    List<Partner> partners() {
        return db.dsl().select(P_ID, P_CLIENT, P_NAME, P_DISCOUNT, P_RATE, P_STATUS).from(P).orderBy(P_ID).fetch(PartnerStore::partner);
    }

    // Credentials

    void insertCredential(String id, long partnerId, String name, String secretHash, LocalDateTime now) {
        db.dsl().insertInto(C).set(C_ID, id).set(C_PARTNER, partnerId).set(C_NAME, name).set(C_SECRET, secretHash).set(CREATED, now).execute();
    }

    private static Credential credential(Record r) {
        return new Credential(r.get(C_ID), r.get(C_PARTNER), r.get(C_NAME), r.get(CREATED), r.get(C_ROTATED), r.get(C_REVOKED), r.get(C_USED),
                r.get(C_SECRET));
    }

    Optional<Credential> credential(String id) {
        return db.dsl().select(C_ID, C_PARTNER, C_NAME, CREATED, C_ROTATED, C_REVOKED, C_USED, C_SECRET).from(C).where(C_ID.eq(id))
                .fetchOptional(PartnerStore::credential);
    }

    List<Credential> credentials(long partnerId) {
        return db.dsl().select(C_ID, C_PARTNER, C_NAME, CREATED, C_ROTATED, C_REVOKED, C_USED, C_SECRET).from(C).where(C_PARTNER.eq(partnerId))
                .orderBy(CREATED, C_ID).fetch(PartnerStore::credential);
    }

    void rotateSecret(String id, String secretHash, LocalDateTime now) {
        db.dsl().update(C).set(C_SECRET, secretHash).set(C_ROTATED, now).where(C_ID.eq(id)).execute();
    }

    void revokeCredential(String id, LocalDateTime now) {
        db.dsl().update(C).set(C_REVOKED, now).where(C_ID.eq(id)).and(C_REVOKED.isNull()).execute();
    }

    void touchCredential(String id, LocalDateTime now) {
        db.dsl().update(C).set(C_USED, now).where(C_ID.eq(id)).execute();
    }

    // Tokens

    void insertToken(String hash, String kind, String grantId, String credentialId, LocalDateTime now, LocalDateTime expires) {
        db.dsl().insertInto(T).set(T_HASH, hash).set(T_KIND, kind).set(T_GRANT, grantId).set(T_CREDENTIAL, credentialId)
                .set(CREATED, now).set(T_EXPIRES, expires).execute();
    }

    private static Token token(Record r) {
        return new Token(r.get(T_HASH), r.get(T_KIND), r.get(T_GRANT), r.get(T_CREDENTIAL), r.get(T_EXPIRES), r.get(T_USED), r.get(T_REVOKED));
    }

    Optional<Token> token(String hash, boolean forUpdate) {
        var q = db.dsl().select(T_HASH, T_KIND, T_GRANT, T_CREDENTIAL, T_EXPIRES, T_USED, T_REVOKED).from(T).where(T_HASH.eq(hash));
        return forUpdate ? q.forUpdate().fetchOptional(PartnerStore::token) : q.fetchOptional(PartnerStore::token);
    }

    void markUsed(String hash, LocalDateTime now) {
        db.dsl().update(T).set(T_USED, now).where(T_HASH.eq(hash)).execute();
    }

    int revokeGrant(String grantId, LocalDateTime now) {
        return db.dsl().update(T).set(T_REVOKED, now).where(T_GRANT.eq(grantId)).and(T_REVOKED.isNull()).execute();
    }

    int revokeTokensOf(String credentialId, LocalDateTime now) {
        return db.dsl().update(T).set(T_REVOKED, now).where(T_CREDENTIAL.eq(credentialId)).and(T_REVOKED.isNull()).execute();
    }

    // End clients

    void link(long clientId, long partnerId, String type, String vat, LocalDateTime now) {
        db.dsl().insertInto(PC).set(PC_CLIENT, clientId).set(PC_PARTNER, partnerId).set(PC_TYPE, type).set(PC_VAT, vat).set(CREATED, now).execute();
    }

    void updateLink(long clientId, String vat) {
        db.dsl().update(PC).set(PC_VAT, vat).where(PC_CLIENT.eq(clientId)).execute();
    }

    void unlink(long clientId) {
        db.dsl().deleteFrom(PC).where(PC_CLIENT.eq(clientId)).execute();
    }

    private static Link link(Record r) {
        return new Link(r.get(PC_CLIENT), r.get(PC_PARTNER), r.get(PC_TYPE), r.get(PC_VAT));
    }

    Optional<Link> linkOf(long partnerId, long clientId) {
        return db.dsl().select(PC_CLIENT, PC_PARTNER, PC_TYPE, PC_VAT).from(PC).where(PC_CLIENT.eq(clientId)).and(PC_PARTNER.eq(partnerId))
                .fetchOptional(PartnerStore::link);
    }

    List<Link> links(long partnerId) {
        return db.dsl().select(PC_CLIENT, PC_PARTNER, PC_TYPE, PC_VAT).from(PC).where(PC_PARTNER.eq(partnerId)).orderBy(PC_CLIENT)
                .fetch(PartnerStore::link);
    }

    boolean isLinked(long clientId) {
        return db.dsl().fetchExists(db.dsl().selectOne().from(PC).where(PC_CLIENT.eq(clientId)));
    }

    boolean hasClients(long partnerId) {
        return db.dsl().fetchExists(db.dsl().selectOne().from(PC).where(PC_PARTNER.eq(partnerId)));
    }
}
