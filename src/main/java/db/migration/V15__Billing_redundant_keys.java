package db.migration;

import java.sql.Connection;
import java.sql.SQLException;
import java.sql.Statement;
import java.util.ArrayList;
import java.util.List;
import java.util.Locale;
import org.flywaydb.core.api.migration.BaseJavaMigration;
import org.flywaydb.core.api.migration.Context;

/**
 * Drops two foreign keys that repeated, per row, a check the issuing transaction makes already:
 * {@code invoice.series} (the issuer takes the number from that series row under {@code FOR
 * UPDATE} in the same transaction, and series are never deleted) and {@code invoice_item.invoice_id}
 * (lines are written only by billing, with the id their invoice's insert returned in the same
 * transaction, and invoices are never deleted). On PostgreSQL each was a trigger query and a row
 * lock per inserted row: a fifth of the billing run's write time. {@code invoice.client_id} keeps its
 * key: clients belong to another feature, which could delete one while an invoice is being issued.
 *
 * <p>A Java migration because the keys were created unnamed, and H2 and PostgreSQL named them
 * differently; their names are looked up in the database's metadata.
 */
public class V15__Billing_redundant_keys extends BaseJavaMigration {
    @Override
    public void migrate(Context context) throws Exception {
        Connection c = context.getConnection();
        drop(c, "invoice", "invoice_series");
        drop(c, "invoice_item", "invoice");
    }

    private static void drop(Connection c, String table, String referenced) throws SQLException {
        var names = new ArrayList<String>();
        // Unquoted names are stored lower case by PostgreSQL and upper case by H2.
        for (String t : List.of(table, table.toUpperCase(Locale.ROOT))) {
            try (var rs = c.getMetaData().getImportedKeys(c.getCatalog(), c.getSchema(), t)) {
                while (rs.next()) {
                    if (rs.getString("PKTABLE_NAME").equalsIgnoreCase(referenced) && !names.contains(rs.getString("FK_NAME"))) {
                        names.add(rs.getString("FK_NAME"));
                    }
                }
            }
        }
        if (names.isEmpty()) throw new IllegalStateException("no foreign key from " + table + " to " + referenced);
        try (Statement st = c.createStatement()) {
            for (String name : names) st.execute("ALTER TABLE " + table + " DROP CONSTRAINT \"" + name.replace("\"", "\"\"") + "\"");
        }
    }
}
