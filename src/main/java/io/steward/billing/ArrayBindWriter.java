package io.steward.billing;

import io.steward.db.Db;
import java.math.BigDecimal;
import java.sql.Connection;
import java.sql.PreparedStatement;
import java.sql.SQLException;
import java.util.HashMap;
import java.util.List;
import java.util.Map;
import java.util.function.Function;

/**
 * The PostgreSQL {@link BulkInvoiceWriter}: one {@code INSERT ... SELECT FROM unnest(...)} per
 * table and batch, each column bound as one array. A thousand invoices are then 19 bind values
 * rather than 19,000, and the statement text is the same for every batch, so the server plans it
 * once per connection. Plain JDBC on the transaction's connection: jOOQ would render and bind
 * each element on its own, which is the cost this avoids.
 */
final class ArrayBindWriter implements BulkInvoiceWriter {
    private static final String INSERT_INVOICES = """
            INSERT INTO invoice (client_id, status, series, doc_number, issue_date, due_date, currency, subtotal, tax, taxrate,
                                 tax2, taxrate2, taxexempt, total, gateway_id, notes, client_snapshot, created_at, updated_at)
            SELECT u.client_id, ?, u.series, u.doc_number, u.issue_date, u.due_date, u.currency, u.subtotal, u.tax, u.taxrate,
                   u.tax2, u.taxrate2, u.taxexempt, u.total, u.gateway_id, u.notes, u.client_snapshot, u.created_at, u.created_at
            FROM unnest(?::bigint[], ?::varchar[], ?::varchar[], ?::date[], ?::date[], ?::varchar[], ?::numeric[], ?::numeric[],
                        ?::numeric[], ?::numeric[], ?::numeric[], ?::boolean[], ?::numeric[], ?::bigint[], ?::varchar[],
                        ?::varchar[], ?::timestamp[])
                 AS u(client_id, series, doc_number, issue_date, due_date, currency, subtotal, tax, taxrate, tax2, taxrate2,
                      taxexempt, total, gateway_id, notes, client_snapshot, created_at)
            RETURNING id, series, doc_number""";

    private static final String INSERT_LINES = """
            INSERT INTO invoice_item (invoice_id, item_type, item_id, description, amount, qty, taxed, linetotal, service_id,
                                      period_start, period_end)
            SELECT * FROM unnest(?::bigint[], ?::varchar[], ?::bigint[], ?::varchar[], ?::numeric[], ?::numeric[], ?::boolean[],
                                 ?::numeric[], ?::bigint[], ?::date[], ?::date[])""";

    private static final String UNIQUE_VIOLATION = "23505";

    private final Db db;

    ArrayBindWriter(Db db) {
        this.db = db;
    }

