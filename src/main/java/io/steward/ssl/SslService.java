package io.steward.ssl;

import io.steward.account.Actor;
import io.steward.catalog.CatalogService;
import io.steward.catalog.PriceRequest;
import io.steward.catalog.PricedConfiguration;
import io.steward.catalog.Product;
import io.steward.core.Secrets;
import io.steward.core.StewardException;
import io.steward.core.Times;
import io.steward.db.Db;
import io.steward.modules.ModuleInstances;
import io.steward.modules.ModuleKind;
import io.steward.service.Service;
import io.steward.service.ServiceManager;
import java.math.BigDecimal;
import java.time.Clock;
import java.util.ArrayList;
import java.util.List;
import java.util.Map;
import java.util.Optional;

/**
 * Certificates as clients and staff see them: the products on sale with their periods, server
 * software and approver addresses; the caller's certificates (the service's {@code basic}
 * privilege, another client's is not found); the certificate files; reissue with a new CSR and
 * revocation (queued as jobs); and staff's certificate settings of catalog products.
 */
public final class SslService {
    /** A product on sale: its catalog product and category, and its price per period of years. */
    public record Offered(SslProduct ssl, Product product, String category, List<Period> periods) {}

    public record Period(int years, BigDecimal price, BigDecimal renew) {}

    /** A certificate with its service, and a generated private key when this is the one time it is shown. */
    public record Shown(Certificate certificate, Service service, String privateKeyOnce) {}

    private final Db db;
    private final Clock clock;
    private final Secrets secrets;
    private final CatalogService catalog;
    private final ServiceManager services;
    private final CertificateStore store;
    private final CertificateJobs jobs;
    private final ModuleInstances modules;

    SslService(Db db, Clock clock, Secrets secrets, CatalogService catalog, ServiceManager services, CertificateStore store,
               CertificateJobs jobs, ModuleInstances modules) {
        this.db = db;
        this.clock = clock;
        this.secrets = secrets;
        this.catalog = catalog;
        this.services = services;
        this.store = store;
        this.jobs = jobs;
        this.modules = modules;
    }

    // Catalog

    public List<Offered> offered(String currency) {
        var out = new ArrayList<Offered>();
        for (SslProduct p : db.tx(store::products)) {
            Product product;
            String category;
            try {
                var offer = catalog.offer(p.productId());
                product = offer.product();
                category = offer.category().spec().name();
                if (!product.spec().visible() || product.spec().retired()) continue;
            } catch (StewardException e) {
                continue;
            }
            var periods = new ArrayList<Period>();
            String[] cycles = {"a", "b", "t"};
            for (int years = 1; years <= 3; years++) {
                try {
                    PricedConfiguration pc = catalog.price(PriceRequest.of(p.productId(), cycles[years - 1], currency));
                    periods.add(new Period(years, pc.firstPeriodTotal(), pc.lines().get(0).recurring()));
                } catch (StewardException e) {
                    // This period is not offered.
                }
            }
            if (!periods.isEmpty()) out.add(new Offered(p, product, category, periods));
        }
        return out;
    }

    public SslProduct product(long productId) {
        return db.tx(() -> store.product(productId)).orElseThrow(() -> StewardException.notFound("Certificate product not found"));
    }

    List<Software.Entry> software(long productId) {
        product(productId);
        return Software.ALL;
    }

    List<String> approvers(long productId, String domain) {
        product(productId);
        String d = domain == null ? "" : domain.trim().toLowerCase(java.util.Locale.ROOT);
        if (!SslOrdering.HOST.matcher(SslOrdering.base(d)).matches()) throw StewardException.invalid(Map.of("domain", List.of("Not a valid domain name")));
        return SslOrdering.approvers(SslOrdering.base(d));
    }

    // The caller's certificates

    public List<Shown> list(Actor actor) {
        return db.tx(() -> {
            var out = new ArrayList<Shown>();
            for (Certificate c : store.byClient(actor.clientId())) {
                if (!actor.privileges().services().allows(c.serviceId(), "basic")) continue;
                services.find(c.serviceId()).ifPresent(s -> out.add(new Shown(c, s, null)));
            }
            return out;
        });
    }

    /** One certificate; a key Steward made and was not asked to keep is shown this once and then forgotten. */
    public Shown get(Actor actor, long serviceId) {
        return db.tx(() -> {
            Service s = services.details(actor, serviceId).service();
            Certificate c = store.byServiceForUpdate(serviceId).orElseThrow(() -> StewardException.notFound("Certificate not found"));
            String once = null;
            if (c.keySealed() != null) {
                String key = secrets.decrypt(c.keySealed());
                if (key.startsWith("once:")) {
                    once = key.substring(5);
                    store.forgetKey(c.id(), Times.now(clock));
                }
            }
            return new Shown(c, s, once);
        });
    }

