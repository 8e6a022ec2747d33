package db.migration;

import java.sql.Statement;
import org.flywaydb.core.api.migration.BaseJavaMigration;
import org.flywaydb.core.api.migration.Context;

/**
 * Lets the billing run move a service's {@code next_invoice} in place. Every run rewrites that
 * column (and {@code updated_at}) on each service it invoices; while an index covered it, each
 * move wrote a new row version and a new entry in all four of the table's indexes. The index
 * {@code (status, next_invoice)} served no query: the run lists due services in client order
 * through {@code service_client_idx} and filters on the date. Without it, a move changes no indexed
 * column, so PostgreSQL can make it a heap-only update (no index entries) when the row's page has
 * room; the table keeps a tenth of each page free for that. H2 has no fill factor; it only drops
 * the index.
 *
 * <p>A Java migration because the fill factor is PostgreSQL syntax.
 */
public class V39__Service_next_invoice_in_place extends BaseJavaMigration {
    @Override
    public void migrate(Context context) throws Exception {
        var c = context.getConnection();
        boolean postgres = c.getMetaData().getDatabaseProductName().toLowerCase(java.util.Locale.ROOT).contains("postgres");
        try (Statement st = c.createStatement()) {
            st.execute("DROP INDEX service_next_invoice_idx");
            if (postgres) st.execute("ALTER TABLE service SET (fillfactor = 90)");
        }
    }
}
