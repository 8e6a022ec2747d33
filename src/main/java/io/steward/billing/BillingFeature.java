package io.steward.billing;

import io.steward.account.AccountService;
import io.steward.account.ClientAdminService;
import io.steward.config.Config;
import io.steward.db.Db;
import io.steward.modules.ModuleInstances;
import java.time.Clock;

/**
 * Assembles the billing feature: invoices and numbering, payments, credit ledger, gateway
 * modules and the API handlers (invoice documents and their PDFs are {@code billing.document}'s).
 * Configuration keys:
 * <ul>
 *   <li>{@code billing.default-currency} (USD): the currency of every client until the client
 *       billing profile provides one;</li>
 *   <li>{@code billing.invoice.due-days} (7): due date of an invoice whose draft names none;</li>
 *   <li>{@code billing.banktransfer.details}: bank details in the bank-transfer instructions.</li>
 * </ul>
 */
public final class BillingFeature implements AutoCloseable {
    private final CreditLedger credit;
    private final NumberingSeries series;
    private final Gateways gateways;
    private final BillingService billing;
    private final PaymentService payments;
    private final Db db;

    /**
     * @param clients what billing needs to know about clients ({@link #accountInfo})
     * @param tax     the tax policy (the tax feature's, adapted by the composition root)
     * @param jobs    the job engine, where the batches of issued invoices wait for their listeners
     */
    public BillingFeature(Db db, Clock clock, Config config, ClientBillingInfo clients, TaxPolicy tax, io.steward.jobs.Jobs jobs,
                          ModuleInstances instances) {
        this.db = db;
        var invoices = new InvoiceStore(db);
        var paymentStore = new PaymentStore(db);
        this.credit = new CreditLedger(db, clock, clients);
        this.series = new NumberingSeries(db, clock);
        this.gateways = new Gateways(db, clock, instances);
        gateways.sync();
        this.billing = new BillingService(db, clock, invoices, paymentStore, series, credit, gateways, clients, tax,
                config.getInt("billing.invoice.due-days", 7), jobs);
        this.payments = new PaymentService(db, clock, invoices, paymentStore, series, credit, gateways, billing);
    }

    /** Keeps clients with invoices or credit from being deleted. */
    public void guardDeletion(ClientAdminService clientAdmin) {
        clientAdmin.registerDependents(billing::blockingDeletion);
        // Invoices and credit are in the client's currency; changing it would mix currencies.
        clientAdmin.registerCurrencyGuard(billing::blockingDeletion);
    }

    /** What billing knows of clients: account details and the billing profile (currency, VAT number). */
    public static ClientBillingInfo accountInfo(AccountService accounts) {
        return new AccountBillingInfo(accounts);
    }

    public BillingService invoices() { return billing; }

    public PaymentService payments() { return payments; }

    public CreditLedger credit() { return credit; }

    public Gateways gateways() { return gateways; }

    public NumberingSeries series() { return series; }

    public BillingDemo demo(ClientAdminService clientAdmin) {
        return new BillingDemo(db, clientAdmin, billing, payments, credit, gateways);
    }

    public BillingClientHandlers clientHandlers() {
        return new BillingClientHandlers(billing, payments, gateways);
    }

    public BillingAdminHandlers adminHandlers() {
        return new BillingAdminHandlers(billing, payments, credit, gateways, series);
    }

    @Override
    public void close() {
        // payment modules are the node's (io.steward.modules.Modules), closed with it
    }
}
