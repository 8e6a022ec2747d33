package io.steward.affiliate;

import static org.jooq.impl.DSL.field;
import static org.jooq.impl.DSL.name;
import static org.jooq.impl.DSL.table;

import io.steward.db.Db;
import java.math.BigDecimal;
import java.time.LocalDateTime;
import java.util.List;
import java.util.Locale;
import java.util.Optional;
import org.jooq.Condition;
import org.jooq.Field;
import org.jooq.Record;
import org.jooq.Table;
import org.jooq.exception.DataAccessException;
import org.jooq.impl.DSL;
import org.jooq.impl.SQLDataType;

/** The {@code affiliate_plan}, {@code affiliate}, {@code affiliate_referral} and {@code affiliate_campaign} tables. */
final class AffiliateStore {
    static final Table<Record> PL = table(name("affiliate_plan"));
    static final Field<Long> PL_ID = field(name("id"), Long.class);
    static final Field<String> PL_NAME = field(name("name"), String.class);
    static final Field<String> PL_TYPE = field(name("commission_type"), String.class);
    static final Field<BigDecimal> PL_VALUE = field(name("commission_value"), SQLDataType.NUMERIC(19, 4));
    static final Field<String> PL_CURRENCY = field(name("currency"), String.class);
    static final Field<Boolean> PL_RECURRING = field(name("recurring"), Boolean.class);
    static final Field<Integer> PL_HOLD = field(name("hold_days"), Integer.class);
    static final Field<Boolean> PL_DEFAULT = field(name("is_default"), Boolean.class);
    static final Field<LocalDateTime> CREATED_AT = field(name("created_at"), LocalDateTime.class);
    static final Field<LocalDateTime> UPDATED_AT = field(name("updated_at"), LocalDateTime.class);

    static final Table<Record> A = table(name("affiliate"));
    static final Field<Long> A_ID = field(name("id"), Long.class);
    static final Field<Long> A_CLIENT = field(name("client_id"), Long.class);
    static final Field<Long> A_PLAN = field(name("plan_id"), Long.class);
    static final Field<String> A_STATUS = field(name("status"), String.class);
    static final Field<String> A_CURRENCY = field(name("currency"), String.class);

    static final Table<Record> R = table(name("affiliate_referral"));
    static final Field<Long> R_CLIENT = field(name("client_id"), Long.class);
    static final Field<Long> R_AFFILIATE = field(name("affiliate_id"), Long.class);
    static final Field<Long> R_ORDER = field(name("order_id"), Long.class);
    static final Field<String> R_SOURCE = field(name("source"), String.class);

    static final Table<Record> C = table(name("affiliate_campaign"));
    static final Field<Long> C_ID = field(name("id"), Long.class);
    static final Field<String> C_NAME = field(name("name"), String.class);
    static final Field<String> C_URL = field(name("url"), String.class);
    static final Field<String> C_DESCRIPTION = field(name("description"), String.class);
    static final Field<Boolean> C_ENABLED = field(name("enabled"), Boolean.class);

    private final Db db;

    AffiliateStore(Db db) {
        this.db = db;
    }

    // Plans

    private static Plan plan(Record r) {
        return new Plan(r.get(PL_ID), r.get(PL_NAME), Plan.Type.valueOf(r.get(PL_TYPE).toUpperCase(Locale.ROOT)),
                r.get(PL_VALUE).stripTrailingZeros(), r.get(PL_CURRENCY), Boolean.TRUE.equals(r.get(PL_RECURRING)), r.get(PL_HOLD),
                Boolean.TRUE.equals(r.get(PL_DEFAULT)), r.get(CREATED_AT), r.get(UPDATED_AT));
    }

    private static final List<Field<?>> PLAN_COLUMNS = List.of(PL_ID, PL_NAME, PL_TYPE, PL_VALUE, PL_CURRENCY, PL_RECURRING, PL_HOLD,
            PL_DEFAULT, CREATED_AT, UPDATED_AT);

    List<Plan> plans() {
        return db.dsl().select(PLAN_COLUMNS).from(PL).orderBy(PL_ID).fetch(AffiliateStore::plan);
    }

