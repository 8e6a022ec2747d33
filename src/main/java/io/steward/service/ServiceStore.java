package io.steward.service;

import static org.jooq.impl.DSL.field;
import static org.jooq.impl.DSL.name;
import static org.jooq.impl.DSL.table;

import io.steward.core.BillingCycle;
import io.steward.db.Db;
import io.steward.jobs.Job;
import io.steward.jobs.Jobs;
import java.math.BigDecimal;
import java.time.LocalDate;
import java.time.LocalDateTime;
import java.util.HashSet;
import java.util.List;
import java.util.Optional;
import java.util.Set;
import org.jooq.Condition;
import org.jooq.Field;
import org.jooq.Record;
import org.jooq.Table;
import org.jooq.impl.DSL;

/** The {@code service} table. */
final class ServiceStore {
    static final Table<Record> T = table(name("service"));
    static final Field<Long> ID = field(name("id"), Long.class);
    /** The id qualified, to correlate subqueries on other tables with the service row. */
    static final Field<Long> QUALIFIED_ID = field(name("service", "id"), Long.class);
    static final Field<Long> CLIENT_ID = field(name("client_id"), Long.class);
    static final Field<Long> PRODUCT_ID = field(name("product_id"), Long.class);
    static final Field<Long> ORDER_ID = field(name("order_id"), Long.class);
    static final Field<String> NAME = field(name("name"), String.class);
    static final Field<String> CATEGORY = field(name("category"), String.class);
    static final Field<String> CATEGORY_SLUG = field(name("category_slug"), String.class);
    static final Field<String> STATUS = field(name("status"), String.class);
    static final Field<String> CYCLE = field(name("billing_cycle"), String.class);
    static final Field<String> CURRENCY = field(name("currency"), String.class);
    static final Field<BigDecimal> RECURRING = field(name("recurring_amount"), BigDecimal.class);
    static final Field<BigDecimal> FIRST_PAYMENT = field(name("first_payment"), BigDecimal.class);
    static final Field<LocalDate> REGISTERED_ON = field(name("registered_on"), LocalDate.class);
    static final Field<LocalDate> NEXT_DUE = field(name("next_due"), LocalDate.class);
    static final Field<LocalDate> NEXT_INVOICE = field(name("next_invoice"), LocalDate.class);
    static final Field<Integer> BILLING_DAY = field(name("billing_day"), Integer.class);
    static final Field<String> DOMAIN = field(name("domain"), String.class);
    static final Field<String> LABEL = field(name("label"), String.class);
    static final Field<String> USERNAME = field(name("username"), String.class);
    static final Field<String> PASSWORD = field(name("password_sealed"), String.class);
    static final Field<String> MODULE = field(name("module"), String.class);
    static final Field<Boolean> MANUAL = field(name("manual_provisioning"), Boolean.class);
    static final Field<String> MODULE_CONFIG = field(name("module_config"), String.class);
    static final Field<String> MODULE_STATE = field(name("module_state"), String.class);
    static final Field<String> SUSPEND_REASON = field(name("suspend_reason"), String.class);
    static final Field<String> CANCEL_TYPE = field(name("cancel_type"), String.class);
    static final Field<String> CANCEL_REASON = field(name("cancel_reason"), String.class);
    static final Field<LocalDateTime> CANCEL_AT = field(name("cancel_requested_at"), LocalDateTime.class);
    static final Field<LocalDateTime> CREATED_AT = field(name("created_at"), LocalDateTime.class);
    static final Field<LocalDateTime> UPDATED_AT = field(name("updated_at"), LocalDateTime.class);

    static final List<Field<?>> COLUMNS = List.of(ID, CLIENT_ID, PRODUCT_ID, ORDER_ID, NAME, CATEGORY, CATEGORY_SLUG, STATUS, CYCLE,
            CURRENCY, RECURRING, FIRST_PAYMENT, REGISTERED_ON, NEXT_DUE, NEXT_INVOICE, BILLING_DAY, DOMAIN, LABEL, USERNAME, PASSWORD,
            MODULE, MANUAL, MODULE_CONFIG, MODULE_STATE, SUSPEND_REASON, CANCEL_TYPE, CANCEL_REASON, CANCEL_AT, CREATED_AT, UPDATED_AT);

