package io.steward.domain;

import com.fasterxml.jackson.databind.JsonNode;
import io.steward.core.Json;
import io.steward.core.Times;
import io.steward.db.Db;
import io.steward.domain.registrar.Registrars;
import io.steward.domain.registrar.SandboxRegistry;
import java.math.BigDecimal;
import java.time.Clock;
import java.time.LocalDate;
import java.time.ZoneOffset;
import java.util.ArrayList;
import java.util.List;
import java.util.Map;

/**
 * The demo TLDs (.com .net .org .io .eu .de .test, priced in USD and EUR), names the sandbox
 * registry holds (taken elsewhere, reserved, premium), and the demo client's domains:
 * {@code demo-domain.test} (Active, autorenew, Steward's nameservers, its zone made as a registration
 * makes it, so Steward's DNS server answers it) and {@code expired-demo.test} (expired ten days
 * ago). Idempotent.
 */
public final class DomainDemo {
    /**
     * EPP code of {@code transfer-me.test}, held by another registrar, for trying a transfer: a
     * documented demo credential, like the demo passwords. Every other code is random.
     */
    public static final String TRANSFER_EPP = "Transfer-me-1";

    private final Db db;
    private final Clock clock;
    private final TldCatalog tlds;
    private final DomainStore store;
    private final Registrars registrars;
    private final DomainSettings settings;
    private final DomainClaims claims;

    DomainDemo(Db db, Clock clock, TldCatalog tlds, DomainStore store, Registrars registrars, DomainSettings settings, DomainClaims claims) {
        this.claims = claims;
        this.db = db;
        this.clock = clock;
        this.tlds = tlds;
        this.store = store;
        this.registrars = registrars;
        this.settings = settings;
    }

    public void load(long clientId, String currency) {
        if (registrars.sandbox().isEmpty()) return;
        SandboxRegistry registry = registrars.sandbox().get();
        db.txRun(() -> {
            tld(".com", "10.00", "10.00", "15.00", "40.00", dnsForm(1), 0);
            tld(".net", "12.00", "12.00", "16.00", "40.00", dnsForm(2), 1);
            tld(".org", "11.00", "11.00", "14.00", "40.00", List.of(), 2);
            tld(".io", "35.00", "35.00", "45.00", "90.00", List.of(), 3);
            tld(".eu", "8.00", "8.00", "9.00", "30.00", languageForm(), 4);
            tld(".de", "7.00", "0.00", "8.00", "25.00", List.of(), 5);
            tld(".test", "5.00", "5.00", "6.00", "20.00", List.of(), 6);
        });
        LocalDate today = LocalDate.ofInstant(clock.instant(), ZoneOffset.UTC);
        registry.holdElsewhere("example.com", "iana", today.plusYears(5), SandboxRegistry.newAuthCode(), true);
        registry.holdElsewhere("taken-demo.test", "other-registrar", today.plusMonths(8), SandboxRegistry.newAuthCode(), true);
        registry.holdElsewhere("transfer-me.test", "other-registrar", today.plusMonths(5), TRANSFER_EPP, false);
        registry.special("reserved.test", "reserved", null, null);
        registry.special("premium.test", "premium", new BigDecimal("250.00"), "USD");

        Tld test = tlds.all().stream().filter(t -> t.name().equals(".test")).findFirst().orElseThrow();
        domain(registry, clientId, currency, test, "demo-domain.test", today.plusYears(1), Domain.ACTIVE);
        domain(registry, clientId, currency, test, "expired-demo.test", today.minusDays(10), Domain.EXPIRED);
    }

    /** An Active domain of {@code clientId} under the demo's .test TLD (for other features' demo parts, such as the partner's). */
    public void activeDomain(long clientId, String currency, String name) {
        if (registrars.sandbox().isEmpty()) return;
        Tld test = tlds.all().stream().filter(t -> t.name().equals(".test")).findFirst().orElse(null);
        if (test == null) return;
        LocalDate today = LocalDate.ofInstant(clock.instant(), ZoneOffset.UTC);
        domain(registrars.sandbox().get(), clientId, currency, test, name, today.plusYears(1), Domain.ACTIVE);
    }

