package io.steward.billing.document;

import java.math.BigDecimal;
import java.time.LocalDate;
import java.util.List;

/**
 * An invoice or credit note as a legal document: everything the VAT Directive (2006/112/EC,
 * art. 226) asks an invoice to carry, shaped after EN 16931's semantic model so the printed PDF
 * and the e-invoices (CII, UBL) are made from the same values. Immutable; amounts are exact, at
 * the currency's scale, and positive on a credit note (its kind says it reverses).
 *
 * <p>Built by {@link InvoiceDocuments} from the stored invoice, its lines and tax, the buyer as
 * addressed at issue and the seller profile in force at issue, so a document rebuilt later says
 * what the issued one said.
 *
 * @param corrects   for a credit note, the invoice it corrects (art. 219; EN 16931 BG-3); null for an invoice
 * @param language   ISO 639-1 code of the labels and notes (en, de, nl, fr)
 * @param notes      the notes printed and embedded (EN 16931 BT-22): the reverse-charge statement, the invoice's own notes
 */
public record InvoiceDocument(Kind kind, long sourceId, String number, LocalDate issueDate, LocalDate dueDate, String currency,
                              String language, Reference corrects, Party seller, Party buyer, List<Line> lines,
                              List<VatBreakdown> vat, Totals totals, Payment payment, List<String> notes) {

    public InvoiceDocument {
        lines = List.copyOf(lines);
        vat = List.copyOf(vat);
        notes = List.copyOf(notes);
    }

    /** UNTDID 1001 document type: 380 commercial invoice, 381 credit note. */
    public enum Kind {
        INVOICE("380"), CREDIT_NOTE("381");

        private final String typeCode;

        Kind(String typeCode) {
            this.typeCode = typeCode;
        }

        public String typeCode() { return typeCode; }
    }

    /**
     * UNCL 5305 VAT category codes EN 16931 uses. {@code S} standard rate, {@code AE} reverse
     * charge, {@code E} exempt, {@code Z} zero rated, {@code O} not subject to VAT (services whose
     * place of supply is outside the EU), {@code G} free export.
     */
    public enum VatCategory { S, AE, E, Z, O, G }

    /** The invoice a credit note corrects. */
    public record Reference(String number, LocalDate issueDate) {}

    /**
     * Seller or buyer. {@code name} is the legal or person's name; {@code company} the buyer's
     * company name (empty for a private buyer, and the seller's legal name is its name).
     * {@code region} is the state or province; {@code country} ISO 3166-1 alpha-2. Empty strings mean "none".
     *
     * @param registrationNumber the company registration (BT-30), with {@code register} naming the register
     * @param electronicAddress  the Peppol participant id (BT-34/BT-49), with {@code electronicScheme} (ISO 6523 ICD)
     */
    public record Party(String name, String company, List<String> addressLines, String postcode, String city, String region,
                        String country, String vatNumber, String registrationNumber, String register, String email, String phone,
                        String electronicAddress, String electronicScheme) {
        public Party {
            addressLines = List.copyOf(addressLines);
        }

        /** The name a document is addressed to: the company when there is one, else the person. */
        public String displayName() {
            return company.isEmpty() ? name : company;
        }
    }

    /**
     * A line. {@code netAmount} is quantity × unit price as stored (rounded once, HALF_UP);
     * {@code vatAmount} is the line's share of VAT at its rate, for printing — the VAT due is the
     * breakdown's, rounded once per rate, which may differ from the sum of line shares by rounding.
     * {@code periodStart}/{@code periodEnd} are the supply period (the issue date when the line
     * has none: supplied when invoiced).
     */
    public record Line(int position, String description, BigDecimal quantity, BigDecimal unitPrice, BigDecimal netAmount,
                       VatCategory category, BigDecimal vatRate, BigDecimal vatAmount, LocalDate periodStart, LocalDate periodEnd) {}

    /**
     * VAT per category and rate (BG-23). Where no VAT is charged, {@code exemptionReason} says
     * why, with its VATEX code ({@code exemptionCode}, e.g. VATEX-EU-AE) where there is one.
     */
    public record VatBreakdown(VatCategory category, BigDecimal rate, BigDecimal taxableAmount, BigDecimal taxAmount,
                               String exemptionReason, String exemptionCode) {}

    /**
     * The totals. {@code net} is the sum of line net amounts, {@code vat} of the breakdown's tax,
     * {@code gross} = net + vat; {@code paid} what was settled (credit applied and payments, less
     * refunds); {@code due} what is still to pay.
     */
    public record Totals(BigDecimal net, BigDecimal vat, BigDecimal gross, BigDecimal paid, BigDecimal due) {}

    /**
     * How to pay: the terms printed (BT-20), the due date and, for a credit transfer, the
     * seller's account (BG-17) with the invoice number as the payment reference. {@code
     * instructions} are the chosen gateway's words (empty when none). UNTDID 4461 means code:
     * 58 SEPA credit transfer, 30 credit transfer, 1 not defined.
     */
    public record Payment(String terms, String meansCode, String iban, String bic, String bankName, String reference,
                          String instructions) {}
}