    Optional<Plan> plan(long id) {
        return db.dsl().select(PLAN_COLUMNS).from(PL).where(PL_ID.eq(id)).fetchOptional(AffiliateStore::plan);
    }

    Optional<Plan> defaultPlan() {
        return db.dsl().select(PLAN_COLUMNS).from(PL).where(PL_DEFAULT.isTrue()).orderBy(PL_ID).limit(1).fetchOptional(AffiliateStore::plan);
    }

    long insertPlan(Plan p, LocalDateTime now) {
        return db.dsl().insertInto(PL).set(PL_NAME, p.name()).set(PL_TYPE, p.type().wire()).set(PL_VALUE, p.value())
                .set(PL_CURRENCY, p.currency()).set(PL_RECURRING, p.recurring()).set(PL_HOLD, p.holdDays())
                .set(PL_DEFAULT, p.isDefault()).set(CREATED_AT, now).set(UPDATED_AT, now).returningResult(PL_ID).fetchOne().value1();
    }

    void updatePlan(Plan p, LocalDateTime now) {
        db.dsl().update(PL).set(PL_NAME, p.name()).set(PL_TYPE, p.type().wire()).set(PL_VALUE, p.value())
                .set(PL_CURRENCY, p.currency()).set(PL_RECURRING, p.recurring()).set(PL_HOLD, p.holdDays())
                .set(PL_DEFAULT, p.isDefault()).set(UPDATED_AT, now).where(PL_ID.eq(p.id())).execute();
    }

    /** At most one default plan: setting one clears the others. */
    void clearDefaultExcept(long id) {
        db.dsl().update(PL).set(PL_DEFAULT, false).where(PL_DEFAULT.isTrue().and(PL_ID.ne(id))).execute();
    }

    void lockPlan(long id) {
        db.dsl().select(PL_ID).from(PL).where(PL_ID.eq(id)).forUpdate().fetchOptional();
    }

    boolean planInUse(long id) {
        return db.dsl().fetchExists(DSL.selectOne().from(A).where(A_PLAN.eq(id)))
                || db.dsl().fetchExists(DSL.selectOne().from(LedgerStore.CM).where(LedgerStore.CM_PLAN.eq(id)));
    }

    void deletePlan(long id) {
        db.dsl().deleteFrom(PL).where(PL_ID.eq(id)).execute();
    }

    // Affiliates

    private static final List<Field<?>> AFFILIATE_COLUMNS = List.of(A_ID, A_CLIENT, A_PLAN, A_STATUS, A_CURRENCY, CREATED_AT, UPDATED_AT);

    private static Affiliate affiliate(Record r) {
        return new Affiliate(r.get(A_ID), r.get(A_CLIENT), r.get(A_PLAN), r.get(A_STATUS), r.get(A_CURRENCY), r.get(CREATED_AT),
                r.get(UPDATED_AT));
    }

    Optional<Affiliate> affiliate(long id) {
        return db.dsl().select(AFFILIATE_COLUMNS).from(A).where(A_ID.eq(id)).fetchOptional(AffiliateStore::affiliate);
    }

    Optional<Affiliate> affiliateForUpdate(long id) {
        return db.dsl().select(AFFILIATE_COLUMNS).from(A).where(A_ID.eq(id)).forUpdate().fetchOptional(AffiliateStore::affiliate);
    }

    Optional<Affiliate> byClient(long clientId) {
        return db.dsl().select(AFFILIATE_COLUMNS).from(A).where(A_CLIENT.eq(clientId)).fetchOptional(AffiliateStore::affiliate);
    }

    List<Affiliate> list(Long clientId, String status, int page, int perPage) {
        return db.dsl().select(AFFILIATE_COLUMNS).from(A).where(filter(clientId, status)).orderBy(A_ID)
                .limit(perPage).offset((long) (page - 1) * perPage).fetch(AffiliateStore::affiliate);
    }

    int count(Long clientId, String status) {
        return db.dsl().fetchCount(A, filter(clientId, status));
    }

