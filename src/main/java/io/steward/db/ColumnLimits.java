package io.steward.db;

import io.steward.core.StewardException;
import java.math.BigDecimal;
import java.math.BigInteger;
import java.sql.Connection;
import java.sql.SQLException;
import java.util.HashMap;
import java.util.List;
import java.util.Locale;
import java.util.Map;
import java.util.concurrent.ConcurrentHashMap;
import javax.sql.DataSource;
import org.jooq.ExecuteContext;
import org.jooq.ExecuteListener;
import org.jooq.Field;
import org.jooq.Param;
import org.jooq.Query;
import org.jooq.Row;
import org.jooq.Table;
import org.jooq.exception.DataAccessException;
import org.jooq.impl.QOM;

/**
 * What every column can hold, read from the database's own metadata, and the check of every
 * INSERT and UPDATE against it before the statement runs: a value longer than its column, a
 * number out of its column's range or a NUL character (PostgreSQL refuses it in text) is refused
 * with 422 naming the field, instead of reaching the database and failing there as a 500.
 *
 * <p>One place for every table: stores write with hand-written table references, so the check
 * reads the statement jOOQ is about to run (its query object model: the table, the columns and
 * the bind values) in an {@link ExecuteListener}. Only bind values are checked; expressions
 * ({@code x + 1}, {@code coalesce(...)}) are the code's own and pass. The error names the column,
 * which is the API field almost everywhere; {@link #alias} names the field where a handler's
 * parameter is called otherwise.
 */
public final class ColumnLimits implements ExecuteListener {
    /** A column's limits: {@code maxChars} for character types; the integer type, or {@code integerDigits} (precision - scale) for NUMERIC. */
    private record Column(boolean text, int maxChars, Kind kind, int integerDigits) {}

    private enum Kind { TEXT, SMALLINT, INTEGER, BIGINT, NUMERIC, OTHER }

    private final DataSource pool;
    private final boolean postgres;
    private volatile Map<String, Column> columns;
    private final Map<String, String> aliases = new ConcurrentHashMap<>();

    ColumnLimits(DataSource pool, boolean postgres) {
        this.pool = pool;
        this.postgres = postgres;
    }

    /** Names the API field reported for {@code table.column} where it is not the column's name. */
    public void alias(String table, String column, String field) {
        aliases.put(key(table, column), field);
    }

    /** Reads the columns of the connection's schema again (after migrations). */
    void load() {
        var read = new HashMap<String, Column>();
        try (Connection c = pool.getConnection()) {
            String schema = c.getSchema();
            // INFORMATION_SCHEMA.COLUMNS on both databases; H2 spells names in upper case, PostgreSQL in lower.
            try (var ps = c.prepareStatement("SELECT table_name, column_name, data_type, character_maximum_length, "
                    + "numeric_precision, numeric_scale FROM information_schema.columns WHERE UPPER(table_schema) = UPPER(?)")) {
                ps.setString(1, schema);
                try (var rs = ps.executeQuery()) {
                    while (rs.next()) {
                        String type = rs.getString(3).toLowerCase(Locale.ROOT);
                        long maxChars = rs.getLong(4);
                        boolean hasMax = !rs.wasNull();
                        int precision = rs.getInt(5);
                        int scale = rs.getInt(6);
                        read.put(key(rs.getString(1), rs.getString(2)), column(type, hasMax ? maxChars : -1, precision, scale));
                    }
                }
            }
        } catch (SQLException e) {
            throw new DataAccessException("cannot read column metadata", e);
        }
        columns = Map.copyOf(read);
    }

    private static Column column(String type, long maxChars, int precision, int scale) {
        boolean text = type.startsWith("character") || type.equals("text") || type.startsWith("varchar") || type.equals("clob");
        if (text) return new Column(true, maxChars < 0 || maxChars > Integer.MAX_VALUE ? Integer.MAX_VALUE : (int) maxChars, Kind.TEXT, 0);
        Kind kind = switch (type) {
            case "smallint" -> Kind.SMALLINT;
            case "integer" -> Kind.INTEGER;
            case "bigint" -> Kind.BIGINT;
            case "numeric", "decimal" -> precision > 0 ? Kind.NUMERIC : Kind.OTHER;
            default -> Kind.OTHER;
        };
        return new Column(false, 0, kind, precision - scale);
    }

