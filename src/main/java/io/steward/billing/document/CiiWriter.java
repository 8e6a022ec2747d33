package io.steward.billing.document;

import io.steward.billing.document.InvoiceDocument.Kind;
import io.steward.billing.document.InvoiceDocument.Line;
import io.steward.billing.document.InvoiceDocument.Party;
import io.steward.billing.document.InvoiceDocument.VatBreakdown;
import java.math.BigDecimal;
import java.time.LocalDate;
import java.time.ZoneId;
import java.util.Date;
import org.mustangproject.BankDetails;
import org.mustangproject.Invoice;
import org.mustangproject.Item;
import org.mustangproject.LegalOrganisation;
import org.mustangproject.Product;
import org.mustangproject.SchemedID;
import org.mustangproject.TradeParty;
import org.mustangproject.ZUGFeRD.Profile;
import org.mustangproject.ZUGFeRD.Profiles;
import org.mustangproject.ZUGFeRD.TransactionCalculator;
import org.mustangproject.ZUGFeRD.ZUGFeRD2PullProvider;

/**
 * An {@link InvoiceDocument} as a Factur-X / ZUGFeRD 2 cross-industry invoice (UN/CEFACT CII
 * D16B) in the EN 16931 ("COMFORT") profile, written by Mustang's exporter from the document's
 * values. Mustang computes the totals from the lines again; {@link #transaction} checks they equal
 * the document's, so the embedded XML never states other amounts than the printed page.
 */
final class CiiWriter {
    /** The EN 16931 profile (Factur-X "EN 16931", ZUGFeRD "COMFORT"). */
    static final Profile PROFILE = Profiles.getByName("EN16931");

    private CiiWriter() {}

    /** The CII XML of the document, UTF-8. */
    static byte[] xml(InvoiceDocument doc) {
        var provider = new Provider();
        provider.setProfile(PROFILE);
        provider.generateXML(transaction(doc));
        return provider.written();
    }

    /**
     * Mustang's provider, read as generated: its {@code getXML()} parses the finished XML again
     * only to indent it, which took a quarter of a Factur-X download's CPU (docs/BENCHMARKS.md).
     * The elements, attributes and text are the same; only whitespace between elements differs.
     */
    private static final class Provider extends ZUGFeRD2PullProvider {
        byte[] written() {
            return zugferdData;
        }
    }

    /** The document as Mustang's transaction, its recomputed totals checked against the document's. */
    static Invoice transaction(InvoiceDocument doc) {
        boolean vatIds = EInvoiceRules.vatIdentifiers(doc);
        var inv = new Invoice()
                .setNumber(doc.number())
                .setIssueDate(date(doc.issueDate()))
                .setCurrency(doc.currency())
                .setSender(seller(doc.seller(), doc, vatIds))
                .setRecipient(buyer(doc.buyer(), vatIds))
                .setReferenceNumber(EInvoiceRules.buyerReference(doc));
        if (doc.kind() == Kind.CREDIT_NOTE) {
            inv.setCreditNote();
            if (doc.corrects() != null) {
                inv.setInvoiceReferencedDocumentID(doc.corrects().number());
                if (doc.corrects().issueDate() != null) inv.setInvoiceReferencedIssueDate(date(doc.corrects().issueDate()));
            }
        } else if (doc.dueDate() != null) {
            inv.setDueDate(date(doc.dueDate()));
        }
        // Mustang words empty terms itself ("Please remit until…"): say ours, or the due date alone.
        String terms = doc.payment() == null ? "" : doc.payment().terms();
        inv.setPaymentTermDescription(terms.isEmpty() ? doc.number() : terms);
        for (String note : doc.notes()) inv.addNote(note);
        if (!doc.seller().register().isEmpty()) inv.addRegulatoryNote(doc.seller().register());
        BigDecimal prepaid = EInvoiceRules.prepaid(doc);
        if (prepaid.signum() != 0) inv.setTotalPrepaidAmount(prepaid);
        for (Line l : doc.lines()) inv.addItem(item(l, doc));
        check(doc, inv);
        return inv;
    }

