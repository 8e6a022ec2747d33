package io.steward.ssl;

import static io.steward.core.Json.obj;

import com.fasterxml.jackson.databind.node.ObjectNode;
import io.steward.account.Actor;
import io.steward.core.Json;
import io.steward.core.Money;
import io.steward.core.Times;
import io.steward.order.OrderRequest;
import io.steward.order.OrderService;
import io.steward.web.Call;
import java.math.BigDecimal;
import java.util.ArrayList;
import java.util.Base64;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;
import java.util.function.LongFunction;

/**
 * The client API's SSL certificates (reference 002): {@code GET /certificate},
 * {@code GET /certificate/@id}, {@code GET /certificate/@id/crt}, {@code GET /certificate/order},
 * {@code GET /certificate/order/@product_id/software}, {@code POST /certificate/order}, and ours:
 * {@code GET /certificate/order/@product_id/approvers}, {@code POST /certificate/@id/reissue},
 * {@code POST /certificate/@id/revoke}. A certificate's id is its service's id.
 */
public final class SslClientHandlers {
    private final SslService ssl;
    private final OrderService orders;
    private final LongFunction<String> currencyOf;
    private final CommercialCaOrders commercial;

    SslClientHandlers(SslService ssl, OrderService orders, LongFunction<String> currencyOf, CommercialCaOrders commercial) {
        this.ssl = ssl;
        this.commercial = commercial;
        this.orders = orders;
        this.currencyOf = currencyOf;
    }

    public Object list(Call call) {
        return obj("sslservices", ssl.list(call.get(Actor.class)).stream().map(s -> {
            var c = s.certificate();
            var v = s.service();
            return obj("id", Long.toString(v.id()), "domain", c.domain(), "total", Money.format(v.recurringAmount(), v.currency()),
                    "status", v.status(), "billingcycle", v.cycle().label(), "next_due", date(v.nextDue()), "category", v.category(),
                    "category_url", v.categorySlug() == null ? "" : v.categorySlug(), "name", v.name(), "cert_email", c.approverEmail(),
                    "cert_status", c.status(), "cert_expires", c.expiresAt() == null ? "" : Times.stamp(c.expiresAt()));
        }).toList());
    }

    public Object get(Call call) {
        var shown = ssl.get(call.get(Actor.class), call.pathId("id"));
        var c = shown.certificate();
        var v = shown.service();
        Map<String, Object> service = new LinkedHashMap<>(obj("id", Long.toString(v.id()), "date_created", date(v.registeredOn()),
                "domain", c.domain(), "firstpayment", Money.format(v.firstPayment(), v.currency()),
                "total", Money.format(v.recurringAmount(), v.currency()), "billingcycle", v.cycle().label(), "next_due", date(v.nextDue()),
                "next_invoice", date(v.nextInvoice()), "status", v.status(), "label", v.label() == null ? "" : v.label(), "name", v.name(),
                "cert_status", c.status(), "cert_expires", c.expiresAt() == null ? "" : Times.stamp(c.expiresAt()), "csr", c.csr(),
                "contacts", Map.of(), "organization", parsed(c.organization()), "cert_email", c.approverEmail(),
                "software", c.software() == null ? "" : Integer.toString(c.software())));
        service.put("sans", c.names());
        service.put("validation_method", c.method());
        service.put("validation", parsed(c.validation()));
        service.put("cert_error", c.error());
        service.put("validation_state", validationState(c));
        if (shown.privateKeyOnce() != null) service.put("private_key", shown.privateKeyOnce());
        return obj("service", service);
    }

    public Object crt(Call call) {
        Actor a = call.get(Actor.class);
        var c = ssl.issued(a, call.pathId("id"));
        var leaf = CertificateJobs.parse(c.certPem());
        Map<String, Object> out = new LinkedHashMap<>();
        out.put("crt", c.certPem());
        out.put("ca", c.chainPem());
        out.put("fullchain", c.certPem() + c.chainPem());
        try {
            out.put("der", Base64.getEncoder().encodeToString(leaf.getEncoded()));
            out.put("pkcs7", Base64.getEncoder().encodeToString(java.security.cert.CertificateFactory.getInstance("X.509")
                    .generateCertPath(CertificateJobs.parseAll(c.certPem() + c.chainPem())).getEncoded("PKCS7")));
        } catch (java.security.cert.CertificateException e) {
            throw new IllegalStateException(e);
        }
        out.put("serial", c.serial());
        out.put("issued", Times.stamp(c.issuedAt()));
        out.put("expires", Times.stamp(c.expiresAt()));
        ssl.keptKey(c).ifPresent(k -> out.put("key", k));
        return obj("certificate", out);
    }

