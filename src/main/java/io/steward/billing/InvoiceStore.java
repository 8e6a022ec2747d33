package io.steward.billing;

import static org.jooq.impl.DSL.field;
import static org.jooq.impl.DSL.name;
import static org.jooq.impl.DSL.table;

import io.steward.core.Money;
import io.steward.db.Db;
import java.math.BigDecimal;
import java.time.LocalDate;
import java.time.LocalDateTime;
import java.util.ArrayList;
import java.util.Collection;
import java.util.HashSet;
import java.util.List;
import java.util.Map;
import java.util.Optional;
import java.util.Set;
import org.jooq.Condition;
import org.jooq.Field;
import org.jooq.Record;
import org.jooq.Table;
import org.jooq.exception.DataAccessException;
import org.jooq.impl.DSL;

/** The {@code invoice} and {@code invoice_item} tables. */
final class InvoiceStore {
    static final Table<Record> T = table(name("invoice"));
    static final Field<Long> ID = field(name("id"), Long.class);
    static final Field<Long> CLIENT_ID = field(name("client_id"), Long.class);
    static final Field<String> STATUS = field(name("status"), String.class);
    static final Field<String> SERIES = field(name("series"), String.class);
    static final Field<String> NUMBER = field(name("doc_number"), String.class);
    static final Field<LocalDate> DATE = field(name("issue_date"), LocalDate.class);
    static final Field<LocalDate> DUE_DATE = field(name("due_date"), LocalDate.class);
    static final Field<LocalDateTime> PAID_AT = field(name("paid_at"), LocalDateTime.class);
    static final Field<String> CURRENCY = field(name("currency"), String.class);
    static final Field<BigDecimal> SUBTOTAL = Sql.money("subtotal");
    static final Field<BigDecimal> CREDIT = Sql.money("credit");
    static final Field<BigDecimal> AMOUNT_PAID = Sql.money("amount_paid");
    static final Field<BigDecimal> REFUNDED = Sql.money("refunded");
    static final Field<BigDecimal> TAX = Sql.money("tax");
    static final Field<BigDecimal> TAXRATE = Sql.rate("taxrate");
    static final Field<BigDecimal> TAX2 = Sql.money("tax2");
    static final Field<BigDecimal> TAXRATE2 = Sql.rate("taxrate2");
    static final Field<Boolean> TAXEXEMPT = field(name("taxexempt"), Boolean.class);
    static final Field<BigDecimal> TOTAL = Sql.money("total");
    static final Field<Long> GATEWAY_ID = field(name("gateway_id"), Long.class);
    static final Field<String> NOTES = field(name("notes"), String.class);
    static final Field<String> SNAPSHOT = field(name("client_snapshot"), String.class);
    static final Field<LocalDateTime> CREATED_AT = field(name("created_at"), LocalDateTime.class);
    static final Field<LocalDateTime> UPDATED_AT = field(name("updated_at"), LocalDateTime.class);
    static final List<Field<?>> COLUMNS = List.of(ID, CLIENT_ID, STATUS, SERIES, NUMBER, DATE, DUE_DATE, PAID_AT, CURRENCY,
            SUBTOTAL, CREDIT, AMOUNT_PAID, REFUNDED, TAX, TAXRATE, TAX2, TAXRATE2, TAXEXEMPT, TOTAL, GATEWAY_ID, NOTES,
            SNAPSHOT, CREATED_AT);

    static final Table<Record> ITEM = table(name("invoice_item"));
    static final Field<Long> I_ID = field(name("id"), Long.class);
    static final Field<Long> I_INVOICE_ID = field(name("invoice_id"), Long.class);
    static final Field<String> I_TYPE = field(name("item_type"), String.class);
    static final Field<Long> I_ITEM_ID = field(name("item_id"), Long.class);
    static final Field<String> I_DESCRIPTION = field(name("description"), String.class);
    static final Field<BigDecimal> I_AMOUNT = Sql.money("amount");
    static final Field<BigDecimal> I_QTY = field(name("qty"), org.jooq.impl.SQLDataType.NUMERIC(12, 2));
    static final Field<Boolean> I_TAXED = field(name("taxed"), Boolean.class);
    static final Field<BigDecimal> I_LINETOTAL = Sql.money("linetotal");
    static final Field<Long> I_SERVICE_ID = field(name("service_id"), Long.class);
    static final Field<LocalDate> I_PERIOD_START = field(name("period_start"), LocalDate.class);
    static final Field<LocalDate> I_PERIOD_END = field(name("period_end"), LocalDate.class);
    static final List<Field<?>> ITEM_COLUMNS = List.of(I_ID, I_INVOICE_ID, I_TYPE, I_ITEM_ID, I_DESCRIPTION, I_AMOUNT, I_QTY,
            I_TAXED, I_LINETOTAL, I_SERVICE_ID, I_PERIOD_START, I_PERIOD_END);

