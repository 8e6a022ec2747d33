package io.steward.domain;

import java.math.BigDecimal;
import java.time.LocalDate;
import java.util.List;
import java.util.Set;

/**
 * A client's domain. {@code expires} is the registry's expiry; {@code nextDue} follows it for a
 * live domain; {@code nextInvoice} is when an autorenew domain's renewal invoice goes out.
 */
public record Domain(long id, long clientId, long tldId, String name, String status, String orderAction, int period, String currency,
                     BigDecimal firstPayment, BigDecimal recurringAmount, LocalDate dateCreated, LocalDate expires,
                     LocalDate nextDue, LocalDate nextInvoice, boolean autorenew, boolean idprotection, boolean reglock,
                     List<String> nameservers, String registrar, String eppSealed, String contacts, String extra) {
    public static final String PENDING = "Pending";
    public static final String PENDING_REGISTRATION = "Pending Registration";
    public static final String PENDING_TRANSFER = "Pending Transfer";
    public static final String ACTIVE = "Active";
    public static final String EXPIRED = "Expired";
    public static final String CANCELLED = "Cancelled";
    public static final String TRANSFERRED_AWAY = "Transferred Away";
    public static final String FRAUD = "Fraud";

    /** Statuses in which the registry holds the name for the client, so it can be managed. */
    public static final Set<String> MANAGEABLE = Set.of(ACTIVE, EXPIRED);
    /** Statuses of a name that is (or is about to be) the client's: a second order of the same name is refused. */
    public static final Set<String> LIVE = Set.of(PENDING, PENDING_REGISTRATION, PENDING_TRANSFER, ACTIVE, EXPIRED);

    public boolean manageable() { return MANAGEABLE.contains(status); }

    /** The label before the TLD, e.g. {@code example} of {@code example.com}. */
    public String sld(String tld) {
        return name.substring(0, name.length() - tld.length());
    }
}
