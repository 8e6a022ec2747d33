package io.steward.billing.document;

import io.steward.billing.document.InvoiceDocument.Party;
import io.steward.billing.document.InvoiceDocument.VatCategory;
import java.math.BigDecimal;
import java.util.Locale;
import java.util.Map;

/**
 * The choices both e-invoice syntaxes (CII and UBL) make the same way, so the Factur-X XML and
 * the Peppol UBL of one invoice say the same thing.
 */
final class EInvoiceRules {
    /** ISO 6523 ICD of the Dutch Chamber of Commerce number (Peppol NL-R-003 asks it of Dutch sellers). */
    static final String KVK = "0106";
    /** EAS code of an e-mail address used as electronic address when a party has no Peppol id. */
    static final String EMAIL_SCHEME = "EM";

    private EInvoiceRules() {}

    /**
     * Whether the document's VAT identifiers may be written as such. EN 16931 BR-O-02 forbids
     * the seller's and buyer's VAT identifiers on a document with a "not subject to VAT" line
     * (services supplied outside the EU); the seller's number then travels as its tax
     * registration (BT-32), so the e-invoice still names it as the printed invoice does.
     */
    static boolean vatIdentifiers(InvoiceDocument doc) {
        return doc.lines().stream().noneMatch(l -> l.category() == VatCategory.O);
    }

    /** The scheme of the seller's legal registration (BT-30): KvK for a Dutch seller, else none (a national register's free text). */
    static String legalScheme(Party seller) {
        return seller.country().equalsIgnoreCase("NL") ? KVK : "";
    }

    /**
     * EAS codes of VAT numbers as Peppol addresses, by the number's country prefix: a business
     * without a Peppol participant id of its own is addressed by its VAT number.
     */
    private static final Map<String, String> VAT_EAS = Map.ofEntries(
            Map.entry("AT", "9914"), Map.entry("BE", "9925"), Map.entry("BG", "9926"), Map.entry("CY", "9928"),
            Map.entry("CZ", "9929"), Map.entry("DE", "9930"), Map.entry("EE", "9931"), Map.entry("EL", "9933"),
            Map.entry("ES", "9920"), Map.entry("FR", "9957"), Map.entry("HR", "9934"), Map.entry("HU", "9910"),
            Map.entry("IE", "9935"), Map.entry("LT", "9937"), Map.entry("LU", "9938"), Map.entry("LV", "9939"),
            Map.entry("MT", "9943"), Map.entry("NL", "9944"), Map.entry("PL", "9945"), Map.entry("PT", "9946"),
            Map.entry("RO", "9947"), Map.entry("SI", "9949"), Map.entry("SK", "9950"), Map.entry("CH", "9927"),
            Map.entry("GB", "9932"));

    /**
     * The electronic address (BT-34/BT-49) and its EAS scheme: the Peppol participant id, else the
     * VAT number where its country has an EAS code, else (when {@code email} allows, as EN 16931
     * does but Peppol's code list does not) the e-mail address; null when there is none.
     */
    static String[] electronicAddress(Party p, boolean email) {
        if (!p.electronicAddress().isEmpty() && !p.electronicScheme().isEmpty()) return new String[] {p.electronicAddress(), p.electronicScheme()};
        String vat = p.vatNumber().replaceAll("\\s+", "");
        String eas = vat.length() > 2 ? VAT_EAS.get(upper(vat.substring(0, 2))) : null;
        if (eas != null) return new String[] {upper(vat), eas};
        if (email && !p.email().isEmpty()) return new String[] {p.email(), EMAIL_SCHEME};
        return null;
    }

    /** The buyer reference (BT-10; Peppol R003 wants it or an order reference): the document number. */
    static String buyerReference(InvoiceDocument doc) {
        return doc.kind() == InvoiceDocument.Kind.CREDIT_NOTE && doc.corrects() != null ? doc.corrects().number() : doc.number();
    }

    /**
     * What was settled before this document asks for payment (BT-113): the gross total less
     * what is still due, so gross - prepaid = payable always holds (EN 16931 BR-CO-16) — a
     * refund is a credit note of its own, not a smaller prepayment.
     */
    static BigDecimal prepaid(InvoiceDocument doc) {
        return doc.totals().gross().subtract(doc.totals().due());
    }

    /** Whether the account to pay to can be stated: a credit transfer needs the IBAN (BR-61). */
    static boolean paymentAccount(InvoiceDocument doc) {
        return doc.payment() != null && !doc.payment().iban().isEmpty();
    }

    /** The unit of every line: UN/ECE Rec. 20 "one" (hosting is billed per service and period). */
    static final String UNIT = "C62";

    static String upper(String s) { return s.toUpperCase(Locale.ROOT); }
}