    /** Cycles that renew: Free and one-time services never come due. */
    private static final Condition RECURRING_CYCLE = CYCLE.notIn(BillingCycle.FREE.code(), BillingCycle.ONCE.code());

    private final Db db;
    /** Every client-API request on a service (a DNS record change, ...) loads it first: pre-rendered. */
    private final io.steward.db.HotQuery byIdQuery;

    ServiceStore(Db db) {
        this.db = db;
        this.byIdQuery = db.prepare(db.dsl().select(COLUMNS).from(T).where(ID.eq(DSL.param("id", Long.class))));
    }

    /** Services not closed (Pending, Active, Suspended) of any of the products or on any of the server modules. */
    List<Service> openOn(Long clientId, java.util.Collection<Long> productIds, java.util.Collection<String> modules) {
        Condition on = DSL.falseCondition();
        if (!productIds.isEmpty()) on = on.or(PRODUCT_ID.in(productIds));
        if (!modules.isEmpty()) on = on.or(MODULE.in(modules));
        Condition whose = clientId == null ? DSL.noCondition() : CLIENT_ID.eq(clientId);
        return db.dsl().select(COLUMNS).from(T).where(on).and(whose).and(STATUS.in(Service.PENDING, Service.ACTIVE, Service.SUSPENDED))
                .orderBy(ID).fetch(ServiceStore::map);
    }

    static Service map(Record r) {
        return new Service(r.get(ID), r.get(CLIENT_ID), r.get(PRODUCT_ID), r.get(ORDER_ID), r.get(NAME), r.get(CATEGORY),
                r.get(CATEGORY_SLUG), r.get(STATUS), BillingCycle.ofCode(r.get(CYCLE)), r.get(CURRENCY), r.get(RECURRING),
                r.get(FIRST_PAYMENT), r.get(REGISTERED_ON), r.get(NEXT_DUE), r.get(NEXT_INVOICE), r.get(BILLING_DAY), r.get(DOMAIN),
                r.get(LABEL), r.get(USERNAME), r.get(PASSWORD), r.get(MODULE), r.get(MANUAL), r.get(MODULE_CONFIG), r.get(MODULE_STATE),
                r.get(SUSPEND_REASON), r.get(CANCEL_TYPE), r.get(CANCEL_REASON), r.get(CANCEL_AT), r.get(CREATED_AT), r.get(UPDATED_AT));
    }

    long insert(ServiceOperations.NewService s, String sealedPassword, LocalDateTime now) {
        return db.dsl().insertInto(T)
                .set(CLIENT_ID, s.clientId()).set(PRODUCT_ID, s.productId()).set(ORDER_ID, s.orderId())
                .set(NAME, s.name()).set(CATEGORY, s.category()).set(CATEGORY_SLUG, s.categorySlug())
                .set(STATUS, Service.PENDING).set(CYCLE, s.cycle().code()).set(CURRENCY, s.currency())
                .set(RECURRING, s.recurringAmount()).set(FIRST_PAYMENT, s.firstPayment())
                .set(REGISTERED_ON, s.registeredOn()).set(NEXT_DUE, s.nextDue()).set(NEXT_INVOICE, s.nextInvoice())
                .set(BILLING_DAY, s.nextDue() == null ? null : s.nextDue().getDayOfMonth())
                .set(DOMAIN, s.domain()).set(USERNAME, s.username()).set(PASSWORD, sealedPassword)
                .set(MODULE, s.module()).set(MANUAL, s.manualProvisioning()).set(MODULE_CONFIG, s.moduleConfig())
                .set(CREATED_AT, now).set(UPDATED_AT, now)
                .returningResult(ID).fetchOne().value1();
    }

    Optional<Service> byId(long id) {
        return byIdQuery.fetchOptional(ServiceStore::map, id);
    }

    static final Field<Long> SERVER_ID = field(name("server_id"), Long.class);

    /** The server the service was placed on, if any. */
    Optional<Long> serverOf(long id) {
        return Optional.ofNullable(db.dsl().select(SERVER_ID).from(T).where(ID.eq(id)).fetchOne(SERVER_ID));
    }