    public Object products(Call call) {
        String currency = currencyOf.apply(call.get(Actor.class).clientId());
        return obj("products", ssl.offered(currency).stream().map(o -> {
            var periods = new ArrayList<Map<String, Object>>();
            for (var p : o.periods()) periods.add(obj("years", p.years(), "price", number(p.price(), currency), "renew", number(p.renew(), currency)));
            Map<String, Object> m = new LinkedHashMap<>(obj("id", Long.toString(o.product().id()), "name", o.product().spec().name(),
                    "description", o.product().spec().description() == null ? "" : o.product().spec().description(), "periods", periods,
                    "category", o.category(), "category_url", slug(o.category())));
            m.put("validation", o.ssl().validation());
            m.put("type", o.ssl().coverage());
            m.put("included_sans", o.ssl().includedSans());
            m.put("max_sans", o.ssl().maxSans());
            m.put("validation_methods", o.ssl().methods());
            return m;
        }).toList());
    }

    public Object software(Call call) {
        return obj("software", ssl.software(call.pathId("product_id")).stream().map(s -> obj("id", s.id(), "name", s.name())).toList());
    }

    public Object approvers(Call call) {
        return obj("approvers", ssl.approvers(call.pathId("product_id"), call.params().required("domain")));
    }

    public Object order(Call call) {
        Actor a = call.get(Actor.class);
        ObjectNode params = call.params().tree().deepCopy();
        params.put("type", "certificate");
        var placed = orders.place(a.clientId(), OrderRequest.oneItem("certificate", params), a.isHolder() ? "client" : "contact:" + a.contactId());
        var item = placed.order().items().get(0);
        Map<String, Object> out = new LinkedHashMap<>(obj("order_num", placed.order().orderNum(), "invoice_id", String.valueOf(placed.invoice().id()),
                "total", Money.format(placed.invoice().invoice().total(), placed.order().currency()),
                "items", obj("id", String.valueOf(item.serviceId()), "type", "Hosting", "name", placed.quote().valid().get(0).certificate().domain(),
                        "product_id", String.valueOf(item.productId()))));
        // A key Steward made is shown in this answer, once (kept sealed only when keep_key asked for it).
        var shown = ssl.get(a, item.serviceId());
        if (shown.privateKeyOnce() != null) out.put("private_key", shown.privateKeyOnce());
        return out;
    }

    public Object reissue(Call call) {
        var c = ssl.reissue(call.get(Actor.class), call.pathId("id"), call.params().required("csr"));
        return obj("success", true, "info", List.of("certificate_reissue_queued"), "cert_status", c.status());
    }

    /** The approver's code of e-mail validation at a commercial CA (the mail went to the approver address). */
    public Object approve(Call call) {
        var c = ssl.get(call.get(Actor.class), call.pathId("id")).certificate();
        var o = commercial.confirmApprover(c.id(), call.params().required("code"));
        return obj("success", true, "info", List.of("certificate_approved"), "validation_state", o.state());
    }

    /**
     * The CA's validation state: a commercial CA's order state when the certificate has one;
     * otherwise (DV from ACME or the sandbox) derived from the certificate's status.
     */
    private String validationState(Certificate c) {
        var o = commercial.latest(c.id());
        if (o.isPresent()) return o.get().state();
        return switch (c.status()) {
            case Certificate.PROCESSING, Certificate.AWAITING_VALIDATION -> CommercialCaOrders.PENDING_DOMAIN;
            case Certificate.ISSUED, Certificate.REVOKED, Certificate.EXPIRED -> CommercialCaOrders.ISSUED;
            case Certificate.FAILED -> "failed";
            default -> "";
        };
    }

    public Object revoke(Call call) {
        ssl.revoke(call.get(Actor.class), call.pathId("id"));
        return obj("success", true, "info", List.of("certificate_revocation_queued"));
    }

    private static Object parsed(String json) {
        try {
            return Json.MAPPER.readTree(json);
        } catch (java.io.IOException e) {
            throw new IllegalStateException("a stored JSON value", e);
        }
    }

    private static double number(BigDecimal amount, String currency) {
        return Money.round(amount, currency).doubleValue();
    }

    private static String date(java.time.LocalDate d) {
        return d == null ? "0000-00-00" : d.toString();
    }

    private static String slug(String name) {
        return name.toLowerCase(java.util.Locale.ROOT).replaceAll("[^a-z0-9]+", "");
    }
}
