package io.steward.core;

import java.sql.SQLException;
import java.util.List;
import java.util.Locale;
import java.util.Map;

/**
 * The caller's side of a database refusal that escaped a handler: a unique key broken by a
 * concurrent request (SQL state 23505, e.g. two staff creating a client with one e-mail address at
 * the same moment, both past the "is it free?" check) is a 409, not a bug. The messages name no
 * value and no database object: for the unique keys a caller can race on, the field and a
 * sentence; for the others a generic conflict.
 *
 * <p>Only states that the request's data or timing can cause are translated; everything else stays
 * an internal error.
 */
public final class DatabaseErrors {
    private DatabaseErrors() {}

    private record Known(String field, String message) {}

    /**
     * Unique keys (named {@code <table>_<what>_uq} in the migrations) a request can race on.
     * PostgreSQL names the constraint in its message; H2 names the index, which begins with it.
     */
    private static final Map<String, Known> UNIQUE_KEYS = Map.ofEntries(
            Map.entry("login_email_uq", new Known("email", "Email address is already in use")),
            Map.entry("ticket_department_name_uq", new Known("name", "A department with this name already exists")),
            Map.entry("tld_name_uq", new Known("name", "This TLD already exists")),
            Map.entry("catalog_category_slug_uq", new Known("slug", "A category with this slug already exists")),
            Map.entry("tax_rule_place_uq", new Known("country", "A tax rule for this level and place already exists")),
            Map.entry("promo_code_key_uq", new Known("code", "A promo code with this code already exists")),
            Map.entry("dns_zone_name_uq", new Known("name", "This zone already exists")),
            Map.entry("affiliate_client_uq", new Known("client_id", "This client is already an affiliate")),
            Map.entry("payment_gateway_module_uq", new Known("module", "A gateway of this module already exists")));

    /** The error to answer for {@code e}, or null when it is not a refusal the caller caused. */
    public static StewardException translate(Throwable e) {
        SQLException sql = sqlException(e);
        String state = sql == null ? null : sql.getSQLState();
        if (state == null) return null;
        if (state.equals("23505")) return unique(sql.getMessage());
        // A reference to a row deleted meanwhile, or a row still referred to (H2 says 23506 for the first).
        if (state.equals("23503") || state.equals("23506")) {
            return StewardException.conflict("The change conflicts with related records; reload and try again");
        }
        // Serialisation failures and deadlocks between concurrent requests: the caller may retry.
        if (state.startsWith("40")) return StewardException.conflict("The change conflicts with a concurrent change; try again");
        // PostgreSQL refuses NUL in text, in a search as much as in a write; H2 takes it.
        if (state.equals("22021")) {
            return new StewardException(ErrorCode.BAD_REQUEST, "Text parameters must not contain NUL characters");
        }
        // Data exceptions (a value the column cannot hold): validation should have caught it first.
        if (state.startsWith("22") || state.equals("23502") || state.equals("23513") || state.equals("23514")) {
            return new StewardException(ErrorCode.UNPROCESSABLE, "A value is invalid or out of range");
        }
        return null;
    }

    private static StewardException unique(String message) {
        String m = message == null ? "" : message.toLowerCase(Locale.ROOT);
        for (var k : UNIQUE_KEYS.entrySet()) {
            if (m.contains(k.getKey())) {
                Known known = k.getValue();
                return new StewardException(ErrorCode.CONFLICT, List.of(known.message()), Map.of(known.field(), List.of(known.message())));
            }
        }
        return StewardException.conflict("The change conflicts with an existing record");
    }

    /** The SQL state of the database error behind {@code e}, or null: for logs. */
    public static String sqlState(Throwable e) {
        SQLException sql = sqlException(e);
        return sql == null ? null : sql.getSQLState();
    }

    private static SQLException sqlException(Throwable e) {
        for (Throwable t = e; t != null; t = t.getCause()) {
            if (t instanceof SQLException s && s.getSQLState() != null) return s;
            if (t.getCause() == t) break;
        }
        return null;
    }
}
