package io.steward.affiliate;

import static org.jooq.impl.DSL.field;
import static org.jooq.impl.DSL.name;
import static org.jooq.impl.DSL.table;

import io.steward.db.Db;
import java.math.BigDecimal;
import java.time.LocalDate;
import java.time.LocalDateTime;
import java.util.List;
import java.util.Optional;
import org.jooq.Condition;
import org.jooq.Field;
import org.jooq.Record;
import org.jooq.Table;
import org.jooq.exception.DataAccessException;
import org.jooq.impl.DSL;
import org.jooq.impl.SQLDataType;

/** The {@code affiliate_commission} and {@code affiliate_payout} tables. */
final class LedgerStore {
    static final Table<Record> CM = table(name("affiliate_commission"));
    static final Field<Long> CM_ID = field(name("id"), Long.class);
    static final Field<Long> CM_AFFILIATE = field(name("affiliate_id"), Long.class);
    static final Field<Long> CM_CLIENT = field(name("client_id"), Long.class);
    static final Field<Long> CM_INVOICE = field(name("invoice_id"), Long.class);
    static final Field<Long> CM_PLAN = field(name("plan_id"), Long.class);
    static final Field<BigDecimal> CM_BASE = field(name("base"), SQLDataType.NUMERIC(19, 4));
    static final Field<BigDecimal> CM_AMOUNT = field(name("amount"), SQLDataType.NUMERIC(19, 4));
    static final Field<String> CM_CURRENCY = field(name("currency"), String.class);
    static final Field<String> CM_STATUS = field(name("status"), String.class);
    static final Field<LocalDate> CM_PAYABLE_ON = field(name("payable_on"), LocalDate.class);
    static final Field<LocalDateTime> CREATED_AT = field(name("created_at"), LocalDateTime.class);
    static final Field<LocalDateTime> UPDATED_AT = field(name("updated_at"), LocalDateTime.class);

    static final Table<Record> PO = table(name("affiliate_payout"));
    static final Field<Long> PO_ID = field(name("id"), Long.class);
    static final Field<Long> PO_AFFILIATE = field(name("affiliate_id"), Long.class);
    static final Field<BigDecimal> PO_AMOUNT = field(name("amount"), SQLDataType.NUMERIC(19, 4));
    static final Field<String> PO_CURRENCY = field(name("currency"), String.class);
    static final Field<String> PO_STATUS = field(name("status"), String.class);
    static final Field<String> PO_METHOD = field(name("method"), String.class);
    static final Field<String> PO_REFERENCE = field(name("reference"), String.class);
    static final Field<String> PO_NOTES = field(name("notes"), String.class);
    static final Field<String> PO_BY = field(name("processed_by"), String.class);
    static final Field<LocalDateTime> PO_PROCESSED_AT = field(name("processed_at"), LocalDateTime.class);

    private final Db db;

    LedgerStore(Db db) {
        this.db = db;
    }

    // Commissions

    private static final List<Field<?>> COMMISSION_COLUMNS = List.of(CM_ID, CM_AFFILIATE, CM_CLIENT, CM_INVOICE, CM_PLAN, CM_BASE,
            CM_AMOUNT, CM_CURRENCY, CM_STATUS, CM_PAYABLE_ON, CREATED_AT, UPDATED_AT);

    private static Commission commission(Record r) {
        return new Commission(r.get(CM_ID), r.get(CM_AFFILIATE), r.get(CM_CLIENT), r.get(CM_INVOICE), r.get(CM_PLAN), r.get(CM_BASE),
                r.get(CM_AMOUNT), r.get(CM_CURRENCY), r.get(CM_STATUS), r.get(CM_PAYABLE_ON), r.get(CREATED_AT), r.get(UPDATED_AT));
    }

    /** Records a commission unless the invoice already has one (a repeated paid event). */
    Optional<Long> insertCommission(long affiliateId, long clientId, long invoiceId, long planId, BigDecimal base, BigDecimal amount,
                                    String currency, String status, LocalDate payableOn, LocalDateTime now) {
        try {
            int n = db.dsl().insertInto(CM).set(CM_AFFILIATE, affiliateId).set(CM_CLIENT, clientId).set(CM_INVOICE, invoiceId)
                    .set(CM_PLAN, planId).set(CM_BASE, base).set(CM_AMOUNT, amount).set(CM_CURRENCY, currency).set(CM_STATUS, status)
                    .set(CM_PAYABLE_ON, payableOn).set(CREATED_AT, now).set(UPDATED_AT, now)
                    .onConflict(field(name("affiliate_commission", "invoice_id"))).doNothing().execute();
            if (n == 0) return Optional.empty();
        } catch (DataAccessException e) {
            if (!Db.isConstraintViolation(e)) throw e;
            return Optional.empty();
        }
        return db.dsl().select(CM_ID).from(CM).where(CM_INVOICE.eq(invoiceId)).fetchOptional(CM_ID);
    }

    Optional<Commission> commission(long id) {
        return db.dsl().select(COMMISSION_COLUMNS).from(CM).where(CM_ID.eq(id)).fetchOptional(LedgerStore::commission);
    }

    Optional<Commission> commissionOfInvoice(long invoiceId) {
        return db.dsl().select(COMMISSION_COLUMNS).from(CM).where(CM_INVOICE.eq(invoiceId)).fetchOptional(LedgerStore::commission);
    }

