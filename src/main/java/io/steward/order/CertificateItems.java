package io.steward.order;

import com.fasterxml.jackson.databind.JsonNode;

/**
 * The seam through which orders and quotes take {@code type: certificate} items, implemented by
 * the ssl feature. A certificate is a service of a certificate product, so the order prices and
 * creates it as a product item; the ssl feature says which product and configuration the item's
 * parameters (product_id, csr, years, approver_email, software, organization...) mean, and
 * records the certificate of the Pending service in the order's transaction.
 */
public interface CertificateItems {
    /**
     * A certificate item evaluated: the catalog product, the parameters the catalog prices
     * ({@code cycle} from {@code years}, the extra-SAN quantity in {@code custom}), the domain the
     * service is labelled with, and whatever {@link #create} needs again.
     */
    record Evaluated(long productId, JsonNode catalogParams, String domain, Object state) {}

    /** Checks the item (product, CSR names and key, method, organisation); invalid input throws. */
    Evaluated evaluate(long clientId, JsonNode params);

    /** Records the certificate of the Pending service just created for the item, in the order's transaction. */
    void create(long clientId, long orderId, long serviceId, Evaluated item);
}
