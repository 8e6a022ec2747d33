package io.steward.upgrade;

import static org.jooq.impl.DSL.field;
import static org.jooq.impl.DSL.name;
import static org.jooq.impl.DSL.table;

import io.steward.core.BillingCycle;
import io.steward.db.Db;
import java.math.BigDecimal;
import java.time.LocalDate;
import java.time.LocalDateTime;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;
import java.util.Optional;
import org.jooq.Condition;
import org.jooq.Field;
import org.jooq.Record;
import org.jooq.Table;
import org.jooq.impl.DSL;
import org.jooq.impl.SQLDataType;

/** The {@code service_option}, {@code service_upgrade} and {@code upgrade_setting} tables. */
final class UpgradeStore {
    static final Table<Record> O = table(name("service_option"));
    static final Field<Long> O_SERVICE = field(name("service_id"), Long.class);
    static final Field<Long> O_FORM = field(name("form_id"), Long.class);
    static final Field<String> O_VALUE = field(name("option_value"), String.class);

    static final Table<Record> U = table(name("service_upgrade"));
    static final Field<Long> ID = field(name("id"), Long.class);
    static final Field<Long> SERVICE_ID = field(name("service_id"), Long.class);
    static final Field<Long> CLIENT_ID = field(name("client_id"), Long.class);
    static final Field<String> STATUS = field(name("status"), String.class);
    static final Field<String> DIRECTION = field(name("direction"), String.class);
    static final Field<Long> FROM_PRODUCT = field(name("from_product_id"), Long.class);
    static final Field<Long> TO_PRODUCT = field(name("to_product_id"), Long.class);
    static final Field<String> TO_NAME = field(name("to_product_name"), String.class);
    static final Field<String> CYCLE = field(name("billing_cycle"), String.class);
    static final Field<String> CURRENCY = field(name("currency"), String.class);
    static final Field<String> OPTIONS = field(name("options"), String.class);
    static final Field<String> MODULE_OPTIONS = field(name("module_options"), String.class);
    static final Field<BigDecimal> OLD_RECURRING = field(name("old_recurring"), SQLDataType.NUMERIC(19, 4));
    static final Field<BigDecimal> NEW_RECURRING = field(name("new_recurring"), SQLDataType.NUMERIC(19, 4));
    static final Field<BigDecimal> AMOUNT = field(name("amount"), SQLDataType.NUMERIC(19, 4));
    static final Field<BigDecimal> CREDIT = field(name("credit"), SQLDataType.NUMERIC(19, 4));
    static final Field<LocalDate> PERIOD_START = field(name("period_start"), LocalDate.class);
    static final Field<LocalDate> PERIOD_END = field(name("period_end"), LocalDate.class);
    static final Field<Integer> DAYS_LEFT = field(name("days_left"), Integer.class);
    static final Field<Integer> DAYS_IN_PERIOD = field(name("days_in_period"), Integer.class);
    static final Field<Long> INVOICE_ID = field(name("invoice_id"), Long.class);
    static final Field<Long> PENDING_SERVICE = field(name("pending_service_id"), Long.class);
    static final Field<String> BY = field(name("requested_by"), String.class);
    static final Field<LocalDateTime> CREATED_AT = field(name("created_at"), LocalDateTime.class);
    static final Field<LocalDateTime> UPDATED_AT = field(name("updated_at"), LocalDateTime.class);
    static final Field<LocalDateTime> FINISHED_AT = field(name("finished_at"), LocalDateTime.class);

    static final List<Field<?>> COLUMNS = List.of(ID, SERVICE_ID, CLIENT_ID, STATUS, DIRECTION, FROM_PRODUCT, TO_PRODUCT, TO_NAME, CYCLE,
            CURRENCY, OPTIONS, MODULE_OPTIONS, OLD_RECURRING, NEW_RECURRING, AMOUNT, CREDIT, PERIOD_START, PERIOD_END, DAYS_LEFT,
            DAYS_IN_PERIOD, INVOICE_ID, BY, CREATED_AT, UPDATED_AT, FINISHED_AT);

    static final Table<Record> S = table(name("upgrade_setting"));
    static final Field<Short> S_ID = field(name("id"), Short.class);
    static final Field<String> S_CREDIT = field(name("downgrade_credit"), String.class);
    static final Field<LocalDateTime> S_UPDATED_AT = field(name("updated_at"), LocalDateTime.class);

    private final Db db;

    UpgradeStore(Db db) {
        this.db = db;
    }

    // The configuration services hold.

    /** The service's option values by form id, in form id order. */
    Map<Long, String> options(long serviceId) {
        var out = new LinkedHashMap<Long, String>();
        db.dsl().select(O_FORM, O_VALUE).from(O).where(O_SERVICE.eq(serviceId)).orderBy(O_FORM)
                .forEach(r -> out.put(r.get(O_FORM), r.get(O_VALUE)));
        return out;
    }

    /** Replaces the service's option values (the product's forms changed with an upgrade). */
    void replaceOptions(long serviceId, Map<Long, String> values) {
        db.dsl().deleteFrom(O).where(O_SERVICE.eq(serviceId)).execute();
        if (values.isEmpty()) return;
        var insert = db.dsl().insertInto(O, O_SERVICE, O_FORM, O_VALUE);
        for (var e : values.entrySet()) insert = insert.values(serviceId, e.getKey(), e.getValue());
        insert.execute();
    }

