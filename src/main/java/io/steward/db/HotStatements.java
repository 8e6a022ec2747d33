package io.steward.db;

import java.sql.Connection;
import java.sql.PreparedStatement;
import java.sql.SQLException;
import java.util.HashMap;
import java.util.Map;
import java.util.WeakHashMap;
import org.jooq.exception.DataAccessException;

/**
 * Hand-written SQL for a path that runs on every request, prepared once per physical connection
 * (like {@link HotQuery}, but for any statement, including PostgreSQL's several statements in one
 * string, which pgjdbc sends as one round trip). Callers check written values against the columns
 * themselves with {@link ColumnLimits#check(String, String, Object)}, as jOOQ's listener does not
 * see these statements.
 */
public final class HotStatements {
    /** Work on the connection of the caller's transaction (or a pooled one outside it). */
    public interface Work<T> {
        T run(Connection c) throws SQLException;
    }

    private static final int MAX_PER_CONNECTION = 64;

    private final Db db;
    /** Physical connection → SQL → statement, weakly held: a retired connection lets go of its statements. */
    private final Map<Connection, Map<String, PreparedStatement>> statements = new WeakHashMap<>();

    HotStatements(Db db) {
        this.db = db;
    }

    /** Runs {@code work} in the caller's transaction when there is one, else on a pooled connection in auto-commit. */
    public <T> T run(Work<T> work) {
        if (db.inTransaction()) {
            return db.dsl().connectionResult(c -> {
                try {
                    return work.run(c);
                } catch (SQLException e) {
                    throw new DataAccessException("statement failed: " + e.getMessage(), e);
                }
            });
        }
        try (Connection c = db.pool().getConnection()) {
            return work.run(c);
        } catch (SQLException e) {
            throw new DataAccessException("statement failed: " + e.getMessage(), e);
        }
    }

    /**
     * The statement for {@code sql} prepared on the physical connection behind the pool's proxy
     * and kept for that connection's life (the pool would close one prepared through its proxy at
     * every check-in). A physical connection serves one thread at a time; callers clear and bind
     * every parameter before executing.
     */
    public PreparedStatement statement(Connection pooled, String sql) throws SQLException {
        Connection physical = pooled.isWrapperFor(Connection.class) ? pooled.unwrap(Connection.class) : pooled;
        PreparedStatement ps;
        synchronized (statements) {
            ps = statements.computeIfAbsent(physical, k -> new HashMap<>()).get(sql);
        }
        if (ps == null || ps.isClosed()) {
            ps = physical.prepareStatement(sql);
            synchronized (statements) {
                var mine = statements.computeIfAbsent(physical, k -> new HashMap<>());
                // Statements whose shape varies (rows per change) stay few in practice; past the
                // cap the connection's set starts over rather than growing without bound.
                if (mine.size() >= MAX_PER_CONNECTION) {
                    for (PreparedStatement old : mine.values()) old.close();
                    mine.clear();
                }
                mine.put(sql, ps);
            }
        }
        ps.clearParameters();
        return ps;
    }

    /** One statement of {@link #pipeline} and its bind values. */
    public record Step(String sql, Object... binds) {}

    /**
     * Runs the steps in order and answers one result per step: the rows (columns by position, as
     * {@code Object[]}) of a query, the update count of any other statement. On PostgreSQL they go
     * as one string, which pgjdbc sends in one round trip and the server runs one after another
     * (each statement sees what the ones before it did and the locks they took); on H2 (in the
     * process) one by one. A failing step fails the whole call.
     */
    public java.util.List<Object> pipeline(Connection c, java.util.List<Step> steps) throws SQLException {
        var out = new java.util.ArrayList<Object>(steps.size());
        if (db.isPostgres() && steps.size() > 1) {
            var sql = new StringBuilder();
            var binds = new java.util.ArrayList<Object>();
            for (Step s : steps) {
                if (!sql.isEmpty()) sql.append(";\n");
                sql.append(s.sql());
                binds.addAll(java.util.Arrays.asList(s.binds()));
            }
            PreparedStatement ps = statement(c, sql.toString());
            bind(ps, binds.toArray());
            boolean rows = ps.execute();
            while (true) {
                if (rows) {
                    try (var rs = ps.getResultSet()) {
                        out.add(rows(rs));
                    }
                } else {
                    int n = ps.getUpdateCount();
                    if (n == -1) break;
                    out.add(n);
                }
                rows = ps.getMoreResults();
            }
        } else {
            for (Step s : steps) {
                PreparedStatement ps = statement(c, s.sql());
                bind(ps, s.binds());
                if (ps.execute()) {
                    try (var rs = ps.getResultSet()) {
                        out.add(rows(rs));
                    }
                } else {
                    out.add(ps.getUpdateCount());
                }
            }
        }
        if (out.size() != steps.size()) throw new SQLException("expected " + steps.size() + " results, got " + out.size());
        return out;
    }

    private static java.util.List<Object[]> rows(java.sql.ResultSet rs) throws SQLException {
        int n = rs.getMetaData().getColumnCount();
        var rows = new java.util.ArrayList<Object[]>();
        while (rs.next()) {
            Object[] row = new Object[n];
            for (int i = 0; i < n; i++) row[i] = rs.getObject(i + 1);
            rows.add(row);
        }
        return rows;
    }

    /** Binds {@code values} from parameter 1 on. */
    public static void bind(PreparedStatement ps, Object... values) throws SQLException {
        for (int i = 0; i < values.length; i++) ps.setObject(i + 1, values[i]);
    }
}
