package io.steward.m365;

import static org.jooq.impl.DSL.field;
import static org.jooq.impl.DSL.name;
import static org.jooq.impl.DSL.table;

import io.steward.db.Db;
import java.math.BigDecimal;
import java.time.LocalDate;
import java.time.LocalDateTime;
import java.util.List;
import java.util.Optional;
import org.jooq.Field;
import org.jooq.Record;
import org.jooq.Table;

/** The m365 feature's tables: tenants (as services), subscriptions, pending prorated charges. */
final class M365Store {
    static final Table<Record> T = table(name("m365_tenant"));
    static final Field<Long> T_SERVICE = field(name("service_id"), Long.class);
    static final Field<Long> T_CLIENT = field(name("client_id"), Long.class);
    static final Field<Long> T_BILLED = field(name("billed_client_id"), Long.class);
    static final Field<BigDecimal> T_DISCOUNT = field(name("discount_percent"), BigDecimal.class);
    static final Field<String> T_NAME = field(name("name"), String.class);
    static final Field<String> T_CSP = field(name("csp_tenant_id"), String.class);
    static final Field<LocalDateTime> CREATED = field(name("created_at"), LocalDateTime.class);
    static final Field<LocalDateTime> UPDATED = field(name("updated_at"), LocalDateTime.class);

    static final Table<Record> S = table(name("m365_subscription"));
    static final Field<String> S_ID = field(name("id"), String.class);
    static final Field<Long> S_SERVICE = field(name("service_id"), Long.class);
    static final Field<Integer> S_CATALOG = field(name("catalog_id"), Integer.class);
    static final Field<String> S_NAME = field(name("friendly_name"), String.class);
    static final Field<String> S_OFFER = field(name("offer_id"), String.class);
    static final Field<Integer> S_QTY = field(name("quantity"), Integer.class);
    static final Field<String> S_TERM = field(name("term"), String.class);
    static final Field<String> S_CYCLE = field(name("cycle"), String.class);
    static final Field<BigDecimal> S_PRICE = field(name("unit_price"), BigDecimal.class);
    static final Field<String> S_CURRENCY = field(name("currency"), String.class);
    static final Field<LocalDate> S_TERM_START = field(name("term_start"), LocalDate.class);
    static final Field<LocalDate> S_TERM_END = field(name("term_end"), LocalDate.class);
    static final Field<LocalDate> S_PERIOD_START = field(name("period_start"), LocalDate.class);
    static final Field<LocalDate> S_PERIOD_END = field(name("period_end"), LocalDate.class);
    static final Field<LocalDateTime> S_CANCEL_UNTIL = field(name("cancel_until"), LocalDateTime.class);
    static final Field<String> S_ORDER = field(name("order_id"), String.class);
    static final Field<String> S_STATUS = field(name("status"), String.class);

    static final Table<Record> C = table(name("m365_charge"));
    static final Field<Long> C_ID = field(name("id"), Long.class);
    static final Field<String> C_SUB = field(name("subscription_id"), String.class);
    static final Field<String> C_DESC = field(name("description"), String.class);
    static final Field<BigDecimal> C_AMOUNT = field(name("amount"), BigDecimal.class);
    static final Field<Long> C_INVOICE = field(name("invoice_id"), Long.class);

    record Tenant(long serviceId, long clientId, long billedClientId, BigDecimal discountPercent, String name, String cspTenantId) {
        String domain() { return name + ".onmicrosoft.com"; }
    }

    record Subscription(String id, long serviceId, int catalogId, String friendlyName, String offerId, int quantity, String term, String cycle,
                        BigDecimal unitPrice, String currency, LocalDate termStart, LocalDate termEnd, LocalDate periodStart,
                        LocalDate periodEnd, LocalDateTime cancelUntil, String orderId, LocalDateTime createdAt, String status) {
        static final String ACTIVE = "active";
        static final String SUSPENDED = "suspended";
        static final String CANCELLED = "cancelled";

        boolean active() { return ACTIVE.equals(status); }
    }

    record Charge(long id, String description, BigDecimal amount) {}

    private final Db db;

    M365Store(Db db) {
        this.db = db;
    }

    void insertTenant(Tenant t, LocalDateTime now) {
        db.dsl().insertInto(T).set(T_SERVICE, t.serviceId()).set(T_CLIENT, t.clientId()).set(T_BILLED, t.billedClientId())
                .set(T_DISCOUNT, t.discountPercent()).set(T_NAME, t.name()).set(T_CSP, t.cspTenantId()).set(CREATED, now).execute();
    }

    boolean nameTaken(String name) {
        return db.dsl().fetchExists(db.dsl().selectOne().from(T).where(T_NAME.eq(name)));
    }

    Optional<Tenant> tenant(long serviceId) {
        return db.dsl().select(T_SERVICE, T_CLIENT, T_BILLED, T_DISCOUNT, T_NAME, T_CSP).from(T).where(T_SERVICE.eq(serviceId))
                .fetchOptional(r -> new Tenant(r.get(T_SERVICE), r.get(T_CLIENT), r.get(T_BILLED), r.get(T_DISCOUNT), r.get(T_NAME), r.get(T_CSP)));
    }

