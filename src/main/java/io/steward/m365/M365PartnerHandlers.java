package io.steward.m365;

import static io.steward.core.Json.obj;

import io.steward.core.Validation;
import io.steward.partner.PartnerCaller;
import io.steward.partner.PartnerReplies;
import io.steward.web.Call;
import io.steward.web.Params;
import io.steward.web.Reply;
import java.time.LocalDate;
import java.time.ZoneOffset;
import java.time.format.DateTimeFormatter;
import java.util.ArrayList;
import java.util.List;
import java.util.Map;
import java.util.regex.Pattern;

/** The partner API's {@code products/m365/...} handlers, in the reference's shapes (its PascalCase fields included). */
public final class M365PartnerHandlers {
    private static final Pattern ALNUM = Pattern.compile("[A-Za-z0-9]{1,100}");
    private static final List<String> TERMS = List.of("P1M", "P1Y", "P3Y", "P1X");
    private static final DateTimeFormatter DMY = DateTimeFormatter.ofPattern("dd/MM/yyyy");

    private final M365Service m365;

    M365PartnerHandlers(M365Service m365) {
        this.m365 = m365;
    }

    private static PartnerCaller caller(Call call) {
        return call.get(PartnerCaller.class);
    }

    private static String tenantName(Params p) {
        var v = new Validation();
        String name = p.string("tenant_name").map(String::trim).orElse("");
        if (name.isEmpty()) v.add("tenant_name", "The tenant name field is required.");
        else if (!ALNUM.matcher(name).matches()) v.add("tenant_name", "The tenant name must be 1 to 100 letters and digits (without .onmicrosoft.com).");
        v.throwIfAny();
        return name;
    }

    private static Integer integer(Validation v, Params p, String field, int min, int max) {
        String s = p.string(field).map(String::trim).orElse("");
        if (s.isEmpty()) {
            v.add(field, "The " + field.replace('_', ' ') + " field is required.");
            return null;
        }
        try {
            int n = Integer.parseInt(s);
            if (n >= min && n <= max) return n;
            v.add(field, "The " + field.replace('_', ' ') + " must be between " + min + " and " + max + ".");
        } catch (NumberFormatException e) {
            v.add(field, "The " + field.replace('_', ' ') + " must be an integer.");
        }
        return null;
    }

    private static String term(Validation v, Params p, String field) {
        String s = p.string(field).map(String::trim).orElse("");
        if (s.isEmpty()) v.add(field, "The " + field.replace('_', ' ') + " field is required.");
        else if (!TERMS.contains(s)) v.add(field, "The " + field.replace('_', ' ') + " must be one of P1M, P1Y, P3Y, P1X.");
        else return s;
        return null;
    }

    /**
     * {@code GET products/m365/catalog}, priced in the partner's billing currency; {@code Prices} (per seat per billing cycle,
     * by term) and {@code Currency} are Steward's additions.
     */
    public Object catalog(Call call) {
        var out = new ArrayList<Map<String, Object>>();
        for (var o : m365.catalog(caller(call))) {
            var prices = new java.util.LinkedHashMap<String, Object>();
            o.prices().forEach((k, price) -> prices.put(k, io.steward.core.Money.format(price, o.currency())));
            out.add(obj("Title", o.title(), "Description", o.description(), "Terms", List.copyOf(o.prices().keySet()), "Id", String.valueOf(o.id()),
                    "ProductSKU", o.productSku(), "Prices", prices, "Currency", o.currency()));
        }
        return obj("success", true, "message", "Subscription Catalog", "data", out);
    }

    /** {@code POST products/m365/tenant}. */
    public Object addTenant(Call call) {
        String name = tenantName(call.params());
        Long clientId = call.params().id("client_id").orElse(null);
        long serviceId = m365.addTenant(caller(call), clientId, name);
        return PartnerReplies.created("Added Tenant", obj("service_id", String.valueOf(serviceId)));
    }

    /** {@code GET products/m365/check-tenant} (201, as the reference answers it). */
    public Object checkTenant(Call call) {
        String name = tenantName(call.params());
        boolean available = m365.available(name);
        String domain = M365Service.domain(name);
        return Reply.json(201, obj("success", true, "available", available,
                "message", available ? domain + " is available to register!" : domain + " is already taken."));
    }