    /** Records the service's server; a service placed before keeps its server (false). */
    boolean placeOnServer(long id, long serverId, LocalDateTime now) {
        return db.dsl().update(T).set(SERVER_ID, serverId).set(UPDATED_AT, now).where(ID.eq(id)).and(SERVER_ID.isNull()).execute() == 1;
    }

    /** Locks the row for the rest of the transaction: changes to one service are serialised. */
    Optional<Service> byIdForUpdate(long id) {
        return db.dsl().select(COLUMNS).from(T).where(ID.eq(id)).forUpdate().fetchOptional(ServiceStore::map);
    }

    /** The service if it belongs to the client: another client's service is simply absent. */
    Optional<Service> byClient(long clientId, long id) {
        return db.dsl().select(COLUMNS).from(T).where(ID.eq(id)).and(CLIENT_ID.eq(clientId)).fetchOptional(ServiceStore::map);
    }

    List<Service> listByClient(long clientId) {
        return db.dsl().select(COLUMNS).from(T).where(CLIENT_ID.eq(clientId)).orderBy(ID.asc()).fetch(ServiceStore::map);
    }

    Set<Long> ids(long clientId) {
        return new HashSet<>(db.dsl().select(ID).from(T).where(CLIENT_ID.eq(clientId)).fetch(ID));
    }

    int countByClient(long clientId) {
        return db.dsl().fetchCount(T, CLIENT_ID.eq(clientId));
    }

    private static Condition filter(Long clientId, String status, Long productId) {
        Condition c = DSL.noCondition();
        if (clientId != null) c = c.and(CLIENT_ID.eq(clientId));
        if (status != null) c = c.and(STATUS.eq(status));
        if (productId != null) c = c.and(PRODUCT_ID.eq(productId));
        return c;
    }

    List<Service> search(Long clientId, String status, Long productId, int page, int perPage) {
        return db.dsl().select(COLUMNS).from(T).where(filter(clientId, status, productId)).orderBy(ID.asc())
                .limit(perPage).offset((page - 1) * perPage).fetch(ServiceStore::map);
    }

    int count(Long clientId, String status, Long productId) {
        return db.dsl().fetchCount(T, filter(clientId, status, productId));
    }

    /** Distinct clients holding a live (Pending, Active, Suspended) service of the product and/or module given. */
    List<Long> clientIdsWith(Long productId, String module) {
        var c = STATUS.in(Service.PENDING, Service.ACTIVE, Service.SUSPENDED);
        if (productId != null) c = c.and(PRODUCT_ID.eq(productId));
        if (module != null) c = c.and(MODULE.eq(module));
        return db.dsl().selectDistinct(CLIENT_ID).from(T).where(c).orderBy(CLIENT_ID.asc()).fetch(CLIENT_ID);
    }

    void setStatus(long id, String status, String suspendReason, LocalDateTime now) {
        var u = db.dsl().update(T).set(STATUS, status).set(UPDATED_AT, now);
        if (suspendReason != null) u = u.set(SUSPEND_REASON, suspendReason);
        u.where(ID.eq(id)).execute();
    }

    void setLabel(long id, String label, LocalDateTime now) {
        db.dsl().update(T).set(LABEL, label).set(UPDATED_AT, now).where(ID.eq(id)).execute();
    }

    void setProvisioned(long id, String username, String sealedPassword, String moduleState, LocalDateTime now) {
        var u = db.dsl().update(T).set(UPDATED_AT, now);
        if (username != null) u = u.set(USERNAME, username);
        if (sealedPassword != null) u = u.set(PASSWORD, sealedPassword);
        if (moduleState != null) u = u.set(MODULE_STATE, moduleState);
        u.where(ID.eq(id)).execute();
    }

    void setPackage(long id, long productId, String moduleConfig, LocalDateTime now) {
        db.dsl().update(T).set(PRODUCT_ID, productId).set(MODULE_CONFIG, moduleConfig).set(UPDATED_AT, now).where(ID.eq(id)).execute();
    }