    /** Whether the referred client earned the affiliate a commission that stands (a reversed one does not count). */
    boolean hasCommissionFor(long affiliateId, long clientId) {
        return db.dsl().fetchExists(DSL.selectOne().from(CM).where(CM_AFFILIATE.eq(affiliateId).and(CM_CLIENT.eq(clientId))
                .and(CM_STATUS.ne(Commission.REVERSED))));
    }

    List<Commission> commissions(Long affiliateId, String status, int page, int perPage) {
        return db.dsl().select(COMMISSION_COLUMNS).from(CM).where(commissionFilter(affiliateId, status)).orderBy(CM_ID.desc())
                .limit(perPage).offset((long) (page - 1) * perPage).fetch(LedgerStore::commission);
    }

    int countCommissions(Long affiliateId, String status) {
        return db.dsl().fetchCount(CM, commissionFilter(affiliateId, status));
    }

    private static Condition commissionFilter(Long affiliateId, String status) {
        Condition c = DSL.trueCondition();
        if (affiliateId != null) c = c.and(CM_AFFILIATE.eq(affiliateId));
        if (status != null) c = c.and(CM_STATUS.eq(status));
        return c;
    }

    /** Compare-and-set of a commission's status; false when it was not in {@code from}. */
    boolean setCommissionStatus(long id, String from, String to, LocalDateTime now) {
        return db.dsl().update(CM).set(CM_STATUS, to).set(UPDATED_AT, now).where(CM_ID.eq(id).and(CM_STATUS.eq(from))).execute() == 1;
    }

    /** Pending commissions whose hold ended on or before {@code today}. */
    List<Long> dueForApproval(LocalDate today, int limit) {
        return db.dsl().select(CM_ID).from(CM).where(CM_STATUS.eq(Commission.PENDING).and(CM_PAYABLE_ON.le(today)))
                .orderBy(CM_ID).limit(limit).fetch(CM_ID);
    }

    BigDecimal sumCommissions(long affiliateId, String status) {
        BigDecimal s = db.dsl().select(DSL.sum(CM_AMOUNT)).from(CM).where(CM_AFFILIATE.eq(affiliateId).and(CM_STATUS.eq(status)))
                .fetchOne().value1();
        return s == null ? BigDecimal.ZERO : s;
    }

    // Payouts

    private static final List<Field<?>> PAYOUT_COLUMNS = List.of(PO_ID, PO_AFFILIATE, PO_AMOUNT, PO_CURRENCY, PO_STATUS, PO_METHOD,
            PO_REFERENCE, PO_NOTES, PO_BY, CREATED_AT, PO_PROCESSED_AT);

    private static Payout payout(Record r) {
        return new Payout(r.get(PO_ID), r.get(PO_AFFILIATE), r.get(PO_AMOUNT), r.get(PO_CURRENCY), r.get(PO_STATUS), r.get(PO_METHOD),
                r.get(PO_REFERENCE), r.get(PO_NOTES), r.get(PO_BY), r.get(CREATED_AT), r.get(PO_PROCESSED_AT));
    }

    long insertPayout(long affiliateId, BigDecimal amount, String currency, String notes, LocalDateTime now) {
        return db.dsl().insertInto(PO).set(PO_AFFILIATE, affiliateId).set(PO_AMOUNT, amount).set(PO_CURRENCY, currency)
                .set(PO_STATUS, Payout.PENDING).set(PO_NOTES, notes).set(CREATED_AT, now).returningResult(PO_ID).fetchOne().value1();
    }

    Optional<Payout> payout(long id) {
        return db.dsl().select(PAYOUT_COLUMNS).from(PO).where(PO_ID.eq(id)).fetchOptional(LedgerStore::payout);
    }

    List<Payout> payouts(Long affiliateId, String status, int page, int perPage) {
        return db.dsl().select(PAYOUT_COLUMNS).from(PO).where(payoutFilter(affiliateId, status)).orderBy(PO_ID.desc())
                .limit(perPage).offset((long) (page - 1) * perPage).fetch(LedgerStore::payout);
    }

    int countPayouts(Long affiliateId, String status) {
        return db.dsl().fetchCount(PO, payoutFilter(affiliateId, status));
    }

    private static Condition payoutFilter(Long affiliateId, String status) {
        Condition c = DSL.trueCondition();
        if (affiliateId != null) c = c.and(PO_AFFILIATE.eq(affiliateId));
        if (status != null) c = c.and(PO_STATUS.eq(status));
        return c;
    }

    /** Closes a Pending payout; false when it was no longer Pending. */
    boolean closePayout(long id, String status, String method, String reference, String notes, String by, LocalDateTime now) {
        return db.dsl().update(PO).set(PO_STATUS, status).set(PO_METHOD, method).set(PO_REFERENCE, reference).set(PO_NOTES, notes)
                .set(PO_BY, by).set(PO_PROCESSED_AT, now).where(PO_ID.eq(id).and(PO_STATUS.eq(Payout.PENDING))).execute() == 1;
    }

    BigDecimal sumPayouts(long affiliateId, String status) {
        BigDecimal s = db.dsl().select(DSL.sum(PO_AMOUNT)).from(PO).where(PO_AFFILIATE.eq(affiliateId).and(PO_STATUS.eq(status)))
                .fetchOne().value1();
        return s == null ? BigDecimal.ZERO : s;
    }

    boolean hasMoney(long affiliateId) {
        return db.dsl().fetchExists(DSL.selectOne().from(CM).where(CM_AFFILIATE.eq(affiliateId)))
                || db.dsl().fetchExists(DSL.selectOne().from(PO).where(PO_AFFILIATE.eq(affiliateId)));
    }
}
