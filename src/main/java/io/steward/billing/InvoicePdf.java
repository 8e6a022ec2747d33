package io.steward.billing;

import io.steward.core.Money;
import io.steward.core.Times;
import java.math.BigDecimal;
import java.util.ArrayList;
import java.util.List;

/**
 * The printable invoice: issuer, the client as addressed at issue, the lines as a table, totals,
 * how to pay and notes, on as many A4 pages as the lines need.
 */
final class InvoicePdf {
    private static final float MARGIN = 50;
    private static final float RIGHT = PdfDocument.WIDTH - MARGIN;
    private static final float COL_QTY = 360;
    private static final float COL_UNIT = 450;
    private static final float DESCRIPTION_WIDTH = 290;
    private static final float BOTTOM = 80;

    private final List<String> issuer;

    /** {@code issuer}: the lines printed as the seller (name first). */
    InvoicePdf(List<String> issuer) {
        this.issuer = List.copyOf(issuer);
    }

    byte[] render(InvoiceDetail detail, String paymentInstructions) {
        Invoice inv = detail.invoice();
        String title = "Invoice " + inv.number();
        var pdf = new PdfDocument(title);
        float y = PdfDocument.HEIGHT - MARGIN - 10;

        pdf.textRight(RIGHT, y, PdfDocument.BOLD, 20, "INVOICE");
        for (int i = 0; i < issuer.size(); i++) {
            pdf.text(MARGIN, y - i * 13, i == 0 ? PdfDocument.BOLD : PdfDocument.REGULAR, i == 0 ? 13 : 9, issuer.get(i));
        }
        float infoY = y - 26;
        String[][] info = {
            {"Invoice number", inv.number()},
            {"Invoice date", Times.date(inv.date())},
            {"Due date", Times.date(inv.dueDate())},
            {"Status", inv.status()},
        };
        for (String[] row : info) {
            pdf.textRight(RIGHT - 110, infoY, PdfDocument.REGULAR, 9, row[0]);
            pdf.textRight(RIGHT, infoY, PdfDocument.BOLD, 9, row[1]);
            infoY -= 13;
        }
        if (inv.paidAt() != null && inv.status().equals(Invoice.PAID)) {
            pdf.textRight(RIGHT - 110, infoY, PdfDocument.REGULAR, 9, "Date paid");
            pdf.textRight(RIGHT, infoY, PdfDocument.BOLD, 9, Times.stamp(inv.paidAt()));
            infoY -= 13;
        }

        y = Math.min(y - issuer.size() * 13, infoY) - 20;
        pdf.text(MARGIN, y, PdfDocument.BOLD, 10, "Bill to");
        y -= 14;
        for (String line : billTo(inv.clientSnapshot())) {
            pdf.text(MARGIN, y, PdfDocument.REGULAR, 9, line);
            y -= 12;
        }

        y -= 16;
        y = tableHeader(pdf, y);
        for (InvoiceLine l : detail.lines()) {
            List<String> desc = PdfDocument.wrap(l.description(), PdfDocument.REGULAR, 9, DESCRIPTION_WIDTH);
            if (y - desc.size() * 12 < BOTTOM) {
                pdf.newPage();
                y = tableHeader(pdf, PdfDocument.HEIGHT - MARGIN);
            }
            pdf.textRight(COL_QTY + 30, y, PdfDocument.REGULAR, 9, l.qty().toPlainString());
            pdf.textRight(COL_UNIT + 40, y, PdfDocument.REGULAR, 9, Money.format(l.amount(), inv.currency()));
            pdf.textRight(RIGHT, y, PdfDocument.REGULAR, 9, Money.format(l.linetotal(), inv.currency()));
            for (String d : desc) {
                pdf.text(MARGIN, y, PdfDocument.REGULAR, 9, d);
                y -= 12;
            }
            y -= 2;
        }
        pdf.line(MARGIN, y + 6, RIGHT, y + 6, 0.5f);

        var totals = totals(inv);
        if (y - totals.size() * 14 - 20 < BOTTOM) {
            pdf.newPage();
            y = PdfDocument.HEIGHT - MARGIN;
        }
        y -= 8;
        for (String[] t : totals) {
            boolean strong = t[0].equals("Total") || t[0].equals("Balance due");
            String font = strong ? PdfDocument.BOLD : PdfDocument.REGULAR;
            pdf.textRight(RIGHT - 90, y, font, 10, t[0]);
            pdf.textRight(RIGHT, y, font, 10, t[1]);
            y -= 14;
        }

        var closing = new ArrayList<String[]>();
        if (inv.taxExempt()) closing.add(new String[] {"Tax", "Tax exempt: no tax charged (reverse charge where it applies)."});
        if (paymentInstructions != null && !paymentInstructions.isBlank() && inv.open()) closing.add(new String[] {"How to pay", paymentInstructions});
        if (!inv.notes().isBlank()) closing.add(new String[] {"Notes", inv.notes()});
        y -= 10;
        for (String[] block : closing) {
            List<String> lines = PdfDocument.wrap(block[1], PdfDocument.REGULAR, 9, RIGHT - MARGIN);
            if (y - 14 - lines.size() * 12 < BOTTOM) {
                pdf.newPage();
                y = PdfDocument.HEIGHT - MARGIN;
            }
            pdf.text(MARGIN, y, PdfDocument.BOLD, 10, block[0]);
            y -= 13;
            for (String l : lines) {
                pdf.text(MARGIN, y, PdfDocument.REGULAR, 9, l);
                y -= 12;
            }
            y -= 8;
        }

        int pages = pdf.pageCount();
        for (int i = 0; i < pages; i++) {
            pdf.text(i, MARGIN, 40, PdfDocument.REGULAR, 8, title);
            String page = "Page " + (i + 1) + " of " + pages;
            pdf.text(i, RIGHT - PdfDocument.width(page, PdfDocument.REGULAR, 8), 40, PdfDocument.REGULAR, 8, page);
        }
        return pdf.toBytes();
    }

