package io.steward.billing;

import java.util.List;

/** An invoice with its lines, payments and credit notes: what listeners and detail views get. */
public record InvoiceDetail(Invoice invoice, List<InvoiceLine> lines, List<Payment> payments, List<CreditNote> creditNotes) {
    public InvoiceDetail {
        lines = List.copyOf(lines);
        payments = List.copyOf(payments);
        creditNotes = List.copyOf(creditNotes);
    }

    public long id() { return invoice.id(); }

    /** Whether paying this invoice adds account credit (an add-funds invoice). */
    public boolean addsFunds() {
        return lines.stream().anyMatch(l -> l.type().equals(InvoiceLine.CREDIT_TYPE));
    }
}