    @Override
    public Map<Numbered, Long> insertInvoices(List<InvoiceRow> rows) {
        if (rows.isEmpty()) return Map.of();
        return db.dsl().connectionResult(c -> {
            var ids = new HashMap<Numbered, Long>(rows.size() * 2);
            try (PreparedStatement ps = c.prepareStatement(INSERT_INVOICES)) {
                int i = 1;
                ps.setString(i++, Invoice.UNPAID);
                ps.setArray(i++, array(c, "int8", rows, r -> r.header().clientId()));
                ps.setArray(i++, array(c, "varchar", rows, r -> r.header().series()));
                ps.setArray(i++, array(c, "varchar", rows, InvoiceRow::number));
                ps.setArray(i++, array(c, "varchar", rows, r -> r.header().date().toString()));
                ps.setArray(i++, array(c, "varchar", rows, r -> r.header().dueDate().toString()));
                ps.setArray(i++, array(c, "varchar", rows, r -> r.header().currency()));
                ps.setArray(i++, array(c, "numeric", rows, r -> r.totals().subtotal()));
                ps.setArray(i++, array(c, "numeric", rows, r -> r.totals().tax().tax()));
                ps.setArray(i++, array(c, "numeric", rows, r -> r.totals().tax().rate()));
                ps.setArray(i++, array(c, "numeric", rows, r -> r.totals().tax().tax2()));
                ps.setArray(i++, array(c, "numeric", rows, r -> r.totals().tax().rate2()));
                ps.setArray(i++, array(c, "bool", rows, r -> r.totals().tax().exempt()));
                ps.setArray(i++, array(c, "numeric", rows, r -> r.totals().total()));
                ps.setArray(i++, array(c, "int8", rows, r -> r.header().gatewayId()));
                ps.setArray(i++, array(c, "varchar", rows, r -> r.header().notes()));
                ps.setArray(i++, array(c, "varchar", rows, r -> r.header().snapshot()));
                ps.setArray(i, array(c, "varchar", rows, r -> r.header().now().toString()));
                try (var rs = ps.executeQuery()) {
                    while (rs.next()) ids.put(new Numbered(rs.getString(2), rs.getString(3)), rs.getLong(1));
                }
            }
            if (ids.size() != rows.size()) throw new IllegalStateException("Inserted " + rows.size() + " invoices, got " + ids.size() + " ids");
            return ids;
        });
    }

    @Override
    public void insertLines(List<LineRow> lines) {
        if (lines.isEmpty()) return;
        int n = db.dsl().connectionResult(c -> {
            try (PreparedStatement ps = c.prepareStatement(INSERT_LINES)) {
                int i = 1;
                ps.setArray(i++, array(c, "int8", lines, LineRow::invoiceId));
                ps.setArray(i++, array(c, "varchar", lines, l -> l.priced().line().type()));
                ps.setArray(i++, array(c, "int8", lines, l -> l.priced().line().itemId()));
                ps.setArray(i++, array(c, "varchar", lines, l -> l.priced().line().description()));
                ps.setArray(i++, array(c, "numeric", lines, l -> l.priced().amount()));
                ps.setArray(i++, array(c, "numeric", lines, l -> l.priced().qty()));
                ps.setArray(i++, array(c, "bool", lines, l -> l.priced().line().taxed()));
                ps.setArray(i++, array(c, "numeric", lines, l -> l.priced().linetotal()));
                ps.setArray(i++, array(c, "int8", lines, l -> l.priced().line().serviceId()));
                ps.setArray(i++, array(c, "varchar", lines, l -> text(l.priced().line().periodStart())));
                ps.setArray(i, array(c, "varchar", lines, l -> text(l.priced().line().periodEnd())));
                return ps.executeUpdate();
            } catch (SQLException e) {
                // The unique service-period key refused a line another transaction invoiced since the batch
                // checked. A plain insert rather than ON CONFLICT DO NOTHING: the batch is all or nothing
                // anyway, and the speculative insertion ON CONFLICT needs costs an index probe and a WAL record per line.
                if (UNIQUE_VIOLATION.equals(e.getSQLState())) throw BulkInvoiceWriter.periodTaken();
                throw e;
            }
        });
        if (n != lines.size()) throw new IllegalStateException("Inserted " + n + " of " + lines.size() + " lines");
    }

    private static String text(Object v) {
        return v == null ? null : v.toString();
    }

    /**
     * One column as a JDBC array. Dates and timestamps travel as ISO text and are cast in the
     * statement, which PostgreSQL parses exactly (no time-zone conversion by the driver).
     */
    private static <R> java.sql.Array array(Connection c, String type, List<R> rows, Function<R, ?> column) throws SQLException {
        Object[] values = switch (type) {
            case "int8" -> new Long[rows.size()];
            case "numeric" -> new BigDecimal[rows.size()];
            case "bool" -> new Boolean[rows.size()];
            default -> new String[rows.size()];
        };
        for (int k = 0; k < values.length; k++) values[k] = column.apply(rows.get(k));
        return c.createArrayOf(type, values);
    }
}
