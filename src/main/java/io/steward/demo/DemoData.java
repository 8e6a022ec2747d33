package io.steward.demo;

import io.steward.account.AccountService;
import io.steward.account.Actor;
import io.steward.account.ClientAdminService;
import io.steward.account.ContactService;
import io.steward.account.Privileges;
import io.steward.account.ProfileInput;
import io.steward.auth.AdminKeys;
import io.steward.catalog.CatalogAdmin;
import io.steward.catalog.CatalogDemo;
import io.steward.billing.BillingDemo;
import io.steward.core.Json;
import io.steward.db.Db;
import io.steward.promo.PromoDemo;
import io.steward.promo.PromoService;
import io.steward.tax.TaxDemo;
import io.steward.tax.TaxService;
import io.steward.service.ServiceDemo;
import org.slf4j.Logger;
import org.slf4j.LoggerFactory;

/**
 * The demo set README documents. Idempotent: running it again changes nothing. The demo admin key
 * is public knowledge, so it is for trying Steward out, never for a real installation.
 */
public final class DemoData {
    public static final String CLIENT_EMAIL = "demo@example.com";
    public static final String CLIENT_PASSWORD = "Demo-pass-1";
    public static final String CONTACT_EMAIL = "contact@example.com";
    public static final String CONTACT_PASSWORD = "Contact-pass-1";
    public static final String ADMIN_KEY = "demo-admin-key";

    private static final Logger LOG = LoggerFactory.getLogger(DemoData.class);

    private final Db db;
    private final ClientAdminService clients;
    private final ContactService contacts;
    private final AdminKeys adminKeys;
    private final TaxService tax;
    private final PromoService promos;
    private final CatalogAdmin catalog;
    private final ServiceDemo services;
    private final BillingDemo billing;
    private final java.util.List<Part> parts = new java.util.ArrayList<>();
    private final java.util.List<Part> afterBilling = new java.util.ArrayList<>();

    /** A feature's part of the demo set, loaded once the demo client and catalog exist; idempotent itself. */
    @FunctionalInterface
    public interface Part {
        void load(long clientId, Long starterProductId);
    }

    public DemoData(Db db, ClientAdminService clients, ContactService contacts, AdminKeys adminKeys, TaxService tax,
                    PromoService promos, CatalogAdmin catalog, ServiceDemo services, BillingDemo billing) {
        this.tax = tax;
        this.promos = promos;
        this.catalog = catalog;
        this.services = services;
        this.billing = billing;
        this.db = db;
        this.clients = clients;
        this.contacts = contacts;
        this.adminKeys = adminKeys;
    }

    /** Adds a feature's part, loaded in the same transaction as the rest. */
    public DemoData with(Part part) {
        parts.add(part);
        return this;
    }

    /** Adds a part that needs the billing demo (invoices) first; it opens its own transactions. */
    public DemoData afterBilling(Part part) {
        afterBilling.add(part);
        return this;
    }

    public void load() {
        long clientId = db.tx(() -> {
            adminKeys.ensure("demo", ADMIN_KEY);
            new TaxDemo(tax).load();
            new PromoDemo(promos).load();
            new CatalogDemo(catalog).load();
            var existing = clients.search(CLIENT_EMAIL, null, 1, 10).clients().stream()
                    .filter(c -> c.profile().email().equalsIgnoreCase(CLIENT_EMAIL)).findFirst();
            // Each feature's part is idempotent on its own, so a part added later loads into an existing demo set.
            long id = existing.isPresent() ? existing.get().id() : createClient();
            // The demo service is of the demo catalog's "Starter Hosting", so upgrades and renewals find their product.
            Long starter = catalog.products(null).stream().filter(p -> p.name().equals("Starter Hosting"))
                    .map(p -> p.id()).findFirst().orElse(null);
            services.load(id, starter);
            for (Part part : parts) part.load(id, starter);
            return id;
        });
        billing.load(CLIENT_EMAIL);
        for (Part part : afterBilling) part.load(clientId, null);
    }

    private long createClient() {
        var client = clients.create(new ProfileInput(CLIENT_EMAIL, "Demo", "Client", "Demo Hosting Customer Ltd",
                "1 Example Street", "", "Springfield", "Oregon", "97477", "US", "+1.5415550100", "Company",
                "+15415550101", false, false, "", ""), CLIENT_PASSWORD, "Active", "Demo account");
        var holder = new Actor(client.id(), null, Privileges.ALL);
        var supportOnly = Json.MAPPER.createObjectNode();
        supportOnly.putArray("support").add("newticket").add("tickets").add("closeticket").add("emails");
        contacts.create(holder, new ContactService.ContactInput(new ProfileInput(CONTACT_EMAIL, "Sam", "Support",
                "", "", "", "", "", "", "US", "", "Private", "", null, null, null, null), CONTACT_PASSWORD, supportOnly, null), "");
        LOG.info("demo data loaded: client {} with contact {}", CLIENT_EMAIL, CONTACT_EMAIL);
        return client.id();
    }
}