    /** An applied upgrade: the product, its name as the client sees it, the amount renewals bill and the module settings. */
    void setUpgraded(long id, long productId, String name, BigDecimal recurring, String moduleConfig, LocalDateTime now) {
        db.dsl().update(T).set(PRODUCT_ID, productId).set(NAME, name).set(RECURRING, recurring).set(MODULE_CONFIG, moduleConfig)
                .set(UPDATED_AT, now).where(ID.eq(id)).execute();
    }

    void setCancellation(long id, String type, String reason, LocalDateTime now) {
        db.dsl().update(T).set(CANCEL_TYPE, type).set(CANCEL_REASON, reason).set(CANCEL_AT, now).set(UPDATED_AT, now)
                .where(ID.eq(id)).execute();
    }

    /** Compare-and-set: moves next_due only if it still is {@code expected}; true when it moved. */
    boolean advanceNextDue(long id, LocalDate expected, LocalDate next, LocalDateTime now) {
        return db.dsl().update(T).set(NEXT_DUE, next).set(UPDATED_AT, now).where(ID.eq(id)).and(NEXT_DUE.eq(expected)).execute() == 1;
    }

    /** Compare-and-set on next_invoice, so a rerun of the billing run cannot move it twice. */
    boolean advanceNextInvoice(long id, LocalDate expected, LocalDate next, LocalDateTime now) {
        return db.dsl().update(T).set(NEXT_INVOICE, next).set(UPDATED_AT, now).where(ID.eq(id)).and(NEXT_INVOICE.eq(expected))
                .execute() == 1;
    }

    /**
     * The compare-and-set moves: on PostgreSQL one {@code UPDATE ... FROM unnest(...)} with the
     * ids, expected and new dates bound as three arrays, when every service appears once (a JDBC
     * batch of single-row updates costs a statement each on the server, and a VALUES list a bind
     * value each to render); otherwise, and on H2 (no UPDATE ... FROM), one JDBC batch.
     */
    int advanceNextInvoices(List<ServiceOperations.NextInvoiceMove> moves, LocalDateTime now) {
        if (db.isPostgres() && moves.stream().map(ServiceOperations.NextInvoiceMove::serviceId).distinct().count() == moves.size()) {
            return db.dsl().connectionResult(c -> {
                try (var ps = c.prepareStatement("""
                        UPDATE service SET next_invoice = m.next, updated_at = ?
                        FROM unnest(?::bigint[], ?::date[], ?::date[]) AS m(id, expected, next)
                        WHERE service.id = m.id AND service.next_invoice = m.expected""")) {
                    ps.setObject(1, now);
                    ps.setArray(2, c.createArrayOf("int8", moves.stream().map(ServiceOperations.NextInvoiceMove::serviceId).toArray(Long[]::new)));
                    ps.setArray(3, c.createArrayOf("varchar", moves.stream().map(m -> m.expected().toString()).toArray(String[]::new)));
                    ps.setArray(4, c.createArrayOf("varchar", moves.stream().map(m -> m.next().toString()).toArray(String[]::new)));
                    return ps.executeUpdate();
                }
            });
        }
        var updates = moves.stream().map(m -> db.dsl().update(T).set(NEXT_INVOICE, m.next()).set(UPDATED_AT, now)
                .where(ID.eq(m.serviceId())).and(NEXT_INVOICE.eq(m.expected()))).toList();
        int moved = 0;
        for (int n : db.dsl().batch(updates).execute()) if (n > 0) moved++;
        return moved;
    }

    // Listings for the billing engine, keyset-paged so a run can page through millions.

    /**
     * Services due for invoicing, whole clients at a time: those of the clients after
     * {@code afterClientId}, in (client, id) order, at least {@code limit} of them unless fewer are
     * left, and never part of a client's. The page runs to the limit and then on to the end of the
     * last client's services, so a client's renewals always meet in one page (one invoice).
     */
    List<Service> dueForInvoicing(LocalDate asOf, long afterClientId, int limit) {
        // Plain JDBC on a fixed text: a run lists every due service, and jOOQ's per-row record
        // mapping (field lookups, date conversions through Calendar) cost more than the query itself.
        return db.dsl().connectionResult(c -> {
            var page = new java.util.ArrayList<Service>(limit + 16);
            try (var ps = c.prepareStatement(DUE_PAGE)) {
                ps.setObject(1, asOf);
                ps.setLong(2, afterClientId);
                ps.setInt(3, limit);
                readAll(ps, page);
            }
            if (page.size() == limit && limit > 0) {
                Service last = page.get(page.size() - 1);
                try (var ps = c.prepareStatement(DUE_REST_OF_CLIENT)) {
                    ps.setObject(1, asOf);
                    ps.setLong(2, last.clientId());
                    ps.setLong(3, last.id());
                    readAll(ps, page);
                }
            }
            return page;
        });
    }