    private static Item item(Line l, InvoiceDocument doc) {
        var product = new Product(l.description(), "", EInvoiceRules.UNIT, l.vatRate()).setTaxCategoryCode(l.category().name());
        VatBreakdown group = doc.vat().stream().filter(v -> v.category() == l.category() && v.rate().compareTo(l.vatRate()) == 0)
                .findFirst().orElse(null);
        if (group != null && !group.exemptionReason().isEmpty()) product.setTaxExemptionReason(group.exemptionReason());
        if (group != null && !group.exemptionCode().isEmpty()) product.setTaxExemptionReasonCode(group.exemptionCode());
        var item = new Item(product, l.unitPrice(), l.quantity());
        if (l.periodStart() != null && l.periodEnd() != null) item.setDetailedDeliveryPeriod(date(l.periodStart()), date(l.periodEnd()));
        return item;
    }

    private static TradeParty seller(Party p, InvoiceDocument doc, boolean vatIds) {
        TradeParty t = party(p);
        if (!p.vatNumber().isEmpty()) {
            if (vatIds) t.addVATID(p.vatNumber());
            else t.addTaxID(p.vatNumber()); // BT-32 where BR-O-02 forbids BT-31
        }
        if (!p.registrationNumber().isEmpty()) {
            String scheme = EInvoiceRules.legalScheme(p);
            t.setLegalOrganisation(scheme.isEmpty() ? new LegalOrganisation(p.registrationNumber())
                    : new LegalOrganisation(p.registrationNumber(), scheme));
        }
        if (EInvoiceRules.paymentAccount(doc)) {
            var bank = new BankDetails(doc.payment().iban());
            if (!doc.payment().bic().isEmpty()) bank.setBIC(doc.payment().bic());
            bank.setAccountName(p.displayName());
            t.addBankDetails(bank);
        }
        return t;
    }

    private static TradeParty buyer(Party p, boolean vatIds) {
        TradeParty t = party(p);
        if (vatIds && !p.vatNumber().isEmpty()) t.addVATID(p.vatNumber());
        return t;
    }

    private static TradeParty party(Party p) {
        var t = new TradeParty(p.displayName(), p.addressLines().isEmpty() ? null : p.addressLines().get(0), blank(p.postcode()),
                blank(p.city()), EInvoiceRules.upper(p.country()));
        if (p.addressLines().size() > 1) t.setAdditionalAddress(String.join(", ", p.addressLines().subList(1, p.addressLines().size())));
        String[] address = EInvoiceRules.electronicAddress(p, true);
        if (address != null) {
            if (address[1].equals(EInvoiceRules.EMAIL_SCHEME)) t.setEmail(address[0]);
            else t.addUriUniversalCommunicationID(new SchemedID(address[1], address[0]));
        }
        return t;
    }

    /**
     * Mustang states the totals it computes; they must be the document's (both round once per
     * line and once per VAT rate, HALF_UP). A difference is a defect to fix, not a file to send.
     */
    private static void check(InvoiceDocument doc, Invoice inv) {
        var calc = new TransactionCalculator(inv);
        BigDecimal net = calc.getTaxBasis();
        BigDecimal gross = calc.getGrandTotal();
        if (net.compareTo(doc.totals().net()) != 0 || gross.compareTo(doc.totals().gross()) != 0) {
            throw new IllegalStateException("CII totals of " + doc.number() + " (net " + net + ", gross " + gross
                    + ") differ from the document's (net " + doc.totals().net() + ", gross " + doc.totals().gross() + ")");
        }
    }

    private static String blank(String s) {
        return s == null || s.isBlank() ? null : s;
    }

    /** Mustang formats dates in the default time zone: midnight there is the calendar day. */
    static Date date(LocalDate d) {
        return Date.from(d.atStartOfDay(ZoneId.systemDefault()).toInstant());
    }
}