    /** The unique key of a service-period line. */
    record PeriodKey(long serviceId, LocalDate periodStart, String type) {
        static PeriodKey of(InvoiceDraft.Line l) {
            return new PeriodKey(l.serviceId(), l.periodStart(), l.type());
        }
    }

    /** The header fields fixed when an invoice is written. */
    record NewInvoice(long clientId, String series, LocalDate date, LocalDate dueDate, String currency, Long gatewayId,
                      String notes, String snapshot, LocalDateTime now) {}

    private final Db db;

    InvoiceStore(Db db) {
        this.db = db;
    }

    static Invoice map(Record r) {
        String cur = r.get(CURRENCY);
        return new Invoice(r.get(ID), r.get(CLIENT_ID), r.get(STATUS), r.get(SERIES), r.get(NUMBER), r.get(DATE),
                r.get(DUE_DATE), r.get(PAID_AT), cur, m(r.get(SUBTOTAL), cur), m(r.get(CREDIT), cur),
                m(r.get(AMOUNT_PAID), cur), m(r.get(REFUNDED), cur), m(r.get(TAX), cur), Sql.plain(r.get(TAXRATE)),
                m(r.get(TAX2), cur), Sql.plain(r.get(TAXRATE2)), r.get(TAXEXEMPT), m(r.get(TOTAL), cur),
                r.get(GATEWAY_ID), r.get(NOTES), r.get(SNAPSHOT), r.get(CREATED_AT));
    }

    private static BigDecimal m(BigDecimal v, String currency) {
        return Money.round(v, currency);
    }

    private static InvoiceLine mapLine(Record r, String currency) {
        return new InvoiceLine(r.get(I_ID), r.get(I_INVOICE_ID), r.get(I_TYPE), r.get(I_ITEM_ID), r.get(I_DESCRIPTION),
                m(r.get(I_AMOUNT), currency), r.get(I_QTY).setScale(2), r.get(I_TAXED), m(r.get(I_LINETOTAL), currency),
                r.get(I_SERVICE_ID), r.get(I_PERIOD_START), r.get(I_PERIOD_END));
    }

    /** Inserts an Unpaid invoice with its number and totals (numbers are taken before the rows are written). */
    long insert(NewInvoice n, String number, InvoiceCalculator.Totals t) {
        var tax = t.tax();
        return db.dsl().insertInto(T)
                .set(CLIENT_ID, n.clientId()).set(STATUS, Invoice.UNPAID).set(SERIES, n.series()).set(NUMBER, number)
                .set(DATE, n.date()).set(DUE_DATE, n.dueDate()).set(CURRENCY, n.currency())
                .set(SUBTOTAL, t.subtotal()).set(TAX, tax.tax()).set(TAXRATE, tax.rate()).set(TAX2, tax.tax2())
                .set(TAXRATE2, tax.rate2()).set(TAXEXEMPT, tax.exempt()).set(TOTAL, t.total()).set(GATEWAY_ID, n.gatewayId())
                .set(NOTES, n.notes()).set(SNAPSHOT, n.snapshot()).set(CREATED_AT, n.now()).set(UPDATED_AT, n.now())
                .returningResult(ID).fetchOne().value1();
    }