    // Upgrades.

    static Upgrade map(Record r) {
        return new Upgrade(r.get(ID), r.get(SERVICE_ID), r.get(CLIENT_ID), r.get(STATUS), r.get(DIRECTION), r.get(FROM_PRODUCT),
                r.get(TO_PRODUCT), r.get(TO_NAME), BillingCycle.ofCode(r.get(CYCLE)), r.get(CURRENCY), r.get(OPTIONS),
                r.get(MODULE_OPTIONS), r.get(OLD_RECURRING), r.get(NEW_RECURRING), r.get(AMOUNT), r.get(CREDIT), r.get(PERIOD_START),
                r.get(PERIOD_END), r.get(DAYS_LEFT), r.get(DAYS_IN_PERIOD), r.get(INVOICE_ID), r.get(BY), r.get(CREATED_AT),
                r.get(UPDATED_AT), r.get(FINISHED_AT));
    }

    /** Inserts a Pending upgrade; the unique key on pending_service_id refuses a second one for the service. */
    long insertPending(Upgrade u, LocalDateTime now) {
        return db.dsl().insertInto(U)
                .set(SERVICE_ID, u.serviceId()).set(CLIENT_ID, u.clientId()).set(STATUS, Upgrade.PENDING).set(DIRECTION, u.direction())
                .set(FROM_PRODUCT, u.fromProductId()).set(TO_PRODUCT, u.toProductId()).set(TO_NAME, u.toProductName())
                .set(CYCLE, u.cycle().code()).set(CURRENCY, u.currency()).set(OPTIONS, u.options()).set(MODULE_OPTIONS, u.moduleOptions())
                .set(OLD_RECURRING, u.oldRecurring()).set(NEW_RECURRING, u.newRecurring()).set(AMOUNT, u.amount())
                .set(CREDIT, BigDecimal.ZERO).set(PERIOD_START, u.periodStart()).set(PERIOD_END, u.periodEnd())
                .set(DAYS_LEFT, u.daysLeft()).set(DAYS_IN_PERIOD, u.daysInPeriod()).set(PENDING_SERVICE, u.serviceId())
                .set(BY, u.requestedBy()).set(CREATED_AT, now).set(UPDATED_AT, now)
                .returningResult(ID).fetchOne().value1();
    }

    void setInvoice(long id, long invoiceId, LocalDateTime now) {
        db.dsl().update(U).set(INVOICE_ID, invoiceId).set(UPDATED_AT, now).where(ID.eq(id)).execute();
    }

    /** Moves a Pending upgrade to {@code status} (compare-and-set); false when it was not Pending any more. */
    boolean finish(long id, String status, BigDecimal credit, LocalDateTime now) {
        return db.dsl().update(U).set(STATUS, status).set(PENDING_SERVICE, (Long) null).set(CREDIT, credit).set(UPDATED_AT, now)
                .set(FINISHED_AT, now).where(ID.eq(id)).and(STATUS.eq(Upgrade.PENDING)).execute() == 1;
    }

    Optional<Upgrade> byId(long id) {
        return db.dsl().select(COLUMNS).from(U).where(ID.eq(id)).fetchOptional(UpgradeStore::map);
    }

    /** Pending upgrades paid or cancelled with this invoice, locked. */
    Optional<Upgrade> pendingByInvoiceForUpdate(long invoiceId) {
        return db.dsl().select(COLUMNS).from(U).where(INVOICE_ID.eq(invoiceId)).and(STATUS.eq(Upgrade.PENDING)).forUpdate()
                .fetchOptional(UpgradeStore::map);
    }

    Optional<Upgrade> pendingFor(long serviceId) {
        return db.dsl().select(COLUMNS).from(U).where(PENDING_SERVICE.eq(serviceId)).fetchOptional(UpgradeStore::map);
    }

    private static Condition filter(String status, Long serviceId, Long clientId) {
        Condition c = DSL.noCondition();
        if (status != null) c = c.and(STATUS.eq(status));
        if (serviceId != null) c = c.and(SERVICE_ID.eq(serviceId));
        if (clientId != null) c = c.and(CLIENT_ID.eq(clientId));
        return c;
    }

    List<Upgrade> search(String status, Long serviceId, Long clientId, int page, int perPage) {
        return db.dsl().select(COLUMNS).from(U).where(filter(status, serviceId, clientId)).orderBy(ID.desc())
                .limit(perPage).offset((page - 1) * perPage).fetch(UpgradeStore::map);
    }

    int count(String status, Long serviceId, Long clientId) {
        return db.dsl().fetchCount(U, filter(status, serviceId, clientId));
    }

    // The setting.

    Optional<String> downgradeCredit() {
        return db.dsl().select(S_CREDIT).from(S).where(S_ID.eq((short) 1)).fetchOptional(S_CREDIT);
    }

    void setDowngradeCredit(String value, LocalDateTime now) {
        int n = db.dsl().update(S).set(S_CREDIT, value).set(S_UPDATED_AT, now).where(S_ID.eq((short) 1)).execute();
        if (n == 0) db.dsl().insertInto(S).set(S_ID, (short) 1).set(S_CREDIT, value).set(S_UPDATED_AT, now).execute();
    }
}
