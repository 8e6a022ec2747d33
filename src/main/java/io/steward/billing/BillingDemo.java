package io.steward.billing;

import io.steward.account.ClientAdminService;
import io.steward.db.Db;
import java.math.BigDecimal;
import java.util.List;
import org.slf4j.Logger;
import org.slf4j.LoggerFactory;

/**
 * The billing part of the demo set: 100.00 of account credit, one paid and one unpaid invoice for
 * the demo client, and the sandbox gateway enabled as "PayPal (sandbox)" with a fee, so the unpaid
 * invoice shows the fee line the references show. Runs once per client: a client that already has
 * invoices is left alone.
 */
public final class BillingDemo {
    private static final Logger LOG = LoggerFactory.getLogger(BillingDemo.class);

    private final Db db;
    private final ClientAdminService clients;
    private final BillingService billing;
    private final PaymentService payments;
    private final CreditLedger credit;
    private final Gateways gateways;

    BillingDemo(Db db, ClientAdminService clients, BillingService billing, PaymentService payments, CreditLedger credit,
                Gateways gateways) {
        this.db = db;
        this.clients = clients;
        this.billing = billing;
        this.payments = payments;
        this.credit = credit;
        this.gateways = gateways;
    }

    public void load(String clientEmail) {
        var client = clients.search(clientEmail, null, 1, 10).clients().stream()
                .filter(c -> c.profile().email().equalsIgnoreCase(clientEmail)).findFirst();
        if (client.isEmpty()) return;
        long id = client.get().id();
        db.txRun(() -> {
            if (billing.blockingDeletion(id).isPresent()) return;
            var account = credit.lock(id);
            credit.post(account, new BigDecimal("100.00"), account.currency(), "Demo credit", null, "demo");
            var first = billing.issue(InvoiceDraft.of(id, List.of(InvoiceDraft.Line.of("Hosting",
                    "Shared Hosting Starter - demo.example.com (first month)", new BigDecimal("9.99"), true)))).invoice().orElseThrow();
            payments.recordPayment(first.id(), new PaymentService.PaymentInput(null, first.invoice().total(), null, "DEMO-BANK-0001", null), "demo");
            Long sandbox = gateways.byModule("sandbox").map(g -> gateways.update(g.id(),
                    new Gateways.Change("PayPal (sandbox)", true, new BigDecimal("0.30"), new BigDecimal("2.9"), null)).id()).orElse(null);
            billing.issue(InvoiceDraft.of(id, List.of(InvoiceDraft.Line.of("Hosting",
                    "Shared Hosting Starter - demo.example.com (next month)", new BigDecimal("9.99"), true))).withGateway(sandbox));
            LOG.info("demo billing loaded for {}: credit, one paid and one unpaid invoice", clientEmail);
        });
    }
}
