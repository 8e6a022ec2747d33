package io.steward.order;

import java.math.BigDecimal;
import java.time.LocalDateTime;
import java.util.List;

/**
 * An order: what a client ordered in one go. {@code orderNum} is the references' random 9-digit
 * number; {@code invoiceId} the invoice it issued; {@code items} the services it created.
 */
public record Order(long id, long clientId, long orderNum, String status, Long invoiceId, Long promoCodeId, Long affId,
                    Long gatewayId, String currency, BigDecimal total, String placedBy, LocalDateTime createdAt,
                    LocalDateTime updatedAt, List<Item> items) {
    public static final String PENDING = "Pending";
    public static final String ACTIVE = "Active";
    public static final String CANCELLED = "Cancelled";
    public static final String FRAUD = "Fraud";
    public static final List<String> STATUSES = List.of(PENDING, ACTIVE, CANCELLED, FRAUD);

    /**
     * One ordered product and the service created for it, or one domain item (register, transfer,
     * renew): then {@code serviceId} is null, {@code domainId} names the domain and
     * {@code productId} the TLD.
     */
    public record Item(int position, long productId, Long serviceId, int quantity, Long domainId) {}

    public Order {
        items = List.copyOf(items);
    }
}
