package io.steward.catalog;

import io.steward.core.BillingCycle;
import java.time.LocalDateTime;
import java.util.List;
import java.util.Locale;
import java.util.Optional;

/** A product as staff define it. The order step sees it through {@link OrderableProduct}. */
public record Product(long id, Spec spec, LocalDateTime createdAt, LocalDateTime updatedAt) {

    public enum Type {
        HOSTING, VPS, DEDICATED, DNS, SSL, LICENCE, M365, CDN;

        public String code() { return name().toLowerCase(Locale.ROOT); }

        public static Optional<Type> parse(String code) {
            for (Type t : values()) if (t.code().equalsIgnoreCase(code == null ? "" : code.trim())) return Optional.of(t);
            return Optional.empty();
        }

        public static String codes() { return "hosting, vps, dedicated, dns, ssl, licence, m365, cdn"; }
    }

    /**
     * How the product is paid, as the references' {@code paytype}: on recurring cycles
     * ({@code m}..{@code t}), once ({@code Once}), or not at all ({@code Free}).
     */
    public enum PayType {
        Regular, Once, Free;

        /** Whether a price (of the product, its options or addons) may be given for {@code cycle}. */
        public boolean allows(BillingCycle cycle) {
            return switch (this) {
                case Regular -> cycle.recurring();
                case Once -> cycle == BillingCycle.ONCE;
                case Free -> cycle == BillingCycle.FREE;
            };
        }

        public static Optional<PayType> parse(String code) {
            for (PayType t : values()) if (t.name().equalsIgnoreCase(code == null ? "" : code.trim())) return Optional.of(t);
            return Optional.empty();
        }
    }

    /** When a service of this product is provisioned. */
    public enum Provisioning {
        ON_ORDER, ON_PAYMENT, MANUAL;

        public String code() { return name().toLowerCase(Locale.ROOT); }

        public static Optional<Provisioning> parse(String code) {
            for (Provisioning p : values()) if (p.code().equalsIgnoreCase(code == null ? "" : code.trim())) return Optional.of(p);
            return Optional.empty();
        }
    }

    /**
     * Everything staff set on a product. {@code stock} null is unlimited; {@code prorataDay} (1-28)
     * aligns the first period to that day of the month; {@code renewalLeadDays} null means the
     * billing engine's default; {@code moduleConfig} is a JSON object given to the server module.
     */
    public record Spec(long categoryId, String name, Type type, String description, PayType paytype,
                       Integer stock, int maxPerOrder, boolean visible, boolean retired, int sortOrder,
                       Integer prorataDay, Provisioning provisioning, String module, String moduleConfig,
                       Integer renewalLeadDays, List<String> tags, PriceTable prices, List<Form> forms,
                       List<Long> addons, List<Long> subproducts, List<Long> upgrades) {}

    public String name() { return spec.name(); }

    /** The cycles this product is sold on in {@code currency}, shortest first; a free product has {@code Free} in every currency. */
    public List<BillingCycle> cycles(String currency) {
        return spec.paytype() == PayType.Free ? List.of(BillingCycle.FREE) : spec.prices().cycles(currency);
    }

    /** The product's own price for a cycle it is sold on; a free product costs nothing. */
    public Optional<Price> price(String currency, BillingCycle cycle) {
        if (spec.paytype() == PayType.Free) return cycle == BillingCycle.FREE ? Optional.of(Price.ZERO) : Optional.empty();
        return spec.prices().get(currency, cycle);
    }

    public Optional<Form> form(long formId) {
        return spec.forms().stream().filter(f -> f.id() != null && f.id() == formId).findFirst();
    }
}