    /**
     * Inserts a line; false when it bills a service period that is already invoiced. PostgreSQL
     * skips the conflict in the statement; on H2 a concurrent duplicate surfaces as a unique
     * violation of this one statement, which leaves the transaction usable.
     */
    boolean insertLine(long invoiceId, InvoiceCalculator.Priced p) {
        var l = p.line();
        var insert = db.dsl().insertInto(ITEM)
                .set(I_INVOICE_ID, invoiceId).set(I_TYPE, l.type()).set(I_ITEM_ID, l.itemId())
                .set(I_DESCRIPTION, l.description()).set(I_AMOUNT, p.amount()).set(I_QTY, p.qty()).set(I_TAXED, l.taxed())
                .set(I_LINETOTAL, p.linetotal()).set(I_SERVICE_ID, l.serviceId()).set(I_PERIOD_START, l.periodStart())
                .set(I_PERIOD_END, l.periodEnd());
        if (!l.billsPeriod()) return insert.execute() == 1;
        try {
            return insert.onConflict(field(name("invoice_item", "service_id")), field(name("invoice_item", "period_start")),
                    field(name("invoice_item", "item_type"))).doNothing().execute() == 1;
        } catch (DataAccessException e) {
            if (Sql.isUniqueViolation(e)) return false;
            throw e;
        }
    }

    /**
     * Which of these service-period keys are already on some invoice. Asked as service ids and
     * period starts in lists (the unique index's leading columns), exact keys picked out here: a
     * long OR of key triples makes PostgreSQL scan the table.
     */
    Set<PeriodKey> invoicedPeriods(Collection<PeriodKey> keys) {
        var wanted = new HashSet<>(keys);
        var out = new HashSet<PeriodKey>();
        var services = new ArrayList<>(wanted.stream().map(PeriodKey::serviceId).distinct().toList());
        var starts = wanted.stream().map(PeriodKey::periodStart).distinct().toList();
        for (int from = 0; from < services.size(); from += 1000) {
            var chunk = services.subList(from, Math.min(services.size(), from + 1000));
            // On PostgreSQL as array binds: one value per list rather than one per element.
            db.dsl().select(I_SERVICE_ID, I_PERIOD_START, I_TYPE).from(ITEM)
                    .where(db.isPostgres() ? I_SERVICE_ID.eq(DSL.any(chunk.toArray(Long[]::new))) : I_SERVICE_ID.in(chunk))
                    .and(db.isPostgres() ? I_PERIOD_START.eq(DSL.any(starts.toArray(LocalDate[]::new))) : I_PERIOD_START.in(starts))
                    .forEach(r -> {
                        var k = new PeriodKey(r.get(I_SERVICE_ID), r.get(I_PERIOD_START), r.get(I_TYPE));
                        if (wanted.contains(k)) out.add(k);
                    });
        }
        return out;
    }

    void setTotals(long id, InvoiceCalculator.Totals t, LocalDateTime now) {
        var tax = t.tax();
        db.dsl().update(T).set(SUBTOTAL, t.subtotal()).set(TAX, tax.tax()).set(TAXRATE, tax.rate()).set(TAX2, tax.tax2())
                .set(TAXRATE2, tax.rate2()).set(TAXEXEMPT, tax.exempt()).set(TOTAL, t.total()).set(UPDATED_AT, now)
                .where(ID.eq(id)).execute();
    }

    void delete(long id) {
        db.dsl().deleteFrom(T).where(ID.eq(id)).execute();
    }

    Optional<Invoice> byId(long id) {
        return db.dsl().select(COLUMNS).from(T).where(ID.eq(id)).fetchOptional(InvoiceStore::map);
    }

    /** The invoices with these ids, in id order (read 1000 at a time). */
    List<Invoice> byIds(List<Long> ids) {
        var sorted = new java.util.ArrayList<>(new java.util.TreeSet<>(ids));
        var out = new java.util.ArrayList<Invoice>(sorted.size());
        for (int from = 0; from < sorted.size(); from += 1000) {
            out.addAll(db.dsl().select(COLUMNS).from(T).where(ID.in(sorted.subList(from, Math.min(sorted.size(), from + 1000))))
                    .orderBy(ID.asc()).fetch(InvoiceStore::map));
        }
        return out;
    }

    /** Locks the invoice row; the caller holds the client's billing-account lock first. */
    Optional<Invoice> byIdForUpdate(long id) {
        return db.dsl().select(COLUMNS).from(T).where(ID.eq(id)).forUpdate().fetchOptional(InvoiceStore::map);
    }

