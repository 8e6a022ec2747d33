package io.steward.db;

import java.sql.Connection;
import java.sql.PreparedStatement;
import java.sql.SQLException;
import java.sql.ResultSet;
import java.util.Optional;
import org.jooq.Field;
import org.jooq.Record;
import org.jooq.RecordMapper;
import org.jooq.Select;
import org.jooq.exception.DataAccessException;

/**
 * A SELECT rendered to SQL once, for queries that run on every request (authentication, the
 * caller's account). Rendering a jOOQ query costs about as much as H2 takes to answer a primary-key
 * lookup, so the per-request path binds values into the pre-rendered SQL and lets jOOQ map the
 * rows by position onto the same fields, keeping the stores' record mappers unchanged.
 */
public final class HotQuery {
    private final Db db;
    private final String sql;
    private final Field<?>[] fields;
    /** One prepared statement per physical connection (weakly held: a retired connection lets go). */
    private final java.util.Map<Connection, PreparedStatement> statements = new java.util.WeakHashMap<>();

    HotQuery(Db db, Select<?> select) {
        this.db = db;
        this.sql = db.root().render(select);
        this.fields = select.getSelect().toArray(Field[]::new);
    }

    /** The first row mapped, or empty; runs in the caller's transaction when there is one. */
    public <T> Optional<T> fetchOptional(RecordMapper<Record, T> mapper, Object... binds) {
        if (db.inTransaction()) return db.dsl().connectionResult(c -> run(c, mapper, binds));
        try (Connection c = db.pool().getConnection()) {
            return run(c, mapper, binds);
        } catch (SQLException e) {
            throw new DataAccessException("hot query failed: " + sql, e);
        }
    }

    /** Every row mapped, in the order the database answers; runs in the caller's transaction when there is one. */
    public <T> java.util.List<T> fetch(RecordMapper<Record, T> mapper, Object... binds) {
        if (db.inTransaction()) return db.dsl().connectionResult(c -> runAll(c, mapper, binds));
        try (Connection c = db.pool().getConnection()) {
            return runAll(c, mapper, binds);
        } catch (SQLException e) {
            throw new DataAccessException("hot query failed: " + sql, e);
        }
    }

    private <T> Optional<T> run(Connection pooled, RecordMapper<Record, T> mapper, Object[] binds) throws SQLException {
        try (ResultSet rs = execute(pooled, binds)) {
            if (!rs.next()) return Optional.empty();
            return Optional.ofNullable(mapper.map(row(rs)));
        }
    }

    private <T> java.util.List<T> runAll(Connection pooled, RecordMapper<Record, T> mapper, Object[] binds) throws SQLException {
        var out = new java.util.ArrayList<T>();
        try (ResultSet rs = execute(pooled, binds)) {
            while (rs.next()) out.add(mapper.map(row(rs)));
        }
        return out;
    }

    private ResultSet execute(Connection pooled, Object[] binds) throws SQLException {
        PreparedStatement ps = statementFor(pooled);
        ps.clearParameters();
        for (int i = 0; i < binds.length; i++) ps.setObject(i + 1, binds[i]);
        return ps.executeQuery();
    }

    /** The current row: each column read by position as its field's Java type, mapped through jOOQ's record. */
    @SuppressWarnings("unchecked")
    private Record row(ResultSet rs) throws SQLException {
        // Both drivers convert TIMESTAMP to LocalDateTime, BIGINT to Long, ...
        Record r = db.root().newRecord(fields);
        for (int i = 0; i < fields.length; i++) {
            r.set((Field<Object>) fields[i], rs.getObject(i + 1, fields[i].getType()));
        }
        r.changed(false);
        return r;
    }

    /**
     * The statement prepared on the physical connection behind the pool's proxy, kept for that
     * connection's life: the pool closes statements prepared through its proxy at every check-in,
     * and re-preparing costs H2 about as much as executing. A physical connection serves one thread
     * at a time, so its statements are never shared concurrently; they close with it.
     */
    private PreparedStatement statementFor(Connection pooled) throws SQLException {
        Connection physical = pooled.isWrapperFor(Connection.class) ? pooled.unwrap(Connection.class) : pooled;
        PreparedStatement ps;
        synchronized (statements) {
            ps = statements.get(physical);
        }
        if (ps == null || ps.isClosed()) {
            ps = physical.prepareStatement(sql);
            synchronized (statements) {
                statements.put(physical, ps);
            }
        }
        return ps;
    }

    @Override
    public String toString() { return sql; }
}
