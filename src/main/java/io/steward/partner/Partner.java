package io.steward.partner;

import java.math.BigDecimal;

/**
 * A reseller: the client account {@code clientId} that staff made a partner. Orders placed through
 * the partner API are invoiced to that account at {@code discountPercent} off; its OAuth clients
 * may make {@code ratePerMinute} requests a minute on each node.
 */
public record Partner(long id, long clientId, String name, BigDecimal discountPercent, int ratePerMinute, String status) {
    public boolean active() { return "active".equals(status); }
}
