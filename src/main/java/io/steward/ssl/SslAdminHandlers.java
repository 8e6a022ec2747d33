package io.steward.ssl;

import static io.steward.core.Json.obj;

import io.steward.core.StewardException;
import io.steward.web.Call;
import io.steward.web.Params;
import java.util.Arrays;
import java.util.List;
import java.util.Map;

/**
 * The admin API's certificate products: {@code GET /certificate-products},
 * {@code GET|PUT|DELETE /products/@id/certificate} (what makes a catalog product a certificate
 * product: validation, coverage, SANs, CA module and instance, smallest RSA key, methods).
 */
public final class SslAdminHandlers {
    private final SslService ssl;
    private final CertificateRenewals renewals;
    private final io.steward.db.Db db;
    private final CertificateStore store;
    private final CommercialCaOrders commercial;

    SslAdminHandlers(SslService ssl, CertificateRenewals renewals, io.steward.db.Db db, CertificateStore store, CommercialCaOrders commercial) {
        this.ssl = ssl;
        this.db = db;
        this.store = store;
        this.commercial = commercial;
        this.renewals = renewals;
    }

    public Object list(Call call) {
        return obj("certificate_products", ssl.products().stream().map(SslAdminHandlers::shape).toList());
    }

    public Object get(Call call) {
        return obj("certificate_product", shape(ssl.product(call.pathId("id"))));
    }

    public Object set(Call call) {
        Params p = call.params();
        long id = call.pathId("id");
        int included = p.intValue("included_sans", 1, 1, 250);
        var product = new SslProduct(id, p.string("validation").orElse("DV").trim().toUpperCase(java.util.Locale.ROOT),
                p.string("coverage").orElse("single").trim(), included, p.intValue("max_sans", included, 1, 250),
                p.id("san_form_id").orElse(null), p.string("ca_module").orElse(SandboxCaFactory.ID).trim(),
                p.id("ca_instance_id").orElse(null), p.intValue("min_rsa_bits", 2048, 1024, 16384),
                p.string("methods").map(s -> Arrays.stream(s.split("[,\\s]+")).filter(x -> !x.isBlank()).toList()).orElse(List.of("dns", "http")));
        return obj("certificate_product", shape(ssl.saveProduct(product)));
    }

    public Object delete(Call call) {
        ssl.deleteProduct(call.pathId("id"));
        return obj("deleted", true);
    }

    /** Runs the renewal and reminder pass now (it also runs daily). */
    public Object runRenewals(Call call) {
        var r = renewals.run();
        return obj("renewals", r.renewals(), "reminders", r.reminders(), "expired", r.expired());
    }

    /**
     * The commercial sandbox CA's validation team: {@code action} advance (the current validation
     * step passed) or reject (with {@code reason}) the certificate's current order; the
     * certificate job's next poll carries it to the certificate.
     */
    public Object caOrder(Call call) {
        Params p = call.params();
        var c = db.tx(() -> store.byService(call.pathId("id"))).orElseThrow(() -> StewardException.notFound("Certificate not found"));
        var o = commercial.staff(c.id(), p.required("action").trim(), p.string("reason").orElse(null));
        return obj("ca_order", obj("certificate_id", c.serviceId(), "validation", o.validation(), "method", o.method(), "state", o.state(),
                "reason", o.reason()));
    }

    static Map<String, Object> shape(SslProduct p) {
        if (p == null) throw StewardException.notFound("Certificate product not found");
        return obj("product_id", p.productId(), "validation", p.validation(), "coverage", p.coverage(), "included_sans", p.includedSans(),
                "max_sans", p.maxSans(), "san_form_id", p.sanFormId(), "ca_module", p.caModule(), "ca_instance_id", p.caInstanceId(),
                "min_rsa_bits", p.minRsaBits(), "methods", p.methods());
    }
}