    private static final String DUE = "status IN ('" + Service.ACTIVE + "', '" + Service.SUSPENDED + "') AND billing_cycle NOT IN ('"
            + BillingCycle.FREE.code() + "', '" + BillingCycle.ONCE.code() + "') AND next_invoice <= ? AND cancel_type IS NULL";
    private static final String SELECT_COLUMNS = "SELECT " + String.join(", ", COLUMNS.stream().map(Field::getName).toList()) + " FROM service WHERE ";
    private static final String DUE_PAGE = SELECT_COLUMNS + DUE + " AND client_id > ? ORDER BY client_id, id LIMIT ?";
    private static final String DUE_REST_OF_CLIENT = SELECT_COLUMNS + DUE + " AND client_id = ? AND id > ? ORDER BY id";

    private static void readAll(java.sql.PreparedStatement ps, List<Service> into) throws java.sql.SQLException {
        try (var rs = ps.executeQuery()) {
            while (rs.next()) into.add(read(rs));
        }
    }

    /** A row of {@link #COLUMNS}, read by position (the same order as {@link #map}). */
    private static Service read(java.sql.ResultSet rs) throws java.sql.SQLException {
        return new Service(rs.getLong(1), rs.getLong(2), rs.getObject(3, Long.class), rs.getObject(4, Long.class), rs.getString(5),
                rs.getString(6), rs.getString(7), rs.getString(8), BillingCycle.ofCode(rs.getString(9)), rs.getString(10),
                rs.getBigDecimal(11), rs.getBigDecimal(12), rs.getObject(13, LocalDate.class), rs.getObject(14, LocalDate.class),
                rs.getObject(15, LocalDate.class), rs.getObject(16, Integer.class), rs.getString(17), rs.getString(18), rs.getString(19),
                rs.getString(20), rs.getString(21), rs.getBoolean(22), rs.getString(23), rs.getString(24), rs.getString(25),
                rs.getString(26), rs.getString(27), rs.getObject(28, LocalDateTime.class), rs.getObject(29, LocalDateTime.class),
                rs.getObject(30, LocalDateTime.class));
    }

    /** Services in {@code status} whose first unpaid period started on or before {@code dueOnOrBefore}, without a pending {@code action} job. */
    List<Service> overdue(String status, LocalDate dueOnOrBefore, String pendingAction, long afterId, int limit) {
        return db.dsl().select(COLUMNS).from(T)
                .where(STATUS.eq(status)).and(RECURRING_CYCLE).and(NEXT_DUE.le(dueOnOrBefore)).and(ID.gt(afterId))
                .andNot(Jobs.jobExists(ProvisioningQueue.KIND, QUALIFIED_ID, pendingAction, Job.UNFINISHED))
                .orderBy(ID.asc()).limit(limit).fetch(ServiceStore::map);
    }

    /** Services whose end-of-period cancellation is due on {@code asOf} and not yet acted on. */
    List<Service> endOfPeriodCancellations(LocalDate asOf, long afterId, int limit) {
        return db.dsl().select(COLUMNS).from(T)
                .where(CANCEL_TYPE.eq(Service.CANCEL_END_OF_PERIOD)).and(STATUS.in(Service.PENDING, Service.ACTIVE, Service.SUSPENDED))
                .and(NEXT_DUE.isNull().or(NEXT_DUE.le(asOf))).and(ID.gt(afterId))
                .andNot(Jobs.jobExists(ProvisioningQueue.KIND, QUALIFIED_ID, ProvisioningJob.Action.TERMINATE.code(), null))
                .orderBy(ID.asc()).limit(limit).fetch(ServiceStore::map);
    }
}
