package io.steward.auth;

import java.util.Locale;
import java.util.Optional;

/**
 * The areas of the admin API a staff role is granted. A grant is an area's name ({@code billing}:
 * read and change) or the name with {@code :read} (only {@code GET}), or {@code *} for every area
 * and for what no area claims.
 */
public enum StaffArea {
    CLIENTS, ORDERS, BILLING, SERVICES, SUPPORT, DOMAINS, DNS, CATALOG, TAX, PROMOS, STATUS, SETTINGS, STAFF;

    public static final String ALL = "*";
    public static final String READ_SUFFIX = ":read";

    public String key() { return name().toLowerCase(Locale.ROOT); }

    public static Optional<StaffArea> parse(String key) {
        for (StaffArea a : values()) if (a.key().equals(key)) return Optional.of(a);
        return Optional.empty();
    }

    /** Whether {@code grant} is a grant a role may hold. */
    public static boolean validGrant(String grant) {
        if (grant.equals(ALL)) return true;
        String area = grant.endsWith(READ_SUFFIX) ? grant.substring(0, grant.length() - READ_SUFFIX.length()) : grant;
        return parse(area).isPresent();
    }
}