    Optional<Long> clientOf(long id) {
        return db.dsl().select(CLIENT_ID).from(T).where(ID.eq(id)).fetchOptional(CLIENT_ID);
    }

    List<InvoiceLine> lines(long invoiceId, String currency) {
        return db.dsl().select(ITEM_COLUMNS).from(ITEM).where(I_INVOICE_ID.eq(invoiceId)).orderBy(I_ID)
                .fetch(r -> mapLine(r, currency));
    }

    void deleteServiceLines(long invoiceId, long serviceId) {
        db.dsl().deleteFrom(ITEM).where(I_INVOICE_ID.eq(invoiceId)).and(I_SERVICE_ID.eq(serviceId)).execute();
    }

    void deleteFeeLines(long invoiceId) {
        db.dsl().deleteFrom(ITEM).where(I_INVOICE_ID.eq(invoiceId)).and(I_ITEM_ID.eq(InvoiceLine.FEE_ITEM_ID)).execute();
    }

    void setStatus(long id, String status, LocalDateTime paidAt, LocalDateTime now) {
        db.dsl().update(T).set(STATUS, status).set(PAID_AT, paidAt).set(UPDATED_AT, now).where(ID.eq(id)).execute();
    }

    void addCredit(long id, BigDecimal delta, LocalDateTime now) {
        db.dsl().update(T).set(CREDIT, CREDIT.plus(delta)).set(UPDATED_AT, now).where(ID.eq(id)).execute();
    }

    void addPaid(long id, BigDecimal delta, LocalDateTime now) {
        db.dsl().update(T).set(AMOUNT_PAID, AMOUNT_PAID.plus(delta)).set(UPDATED_AT, now).where(ID.eq(id)).execute();
    }

    void addRefunded(long id, BigDecimal delta, LocalDateTime now) {
        db.dsl().update(T).set(REFUNDED, REFUNDED.plus(delta)).set(UPDATED_AT, now).where(ID.eq(id)).execute();
    }

    /** Invoices, newest first, optionally of one client and one status. */
    List<Invoice> list(Long clientId, String status, int page, int perPage) {
        return db.dsl().select(COLUMNS).from(T).where(filter(clientId, status)).orderBy(ID.desc())
                .limit(perPage).offset((page - 1) * perPage).fetch(InvoiceStore::map);
    }

    int count(Long clientId, String status) {
        return db.dsl().fetchCount(T, filter(clientId, status));
    }

    private static Condition filter(Long clientId, String status) {
        Condition c = DSL.trueCondition();
        if (clientId != null) c = c.and(CLIENT_ID.eq(clientId));
        if (status != null) c = c.and(STATUS.eq(status));
        return c;
    }

    List<Invoice> open(long clientId) {
        return db.dsl().select(COLUMNS).from(T).where(CLIENT_ID.eq(clientId)).and(STATUS.in(Invoice.UNPAID, Invoice.COLLECTIONS))
                .orderBy(DUE_DATE, ID).fetch(InvoiceStore::map);
    }

    /** Open invoices whose due date is before {@code asOf}, oldest due first, after {@code afterId} for paging. */
    List<Invoice> overdue(LocalDate asOf, long afterId, int limit) {
        return db.dsl().select(COLUMNS).from(T).where(STATUS.in(Invoice.UNPAID, Invoice.COLLECTIONS)).and(DUE_DATE.lt(asOf))
                .and(ID.gt(afterId)).orderBy(ID).limit(limit).fetch(InvoiceStore::map);
    }

    /** Ids of open invoices carrying a line of {@code serviceId}. */
    List<Long> openWithService(long serviceId) {
        // Qualified: both tables have an id column.
        Field<Long> invoiceId = field(name("invoice_item", "invoice_id"), Long.class);
        return db.dsl().selectDistinct(invoiceId).from(ITEM).join(T).on(field(name("invoice", "id"), Long.class).eq(invoiceId))
                .where(field(name("invoice_item", "service_id"), Long.class).eq(serviceId))
                .and(STATUS.in(Invoice.UNPAID, Invoice.COLLECTIONS))
                .orderBy(invoiceId).fetch(invoiceId);
    }

    boolean anyForClient(long clientId) {
        return db.dsl().fetchExists(T, CLIENT_ID.eq(clientId));
    }
}
