package io.steward.billing.document;

import io.steward.billing.BillingService;
import io.steward.billing.CreditNote;
import io.steward.billing.Gateways;
import io.steward.billing.Invoice;
import io.steward.billing.InvoiceDetail;
import io.steward.core.StewardException;
import java.util.function.LongFunction;

/**
 * The documents of invoices and credit notes ({@link InvoiceDocument}): what the PDF prints and
 * the e-invoices carry. Reads billing through its service and the seller profile in force when
 * the document was issued; the language is the client's, now (a client who switches language
 * gets old invoices in the new one — the legal content does not change with it).
 */
public final class InvoiceDocuments {
    private final BillingService billing;
    private final Gateways gateways;
    private final SellerProfiles sellers;
    private final LongFunction<String> clientLanguage;

    /** @param clientLanguage the client's language (ISO 639-1) by client id */
    public InvoiceDocuments(BillingService billing, Gateways gateways, SellerProfiles sellers, LongFunction<String> clientLanguage) {
        this.billing = billing;
        this.gateways = gateways;
        this.sellers = sellers;
        this.clientLanguage = clientLanguage;
    }

    /**
     * The document of an invoice read elsewhere, issued by {@code seller} (the version in force at
     * its issue), in {@code language}: the pure step, for tests and benchmarks without a database.
     */
    public static InvoiceDocument build(InvoiceDetail d, SellerProfile seller, String language, String instructions) {
        return DocumentBuilder.invoice(d, seller, language, instructions);
    }

    /** The invoice's document; an unknown invoice is a 404. */
    public InvoiceDocument of(long invoiceId) {
        return of(detail(invoiceId));
    }

    /** The client's invoice; another client's is not found (404). */
    public InvoiceDocument ofClient(long clientId, long invoiceId) {
        return of(billing.invoiceOf(clientId, invoiceId));
    }

    /** The document of an invoice already read. */
    public InvoiceDocument of(InvoiceDetail d) {
        Invoice inv = d.invoice();
        String instructions = inv.gatewayId() == null || !inv.open() ? ""
                : gateways.get(inv.gatewayId()).map(g -> gateways.instructions(g, inv)).orElse("");
        return DocumentBuilder.invoice(d, sellers.at(inv.createdAt()), clientLanguage.apply(inv.clientId()), instructions);
    }

    /** A credit note of the invoice; a note of another invoice (or none) is a 404. */
    public InvoiceDocument creditNote(long invoiceId, long creditNoteId) {
        return creditNote(detail(invoiceId), creditNoteId);
    }

    /** The client's credit note; another client's is not found (404). */
    public InvoiceDocument creditNoteOfClient(long clientId, long invoiceId, long creditNoteId) {
        return creditNote(billing.invoiceOf(clientId, invoiceId), creditNoteId);
    }

    private InvoiceDocument creditNote(InvoiceDetail d, long creditNoteId) {
        CreditNote note = d.creditNotes().stream().filter(n -> n.id() == creditNoteId).findFirst()
                .orElseThrow(() -> StewardException.notFound("Credit note not found"));
        return DocumentBuilder.creditNote(d, note, sellers.at(note.createdAt()), clientLanguage.apply(d.invoice().clientId()));
    }

    private InvoiceDetail detail(long invoiceId) {
        return billing.invoice(invoiceId).orElseThrow(() -> StewardException.notFound("Invoice not found"));
    }
}
