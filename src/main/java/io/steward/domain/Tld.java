package io.steward.domain;

import com.fasterxml.jackson.databind.JsonNode;
import java.math.BigDecimal;
import java.util.List;
import java.util.Optional;

/**
 * A TLD in the catalog: its name with the dot ({@code .com}), the registrar module that sells it,
 * whether a transfer needs an EPP code, whether premium names may be sold, default nameservers,
 * the additional order forms (the shape of {@code GET /domain/order/@id/form}) and prices per
 * currency and period.
 */
public record Tld(long id, String name, String registrar, boolean eppRequired, boolean premiumEnabled, List<String> defaultNs,
                  JsonNode forms, boolean enabled, int position, List<Price> prices) {

    /** Prices of one period (1-10 years) in one currency. */
    public record Price(String currency, int period, BigDecimal register, BigDecimal transfer, BigDecimal renew, BigDecimal redemption) {
        public BigDecimal of(String action) {
            return switch (action) {
                case "register" -> register;
                case "transfer" -> transfer;
                case "renew" -> renew;
                case "redemption" -> redemption;
                default -> throw new IllegalArgumentException(action);
            };
        }
    }

    public List<Price> prices(String currency) {
        return prices.stream().filter(p -> p.currency().equals(currency)).toList();
    }

    public Optional<Price> price(String currency, int period) {
        return prices.stream().filter(p -> p.currency().equals(currency) && p.period() == period).findFirst();
    }
}