    private static float tableHeader(PdfDocument pdf, float y) {
        pdf.fill(MARGIN - 4, y - 5, RIGHT - MARGIN + 8, 17, 0.92f);
        pdf.text(MARGIN, y, PdfDocument.BOLD, 9, "Description");
        pdf.textRight(COL_QTY + 30, y, PdfDocument.BOLD, 9, "Qty");
        pdf.textRight(COL_UNIT + 40, y, PdfDocument.BOLD, 9, "Unit price");
        pdf.textRight(RIGHT, y, PdfDocument.BOLD, 9, "Total");
        return y - 20;
    }

    private static List<String[]> totals(Invoice inv) {
        String c = inv.currency();
        var out = new ArrayList<String[]>();
        out.add(new String[] {"Subtotal", money(inv.subtotal(), c)});
        if (inv.tax().signum() != 0 || inv.taxRate().signum() != 0) out.add(new String[] {"Tax " + inv.taxRate().toPlainString() + "%", money(inv.tax(), c)});
        if (inv.tax2().signum() != 0 || inv.taxRate2().signum() != 0) out.add(new String[] {"Tax " + inv.taxRate2().toPlainString() + "%", money(inv.tax2(), c)});
        out.add(new String[] {"Total", money(inv.total(), c)});
        if (inv.credit().signum() != 0) out.add(new String[] {"Credit applied", "-" + money(inv.credit(), c)});
        if (inv.amountPaid().signum() != 0) out.add(new String[] {"Payments", "-" + money(inv.amountPaid(), c)});
        if (inv.refunded().signum() != 0) out.add(new String[] {"Refunded", money(inv.refunded(), c)});
        if (inv.open()) out.add(new String[] {"Balance due", money(inv.due(), c)});
        return out;
    }

    private static String money(BigDecimal amount, String currency) {
        return Money.format(amount, currency) + " " + currency;
    }

    /** The addressee lines from the snapshot taken at issue, skipping empty fields. */
    static List<String> billTo(String snapshotJson) {
        ClientSnapshot s = ClientSnapshot.parse(snapshotJson);
        var out = new ArrayList<String>();
        add(out, s.companyname());
        add(out, (s.firstname() + " " + s.lastname()).trim());
        add(out, s.address1());
        add(out, s.address2());
        add(out, String.join(" ", nonEmpty(s.postcode(), s.city())));
        add(out, String.join(", ", nonEmpty(s.state(), s.country())));
        add(out, s.email());
        if (!s.vatNumber().isBlank()) out.add("VAT number: " + s.vatNumber());
        return out;
    }

    private static void add(List<String> out, String s) {
        if (s != null && !s.isBlank()) out.add(s);
    }

    private static List<String> nonEmpty(String... parts) {
        var out = new ArrayList<String>();
        for (String p : parts) if (p != null && !p.isBlank()) out.add(p);
        return out;
    }
}
