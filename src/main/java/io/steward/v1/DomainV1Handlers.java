package io.steward.v1;

import io.steward.core.Money;
import io.steward.core.StewardException;
import io.steward.domain.Tld;
import io.steward.domain.TldCatalog;
import io.steward.web.Call;
import java.util.LinkedHashMap;
import java.util.LinkedHashSet;
import java.util.List;
import java.util.Locale;
import java.util.Map;
import java.util.Set;
import java.util.TreeMap;

/**
 * {@code GET /domains/pricing}: the offered TLDs' prices for one operation, as
 * {@code {".com": {"EUR": {"1": "9.99", "2": "19.98"}}}}: per extension, per currency, the price
 * of the operation for each number of years the catalog has a price for.
 */
public final class DomainV1Handlers {
    static final Map<String, String> OPERATIONS = Map.of("domainregister", "register", "domaintransfer", "transfer", "domainrenew", "renew");
    static final List<String> CURRENCIES = List.of("EUR", "USD");

    private final TldCatalog tlds;

    public DomainV1Handlers(TldCatalog tlds) {
        this.tlds = tlds;
    }

    /** {@code extension} (comma-separated, dot optional), {@code operationType} (register by default), {@code currency} (all by default). */
    public Object pricing(Call call) {
        String operation = call.params().string("operationType").map(String::strip).filter(s -> !s.isEmpty()).orElse("domainregister");
        if (!OPERATIONS.containsKey(operation)) {
            throw StewardException.invalid(Map.of("operationType", List.of("Must be one of domainregister, domaintransfer, domainrenew")));
        }
        String currency = call.params().string("currency").map(String::strip).filter(s -> !s.isEmpty()).orElse(null);
        if (currency != null && !CURRENCIES.contains(currency)) {
            throw StewardException.invalid(Map.of("currency", List.of("Must be one of " + String.join(", ", CURRENCIES))));
        }
        Set<String> wanted = new LinkedHashSet<>();
        for (String e : call.params().string("extension").orElse("").split(",")) {
            String x = e.strip().toLowerCase(Locale.ROOT);
            if (!x.isEmpty()) wanted.add(x.startsWith(".") ? x : "." + x);
        }
        String action = OPERATIONS.get(operation);
        var out = new LinkedHashMap<String, Object>();
        for (Tld t : tlds.offered()) {
            if (!wanted.isEmpty() && !wanted.contains(t.name())) continue;
            var byCurrency = new TreeMap<String, Map<String, String>>();
            for (Tld.Price p : t.prices()) {
                if (currency != null && !p.currency().equals(currency)) continue;
                var amount = p.of(action);
                if (amount == null) continue;
                byCurrency.computeIfAbsent(p.currency(), c -> new TreeMap<>(java.util.Comparator.comparingInt(Integer::parseInt)))
                        .put(Integer.toString(p.period()), Money.format(amount, p.currency()));
            }
            out.put(t.name(), byCurrency);
        }
        return out;
    }
}