    void insertSubscription(Subscription s, LocalDateTime now) {
        db.dsl().insertInto(S).set(S_ID, s.id()).set(S_SERVICE, s.serviceId()).set(S_CATALOG, s.catalogId()).set(S_NAME, s.friendlyName())
                .set(S_OFFER, s.offerId()).set(S_QTY, s.quantity()).set(S_TERM, s.term()).set(S_CYCLE, s.cycle()).set(S_PRICE, s.unitPrice())
                .set(S_CURRENCY, s.currency()).set(S_TERM_START, s.termStart()).set(S_TERM_END, s.termEnd()).set(S_PERIOD_START, s.periodStart())
                .set(S_PERIOD_END, s.periodEnd()).set(S_CANCEL_UNTIL, s.cancelUntil()).set(S_ORDER, s.orderId()).set(CREATED, now)
                .set(UPDATED, now).execute();
    }

    private static Subscription subscription(Record r) {
        return new Subscription(r.get(S_ID), r.get(S_SERVICE), r.get(S_CATALOG), r.get(S_NAME), r.get(S_OFFER), r.get(S_QTY), r.get(S_TERM),
                r.get(S_CYCLE), r.get(S_PRICE), r.get(S_CURRENCY), r.get(S_TERM_START), r.get(S_TERM_END), r.get(S_PERIOD_START),
                r.get(S_PERIOD_END), r.get(S_CANCEL_UNTIL), r.get(S_ORDER), r.get(CREATED), r.get(S_STATUS));
    }

    private static final List<Field<?>> S_COLUMNS = List.of(S_ID, S_SERVICE, S_CATALOG, S_NAME, S_OFFER, S_QTY, S_TERM, S_CYCLE, S_PRICE, S_CURRENCY,
            S_TERM_START, S_TERM_END, S_PERIOD_START, S_PERIOD_END, S_CANCEL_UNTIL, S_ORDER, CREATED, S_STATUS);

    List<Subscription> subscriptions(long serviceId) {
        return db.dsl().select(S_COLUMNS).from(S).where(S_SERVICE.eq(serviceId)).orderBy(CREATED, S_ID).fetch(M365Store::subscription);
    }

    Optional<Subscription> subscriptionForUpdate(long serviceId, String id) {
        return db.dsl().select(S_COLUMNS).from(S).where(S_ID.eq(id)).and(S_SERVICE.eq(serviceId)).forUpdate().fetchOptional(M365Store::subscription);
    }

    /** Active subscriptions whose billing period ended by {@code day}, oldest first (suspended and cancelled ones are not renewed). */
    List<Subscription> due(LocalDate day, int limit) {
        return db.dsl().select(S_COLUMNS).from(S).where(S_PERIOD_END.le(day)).and(S_STATUS.eq(Subscription.ACTIVE)).orderBy(S_PERIOD_END, S_ID).limit(limit).fetch(M365Store::subscription);
    }

    void setQuantity(String id, int quantity, LocalDateTime now) {
        db.dsl().update(S).set(S_QTY, quantity).set(UPDATED, now).where(S_ID.eq(id)).execute();
    }

    /** Moves the billing period on, only from the period the caller read: a second run finds nothing to move (exactly once). */
    boolean advance(Subscription s, LocalDate periodEnd, LocalDate termStart, LocalDate termEnd, LocalDateTime cancelUntil, LocalDateTime now) {
        return db.dsl().update(S).set(S_PERIOD_START, s.periodEnd()).set(S_PERIOD_END, periodEnd).set(S_TERM_START, termStart)
                .set(S_TERM_END, termEnd).set(S_CANCEL_UNTIL, cancelUntil).set(UPDATED, now)
                .where(S_ID.eq(s.id())).and(S_PERIOD_END.eq(s.periodEnd())).and(S_STATUS.eq(Subscription.ACTIVE)).execute() == 1;
    }

    /** Moves the tenant's subscriptions in status {@code from} (any but cancelled when null) to {@code to}; how many. */
    int setStatus(long serviceId, String from, String to, LocalDateTime now) {
        return db.dsl().update(S).set(S_STATUS, to).set(UPDATED, now).where(S_SERVICE.eq(serviceId))
                .and(from == null ? S_STATUS.ne(Subscription.CANCELLED) : S_STATUS.eq(from)).execute();
    }

    void insertCharge(String subscriptionId, String description, BigDecimal amount, LocalDateTime now) {
        db.dsl().insertInto(C).set(C_SUB, subscriptionId).set(C_DESC, description).set(C_AMOUNT, amount).set(CREATED, now).execute();
    }

    List<Charge> pendingCharges(String subscriptionId) {
        return db.dsl().select(C_ID, C_DESC, C_AMOUNT).from(C).where(C_SUB.eq(subscriptionId)).and(C_INVOICE.isNull()).orderBy(C_ID)
                .fetch(r -> new Charge(r.get(C_ID), r.get(C_DESC), r.get(C_AMOUNT)));
    }

    void billCharges(List<Long> ids, long invoiceId) {
        if (!ids.isEmpty()) db.dsl().update(C).set(C_INVOICE, invoiceId).where(C_ID.in(ids)).and(C_INVOICE.isNull()).execute();
    }
}
