package io.steward.billing;

import io.steward.core.ErrorCode;
import io.steward.core.StewardException;
import io.steward.db.Db;
import java.util.List;
import java.util.Map;

/**
 * How the batch path writes many invoices and lines at once. Two strategies, chosen by the
 * database: {@link ArrayBindWriter} on PostgreSQL (each column bound as one array and unnested, so a
 * statement carries a few dozen bind values whatever the batch size) and {@link MultiRowWriter}
 * elsewhere (jOOQ multi-row inserts, which H2 takes). Both run in the caller's transaction and
 * behave alike, so {@link BatchIssuer} does not know which one it has.
 */
interface BulkInvoiceWriter {
    String PERIOD_TAKEN = "A service period of this batch was invoiced concurrently; nothing was issued, retry";

    /** An invoice of a batch, numbered already. */
    record InvoiceRow(InvoiceStore.NewInvoice header, InvoiceCalculator.Totals totals, String number) {}

    /** A line of a batch: the invoice it goes on and the priced line. */
    record LineRow(long invoiceId, InvoiceCalculator.Priced priced) {}

    /** A document number within its series: what identifies a new invoice before it has an id. */
    record Numbered(String series, String number) {}

    /** Inserts the invoices (status Unpaid) and answers their new ids by series and number. */
    Map<Numbered, Long> insertInvoices(List<InvoiceRow> rows);

    /**
     * Inserts the lines, all or none: when the unique key finds a line's service period invoiced
     * already (by a concurrent issuer, since the batch checked), it throws a 409 {@link
     * StewardException} and the caller's transaction must roll back (on PostgreSQL it is aborted).
     */
    void insertLines(List<LineRow> lines);

    static StewardException periodTaken() {
        return new StewardException(ErrorCode.CONFLICT, PERIOD_TAKEN);
    }

    static BulkInvoiceWriter forDatabase(Db db) {
        return db.isPostgres() ? new ArrayBindWriter(db) : new MultiRowWriter(db);
    }
}
