package io.steward.billing;

import static io.steward.billing.InvoiceStore.*;
import static org.jooq.impl.DSL.field;
import static org.jooq.impl.DSL.name;

import io.steward.db.Db;
import java.util.Arrays;
import java.util.HashMap;
import java.util.List;
import java.util.Map;
import org.jooq.exception.DataAccessException;

/**
 * The portable {@link BulkInvoiceWriter}: jOOQ multi-row inserts, 500 invoices or 1000 lines per
 * statement. The default on H2; works on PostgreSQL too (a test runs it there).
 */
final class MultiRowWriter implements BulkInvoiceWriter {
    private final Db db;

    MultiRowWriter(Db db) {
        this.db = db;
    }

    @Override
    public Map<Numbered, Long> insertInvoices(List<InvoiceRow> rows) {
        var ids = new HashMap<Numbered, Long>(rows.size() * 2);
        for (int from = 0; from < rows.size(); from += 500) {
            var insert = db.dsl().insertInto(T, CLIENT_ID, STATUS, SERIES, NUMBER, DATE, DUE_DATE, CURRENCY, SUBTOTAL, TAX, TAXRATE,
                    TAX2, TAXRATE2, TAXEXEMPT, TOTAL, GATEWAY_ID, NOTES, SNAPSHOT, CREATED_AT, UPDATED_AT);
            for (InvoiceRow r : rows.subList(from, Math.min(rows.size(), from + 500))) {
                var h = r.header();
                var tax = r.totals().tax();
                insert = insert.values(Arrays.asList(h.clientId(), Invoice.UNPAID, h.series(), r.number(), h.date(),
                        h.dueDate(), h.currency(), r.totals().subtotal(), tax.tax(), tax.rate(), tax.tax2(), tax.rate2(), tax.exempt(),
                        r.totals().total(), h.gatewayId(), h.notes(), h.snapshot(), h.now(), h.now()));
            }
            // Matched by series and number, not by position: the order of returned rows is not promised.
            insert.returningResult(ID, SERIES, NUMBER).fetch().forEach(r -> ids.put(new Numbered(r.value2(), r.value3()), r.value1()));
        }
        if (ids.size() != rows.size()) throw new IllegalStateException("Inserted " + rows.size() + " invoices, got " + ids.size() + " ids");
        return ids;
    }

    @Override
    public void insertLines(List<LineRow> lines) {
        int inserted = 0;
        for (int from = 0; from < lines.size(); from += 1000) {
            var insert = db.dsl().insertInto(ITEM, I_INVOICE_ID, I_TYPE, I_ITEM_ID, I_DESCRIPTION, I_AMOUNT, I_QTY, I_TAXED, I_LINETOTAL,
                    I_SERVICE_ID, I_PERIOD_START, I_PERIOD_END);
            for (LineRow row : lines.subList(from, Math.min(lines.size(), from + 1000))) {
                var p = row.priced();
                var l = p.line();
                insert = insert.values(Arrays.asList(row.invoiceId(), l.type(), l.itemId(), l.description(), p.amount(), p.qty(),
                        l.taxed(), p.linetotal(), l.serviceId(), l.periodStart(), l.periodEnd()));
            }
            try {
                // jOOQ emulates ON CONFLICT on H2 with a MERGE over a UNION ALL of the rows, which
                // H2's parser cannot take a thousand deep; a plain insert fails whole on a duplicate.
                inserted += db.isPostgres()
                        ? insert.onConflict(field(name("invoice_item", "service_id")), field(name("invoice_item", "period_start")),
                                field(name("invoice_item", "item_type"))).doNothing().execute()
                        : insert.execute();
            } catch (DataAccessException e) {
                if (!Sql.isUniqueViolation(e)) throw e;
                throw BulkInvoiceWriter.periodTaken();
            }
        }
        if (inserted != lines.size()) throw BulkInvoiceWriter.periodTaken();
    }
}
