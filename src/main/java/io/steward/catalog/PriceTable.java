package io.steward.catalog;

import io.steward.core.BillingCycle;
import java.util.Collections;
import java.util.EnumMap;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;
import java.util.Optional;
import java.util.Set;

/** Prices per currency per cycle (of a product, an option item or an addon). Immutable. */
public final class PriceTable {
    public static final PriceTable EMPTY = new PriceTable(Map.of());

    private final Map<String, Map<BillingCycle, Price>> byCurrency;

    private PriceTable(Map<String, Map<BillingCycle, Price>> byCurrency) {
        this.byCurrency = byCurrency;
    }

    /** A copy of {@code prices} with each currency's cycles in cycle order. */
    public static PriceTable of(Map<String, Map<BillingCycle, Price>> prices) {
        var copy = new LinkedHashMap<String, Map<BillingCycle, Price>>();
        prices.forEach((currency, cycles) -> {
            if (!cycles.isEmpty()) copy.put(currency, Collections.unmodifiableMap(new EnumMap<>(cycles)));
        });
        return new PriceTable(Collections.unmodifiableMap(copy));
    }

    public Optional<Price> get(String currency, BillingCycle cycle) {
        Map<BillingCycle, Price> cycles = byCurrency.get(currency);
        return cycles == null ? Optional.empty() : Optional.ofNullable(cycles.get(cycle));
    }

    /** The cycles priced in {@code currency}, shortest first. */
    public List<BillingCycle> cycles(String currency) {
        Map<BillingCycle, Price> cycles = byCurrency.get(currency);
        return cycles == null ? List.of() : List.copyOf(cycles.keySet());
    }

    public Set<String> currencies() { return byCurrency.keySet(); }

    public Map<String, Map<BillingCycle, Price>> asMap() { return byCurrency; }

    public boolean isEmpty() { return byCurrency.isEmpty(); }

    @Override
    public boolean equals(Object o) {
        return o instanceof PriceTable t && t.byCurrency.equals(byCurrency);
    }

    @Override
    public int hashCode() { return byCurrency.hashCode(); }

    @Override
    public String toString() { return byCurrency.toString(); }
}