    private void domain(SandboxRegistry registry, long clientId, String currency, Tld tld, String name, LocalDate expires, String status) {
        registry.holdElsewhere(name, SandboxRegistry.US, expires, SandboxRegistry.newAuthCode(), false);
        db.txRun(() -> {
            if (store.list(DomainStore.NAME.eq(name).and(DomainStore.CLIENT_ID.eq(clientId))).size() > 0) return;
            var price = tld.price(currency, 1).orElseThrow();
            List<String> ns = settings.defaultNameservers();
            registry.setNameservers(name, ns);
            var d = new Domain(0, clientId, tld.id(), name, status, "register", 1, currency, price.register(), price.renew(),
                    expires.minusYears(1), expires, expires, expires.minusDays(settings.leadDays()), true, false, false, ns, tld.registrar(),
                    null, "{}", "{}");
            store.insert(d, Times.now(clock));
        });
        if (Domain.ACTIVE.equals(status)) {
            // As a completed registration: the client's claim and, delegated to Steward, its zone (also for demo data loaded before zones were made).
            db.txRun(() -> store.list(DomainStore.NAME.eq(name).and(DomainStore.CLIENT_ID.eq(clientId))).forEach(claims::registered));
        }
    }

    private void tld(String name, String register, String transfer, String renew, String redemption, List<Map<String, Object>> forms, int position) {
        if (tlds.all().stream().anyMatch(t -> t.name().equals(name))) return;
        var prices = new ArrayList<Map<String, Object>>();
        for (String currency : List.of("USD", "EUR")) {
            // EUR prices are the USD ones, rounded down: a demo, not an exchange rate.
            for (int years = 1; years <= 3; years++) {
                BigDecimal y = BigDecimal.valueOf(years);
                BigDecimal f = currency.equals("USD") ? BigDecimal.ONE : new BigDecimal("0.9");
                prices.add(Json.obj("currency", currency, "period", years,
                        "register", amount(register, y, f), "transfer", amount(transfer, y, f),
                        "renew", amount(renew, y, f), "redemption", amount(redemption, BigDecimal.ONE, f).add(amount(renew, y.subtract(BigDecimal.ONE), f))));
            }
        }
        JsonNode input = Json.tree(Json.obj("name", name, "registrar", "sandbox", "epp_required", !name.equals(".de"),
                "default_ns", List.of(), "forms", forms, "prices", prices, "position", position));
        tlds.create(input);
    }

    private static BigDecimal amount(String base, BigDecimal years, BigDecimal factor) {
        return new BigDecimal(base).multiply(years).multiply(factor).setScale(2, java.math.RoundingMode.DOWN);
    }

    /** The references' DNS-management addon: a checkbox with a yearly price. */
    private static List<Map<String, Object>> dnsForm(int n) {
        return List.of(Json.obj("type", "domaindnssupport", "title", "DNS Management", "id", String.valueOf(1400 + n),
                "firstItemId", 9000 + n, "description", "", "name", "custom[" + (1400 + n) + "][" + (9000 + n) + "]", "required", false,
                "multiple", false, "config", Map.of("enableddefault", 0), "value", List.of(), "textvalue", List.of(), "price", 0,
                "recurring_price", 0, "setup", 0, "prorata_date", null,
                "items", List.of(Json.obj("title", "", "value", 1, "id", 9000 + n, "price", 4, "setup", 0, "selected", false,
                        "prices", Map.of("USD", "4.00", "EUR", "3.60")))));
    }

    /** A language select, as some registries ask for IDN registrations. */
    private static List<Map<String, Object>> languageForm() {
        var items = new ArrayList<Map<String, Object>>();
        int id = 10952;
        for (String lang : List.of("ENG", "DEU", "FRA", "NLD", "POL", "SPA")) {
            items.add(Json.obj("title", lang, "value", 1, "id", id++, "price", 0, "setup", 0, "selected", false));
        }
        return List.of(Json.obj("type", "select", "title", "Language", "id", "1755", "firstItemId", 10952, "description", "",
                "name", "custom[1755]", "required", false, "multiple", false, "config", Map.of("conditionals", List.of()), "value", List.of(),
                "textvalue", List.of(), "price", 0, "recurring_price", 0, "setup", 0, "prorata_date", null, "items", items));
    }
}