    @Override
    public void start(ExecuteContext ctx) {
        Query q = ctx.query();
        if (q != null) {
            check(q);
        } else if (ctx.batchQueries() != null) {
            for (Query b : ctx.batchQueries()) check(b);
        }
    }

    /** Throws a 422 naming the first field whose bind value its column cannot hold. */
    void check(Query q) {
        if (q instanceof QOM.InsertReturning<?> r) q = r.$insert();
        if (q instanceof QOM.Insert<?> insert) {
            String table = tableName(insert.$into());
            List<? extends Field<?>> cols = insert.$columns();
            for (Row row : insert.$values()) {
                for (int i = 0; i < cols.size() && i < row.size(); i++) check(table, cols.get(i), row.field(i));
            }
            insert.$updateSet().forEach((k, v) -> check(table, k, v));
        } else if (q instanceof QOM.Update<?> update) {
            String table = tableName(update.$table());
            update.$set().forEach((k, v) -> check(table, k, v));
        }
    }

    private void check(String table, Object target, Object value) {
        if (table == null || !(target instanceof Field<?> f) || !(value instanceof Param<?> p)) return;
        check(table, f.getName(), p.getValue());
    }

    /**
     * Throws the same 422 as the check of a jOOQ statement if {@code table.column} cannot hold
     * {@code v}: for hand-written statements ({@link HotStatements}), checked before they run.
     */
    public void check(String table, String column, Object v) {
        if (v == null) return;
        Map<String, Column> known = columns;
        if (known == null) {
            load();
            known = columns;
        }
        String key = key(table, column);
        Column c = known.get(key);
        if (c == null) return;
        if (v instanceof String s && c.text()) {
            int len = s.length();
            // PostgreSQL counts characters (code points), H2 UTF-16 units: both limits hold when the units fit.
            if (len > c.maxChars() && (!postgres || s.codePointCount(0, len) > c.maxChars())) {
                throw refused(key, column, "%s must be at most " + c.maxChars() + " characters");
            }
            if (s.indexOf('\0') >= 0) throw refused(key, column, "%s must not contain NUL characters");
        } else if (v instanceof Number n && !fits(c, n)) {
            throw refused(key, column, "%s is out of range");
        }
    }

    private static boolean fits(Column c, Number n) {
        return switch (c.kind()) {
            case SMALLINT -> inRange(n, Short.MIN_VALUE, Short.MAX_VALUE);
            case INTEGER -> inRange(n, Integer.MIN_VALUE, Integer.MAX_VALUE);
            case BIGINT -> inRange(n, Long.MIN_VALUE, Long.MAX_VALUE);
            case NUMERIC -> integerDigits(n) <= c.integerDigits();
            default -> true;
        };
    }

    private static boolean inRange(Number n, long min, long max) {
        if (n instanceof Long || n instanceof Integer || n instanceof Short || n instanceof Byte) {
            return n.longValue() >= min && n.longValue() <= max;
        }
        BigDecimal d = decimal(n);
        return d == null || (d.compareTo(BigDecimal.valueOf(min)) >= 0 && d.compareTo(BigDecimal.valueOf(max)) <= 0);
    }

    /** Digits before the decimal point (0 for |n| < 1). */
    private static int integerDigits(Number n) {
        BigDecimal d = decimal(n);
        if (d == null || d.signum() == 0) return 0;
        return Math.max(0, d.precision() - d.scale());
    }

    private static BigDecimal decimal(Number n) {
        if (n instanceof BigDecimal d) return d;
        if (n instanceof BigInteger i) return new BigDecimal(i);
        if (n instanceof Long || n instanceof Integer || n instanceof Short || n instanceof Byte) return BigDecimal.valueOf(n.longValue());
        double x = n.doubleValue();
        return Double.isFinite(x) ? BigDecimal.valueOf(x) : null;
    }

    private StewardException refused(String key, String column, String message) {
        String field = aliases.getOrDefault(key, column.toLowerCase(Locale.ROOT));
        return StewardException.invalid(Map.of(field, List.of(String.format(Locale.ROOT, message, field))));
    }

    private static String tableName(Table<?> t) {
        return t == null ? null : t.getName();
    }

    private static String key(String table, String column) {
        return table.toLowerCase(Locale.ROOT) + "." + column.toLowerCase(Locale.ROOT);
    }
}