    private static Map<String, Object> order(M365Store.Tenant t, M365Store.Subscription s) {
        return obj("TenantId", t.cspTenantId(), "ErpOrderId", s.orderId(), "IsAddonOrder", false, "Subscriptions", List.of(obj(
                "AutoRenewEnabled", true, "BillingCycle", s.cycle(), "CustomTermEndDate", null, "ErpOrderId", null, "FriendlyName", s.friendlyName(),
                "OfferId", s.offerId(), "OrderId", s.orderId(), "PartnerId", String.valueOf(t.billedClientId()), "ProductId", String.valueOf(s.catalogId()),
                "Quantity", s.quantity(), "SkuId", null, "Status", 1, "SubscriptionId", s.id(), "TenantId", t.cspTenantId(), "TermDuration", s.term(),
                "WhmcsServiceId", null)));
    }

    /** {@code POST products/{serviceId}/m365/subscription}. */
    public Object subscribe(Call call) {
        Params p = call.params();
        var v = new Validation();
        Integer quantity = integer(v, p, "quantity", 1, 100);
        String term = term(v, p, "term_duration");
        String cycle = term(v, p, "billing_cycle");
        Integer catalogId = integer(v, p, "catalog_id", 1, Integer.MAX_VALUE);
        v.throwIfAny();
        long serviceId = call.pathId("serviceId");
        var s = m365.subscribe(caller(call), serviceId, catalogId, quantity, term, cycle);
        return obj("success", true, "data", order(m365.tenant(caller(call), serviceId), s));
    }

    /** {@code POST products/{serviceId}/m365/subscription/{subscriptionId}/update/quantity}. */
    public Object updateQuantity(Call call) {
        var v = new Validation();
        Integer quantity = integer(v, call.params(), "quantity", 1, 10000);
        v.throwIfAny();
        long serviceId = call.pathId("serviceId");
        var s = m365.setQuantity(caller(call), serviceId, call.pathParam("subscriptionId"), quantity);
        return PartnerReplies.ok("Subscription has been updated!", order(m365.tenant(caller(call), serviceId), s));
    }

    /** {@code GET products/{serviceId}/m365/subscriptions}. */
    public Object subscriptions(Call call) {
        long serviceId = call.pathId("serviceId");
        var t = m365.tenant(caller(call), serviceId);
        var out = new ArrayList<Map<String, Object>>();
        for (var s : m365.subscriptions(caller(call), serviceId)) {
            boolean cancellable = !m365.today().atStartOfDay().isAfter(s.cancelUntil());
            long endMillis = s.termEnd().atStartOfDay().toInstant(ZoneOffset.UTC).toEpochMilli();
            out.add(obj("AutoRenewEnabled", true, "ProductId", s.catalogId(), "AvailableUnits", s.quantity(),
                    "BillingCycle", cycleName(s.cycle()), "CancellationAllowedUntilDate", DMY.format(s.cancelUntil()),
                    "CatalogItemId", s.offerId() + ":" + s.catalogId(), "CommitmentEndDate", DMY.format(s.termEnd()), "ConsumedUnits", 0,
                    "CreationDate", DMY.format(s.createdAt()), "EffectiveStartDate", DMY.format(s.termStart()), "FriendlyName", s.friendlyName(),
                    "IsNewCommerceExperienceSubscription", true, "MinimumQuantity", 1, "NextTermInstructions", null, "OfferId", s.offerId(),
                    "OrderId", s.orderId(), "ParentSubscriptionId", null, "PartnerId", String.valueOf(t.billedClientId()), "ProductSku", s.offerId(),
                    "PromotionId", null, "SkuPartNumber", "UNKNOWN", "Status", 0, "SubscriptionId", s.id(), "SubscriptionQuantity", s.quantity(),
                    "TenantId", t.cspTenantId(), "TermDuration", s.term(), "TotalUnits", s.quantity(), "IsAddon", false, "AllowCancel", cancellable,
                    "MinQuantity", 1, "RecentTransactions", List.of(), "microsoft_standard_end_user_price", null, "reseller_end_user_price", null,
                    "actual_sale_price", io.steward.core.Money.format(s.unitPrice(), s.currency()), "user_price", null, "user_item_price", null,
                    "end_dates_sort", List.of(obj("original", "/Date(" + endMillis + ")/", "formatted", DMY.format(s.termEnd())))));
        }
        return obj("nce_licenses", out);
    }

    private static String cycleName(String code) {
        return switch (code) {
            case "P1M" -> "Monthly";
            case "P1Y" -> "Annually";
            case "P3Y" -> "Triennially";
            default -> "One-Time";
        };
    }
}