    /** The private key kept at the client's request (sealed at rest), or empty. */
    Optional<String> keptKey(Certificate c) {
        if (c.keySealed() == null) return Optional.empty();
        String key = secrets.decrypt(c.keySealed());
        return key.startsWith("keep:") ? Optional.of(key.substring(5)) : Optional.empty();
    }

    public Certificate issued(Actor actor, long serviceId) {
        Certificate c = get(actor, serviceId).certificate();
        if (c.certPem() == null) throw StewardException.conflict("The certificate is not issued yet (" + c.status() + ")");
        return c;
    }

    /** Reissue with a new CSR for the same names (its key checked as at order time). */
    public Certificate reissue(Actor actor, long serviceId, String csrPem) {
        return db.tx(() -> {
            Certificate c = get(actor, serviceId).certificate();
            if (!c.status().equals(Certificate.ISSUED) && !c.status().equals(Certificate.FAILED) && !c.status().equals(Certificate.EXPIRED)) {
                throw StewardException.conflict("Only an issued, failed or expired certificate can be reissued; this one is " + c.status());
            }
            SslProduct p = product(c.productId());
            var csr = Csrs.parse(csrPem);
            Csrs.checkKey(csr, p.minRsaBits());
            if (!new java.util.HashSet<>(csr.names()).equals(new java.util.HashSet<>(c.names()))) {
                throw StewardException.invalid(Map.of("csr", List.of("A reissue covers the names ordered: " + String.join(", ", c.names())
                        + "; the CSR names " + String.join(", ", csr.names()))));
            }
            var now = Times.now(clock);
            store.newCsr(c.id(), csr.names(), csr.pem(), null, now);
            store.setStatus(c.id(), Certificate.PROCESSING, "", null, now);
            jobs.enqueue(c, "reissue", null);
            return store.byId(c.id()).orElseThrow();
        });
    }

    public Certificate revoke(Actor actor, long serviceId) {
        return db.tx(() -> {
            Certificate c = get(actor, serviceId).certificate();
            if (!c.status().equals(Certificate.ISSUED)) throw StewardException.conflict("Only an issued certificate can be revoked; this one is " + c.status());
            jobs.enqueue(c, "revoke", "revoke:" + c.id() + ":" + c.serial());
            return c;
        });
    }

    // Staff

    public List<SslProduct> products() {
        return db.tx(store::products);
    }

    /** Makes a catalog product a certificate product (or changes its settings). */
    public SslProduct saveProduct(SslProduct p) {
        var v = new io.steward.core.Validation();
        v.check(SslProduct.VALIDATIONS.contains(p.validation()), "validation", "Validation must be DV, OV or EV");
        v.check(SslProduct.COVERAGES.contains(p.coverage()), "coverage", "Coverage must be single, wildcard or multi");
        v.check(p.includedSans() >= 1 && p.includedSans() <= p.maxSans(), "included_sans", "Included SANs must be between 1 and max_sans");
        v.check(p.maxSans() >= 1 && p.maxSans() <= 250, "max_sans", "max_sans must be 1 to 250");
        v.check(p.minRsaBits() >= 2048 && p.minRsaBits() <= 8192, "min_rsa_bits", "min_rsa_bits must be 2048 to 8192");
        v.check(!p.methods().isEmpty() && SslProduct.METHODS.containsAll(p.methods()), "methods", "Methods are dns, http and email");
        v.check(modules.modules().has(ModuleKind.CA, p.caModule()), "ca_module", "No CA module " + p.caModule());
        if (p.caInstanceId() != null) v.check(modules.usable(p.caInstanceId(), ModuleKind.CA), "ca_instance_id", "No CA module instance " + p.caInstanceId());
        v.throwIfAny();
        var offer = catalog.offer(p.productId());
        if (p.sanFormId() != null && offer.product().form(p.sanFormId()).filter(f -> f.type() == io.steward.catalog.Form.Type.QUANTITY).isEmpty()) {
            throw StewardException.invalid(Map.of("san_form_id", List.of("Not a quantity option of product " + p.productId())));
        }
        db.txRun(() -> store.saveProduct(p));
        return product(p.productId());
    }

    public void deleteProduct(long productId) {
        if (!db.tx(() -> store.deleteProduct(productId))) throw StewardException.notFound("Certificate product not found");
    }
}
