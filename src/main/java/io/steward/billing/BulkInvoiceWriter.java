package io.steward.billing;

import io.steward.db.Db;
import java.util.List;
import java.util.Map;

/**
 * How the batch path writes many invoices and lines at once. Two strategies, chosen by the
 * database: {@link ArrayBindWriter} on PostgreSQL (each column bound as one array and unnested, so a
 * statement carries a few dozen bind values whatever the batch size) and {@link MultiRowWriter}
 * elsewhere (jOOQ multi-row inserts, which H2 takes). Both run in the caller's transaction and
 * answer the same things, so {@link BatchIssuer} does not know which one it has.
 */
interface BulkInvoiceWriter {

    /** An invoice of a batch, numbered already. */
    record InvoiceRow(InvoiceStore.NewInvoice header, InvoiceCalculator.Totals totals, String number) {}

    /** A line of a batch: the invoice it goes on and the priced line. */
    record LineRow(long invoiceId, InvoiceCalculator.Priced priced) {}

    /** A document number within its series: what identifies a new invoice before it has an id. */
    record Numbered(String series, String number) {}

    /** Inserts the invoices (status Unpaid) and answers their new ids by series and number. */
    Map<Numbered, Long> insertInvoices(List<InvoiceRow> rows);

    /**
     * Inserts the lines, skipping any whose service period is already invoiced (the unique key
     * decides); answers how many were inserted. On a database that cannot skip in the statement, a
     * duplicate inserts none of its statement's lines: the caller sees the shortfall either way.
     */
    int insertLines(List<LineRow> lines);

    static BulkInvoiceWriter forDatabase(Db db) {
        return db.isPostgres() ? new ArrayBindWriter(db) : new MultiRowWriter(db);
    }
}