    private static Condition filter(Long clientId, String status) {
        Condition c = DSL.trueCondition();
        if (clientId != null) c = c.and(A_CLIENT.eq(clientId));
        if (status != null) c = c.and(A_STATUS.eq(status));
        return c;
    }

    /** Inserts the affiliate unless the client already is one; answers whether it was inserted. */
    boolean insertAffiliate(long clientId, Long planId, String currency, LocalDateTime now) {
        try {
            return db.dsl().insertInto(A).set(A_CLIENT, clientId).set(A_PLAN, planId).set(A_STATUS, Affiliate.ACTIVE)
                    .set(A_CURRENCY, currency).set(CREATED_AT, now).set(UPDATED_AT, now)
                    .onConflict(field(name("affiliate", "client_id"))).doNothing().execute() == 1;
        } catch (DataAccessException e) {
            // H2 reports a concurrent insert of the same client as a unique violation.
            if (!Db.isConstraintViolation(e)) throw e;
            return false;
        }
    }

    void updateAffiliate(long id, Long planId, String status, LocalDateTime now) {
        db.dsl().update(A).set(A_PLAN, planId).set(A_STATUS, status).set(UPDATED_AT, now).where(A_ID.eq(id)).execute();
    }

    // Referrals

    Optional<Long> referrerOf(long clientId) {
        return db.dsl().select(R_AFFILIATE).from(R).where(R_CLIENT.eq(clientId)).fetchOptional(R_AFFILIATE);
    }

    /** Records the referral unless the client has one already (the first attribution wins). */
    boolean insertReferral(long clientId, long affiliateId, Long orderId, String source, LocalDateTime now) {
        try {
            return db.dsl().insertInto(R).set(R_CLIENT, clientId).set(R_AFFILIATE, affiliateId).set(R_ORDER, orderId)
                    .set(R_SOURCE, source).set(CREATED_AT, now).onConflict(field(name("affiliate_referral", "client_id")))
                    .doNothing().execute() == 1;
        } catch (DataAccessException e) {
            if (!Db.isConstraintViolation(e)) throw e;
            return false;
        }
    }

    int referrals(long affiliateId) {
        return db.dsl().fetchCount(R, R_AFFILIATE.eq(affiliateId));
    }

    // Campaigns

    private static final List<Field<?>> CAMPAIGN_COLUMNS = List.of(C_ID, C_NAME, C_URL, C_DESCRIPTION, C_ENABLED, CREATED_AT, UPDATED_AT);

    private static Campaign campaign(Record r) {
        return new Campaign(r.get(C_ID), r.get(C_NAME), r.get(C_URL), r.get(C_DESCRIPTION), Boolean.TRUE.equals(r.get(C_ENABLED)),
                r.get(CREATED_AT), r.get(UPDATED_AT));
    }

    List<Campaign> campaigns(boolean enabledOnly) {
        return db.dsl().select(CAMPAIGN_COLUMNS).from(C).where(enabledOnly ? C_ENABLED.isTrue() : DSL.trueCondition())
                .orderBy(C_ID).fetch(AffiliateStore::campaign);
    }

    Optional<Campaign> campaign(long id) {
        return db.dsl().select(CAMPAIGN_COLUMNS).from(C).where(C_ID.eq(id)).fetchOptional(AffiliateStore::campaign);
    }

    long insertCampaign(Campaign c, LocalDateTime now) {
        return db.dsl().insertInto(C).set(C_NAME, c.name()).set(C_URL, c.url()).set(C_DESCRIPTION, c.description())
                .set(C_ENABLED, c.enabled()).set(CREATED_AT, now).set(UPDATED_AT, now).returningResult(C_ID).fetchOne().value1();
    }

    void updateCampaign(Campaign c, LocalDateTime now) {
        db.dsl().update(C).set(C_NAME, c.name()).set(C_URL, c.url()).set(C_DESCRIPTION, c.description())
                .set(C_ENABLED, c.enabled()).set(UPDATED_AT, now).where(C_ID.eq(c.id())).execute();
    }

    boolean deleteCampaign(long id) {
        return db.dsl().deleteFrom(C).where(C_ID.eq(id)).execute() == 1;
    }
}
