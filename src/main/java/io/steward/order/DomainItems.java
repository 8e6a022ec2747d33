package io.steward.order;

import com.fasterxml.jackson.databind.JsonNode;
import java.math.BigDecimal;
import java.util.List;

/**
 * The seam through which orders and quotes take {@code type: domain} items (register, transfer,
 * renew), implemented by the domain feature. Orders own the order and its invoice; the domain
 * feature owns what the item means: the price, the Pending domain (or the renewal it bills) and
 * what happens when the invoice is paid or cancelled (it follows invoices itself).
 */
public interface DomainItems {
    /**
     * A domain item evaluated against the catalog and the registry. {@code lineType} is the order
     * item type the references print ({@code Domain Register}, {@code Domain Transfer},
     * {@code Domain Renew}); {@code state} is whatever {@link #create} needs again.
     */
    record Evaluated(String name, String action, int years, long tldId, String tld, String lineType, List<Line> lines,
                     BigDecimal recurring, Object state) {}

    /** One invoice line of the item (amounts rounded by billing when issued). */
    record Line(String description, BigDecimal amount, boolean taxed) {}

    /** Evaluates the item's parameters (tld_id, name, action, years, epp, nameservers, domain_id...); invalid input throws. */
    Evaluated evaluate(long clientId, JsonNode params, String currency);

    /** Creates the Pending domain (register, transfer) or finds the domain renewed, in the order's transaction; answers its id. */
    long create(long clientId, long orderId, Evaluated item);

    /** The order's invoice was issued ({@code paid} when it was paid at issue, as a zero total is). */
    void invoiced(long domainId, Evaluated item, long invoiceId, boolean paid);
}
