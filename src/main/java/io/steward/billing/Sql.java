package io.steward.billing;

import static org.jooq.impl.DSL.field;
import static org.jooq.impl.DSL.name;

import java.math.BigDecimal;
import org.jooq.Field;
import org.jooq.exception.DataAccessException;
import org.jooq.impl.SQLDataType;

/** Column helpers shared by the billing stores. */
final class Sql {
    private Sql() {}

    /** A NUMERIC(19,4) money column, typed so binds are cast to the column's type (H2 MERGE needs it). */
    static Field<BigDecimal> money(String column) {
        return field(name(column), SQLDataType.NUMERIC(19, 4));
    }

    static Field<BigDecimal> rate(String column) {
        return field(name(column), SQLDataType.NUMERIC(9, 4));
    }

    /** A rate without trailing zeros, never in exponent form: 21.0000 becomes 21, 2.9000 becomes 2.9. */
    static BigDecimal plain(BigDecimal v) {
        BigDecimal s = v.stripTrailingZeros();
        return s.scale() < 0 ? s.setScale(0) : s;
    }

    /** SQL state 23505 (unique violation), on H2 and PostgreSQL alike. */
    static boolean isUniqueViolation(DataAccessException e) {
        return "23505".equals(e.sqlState());
    }
}
