package io.steward.billing.document;

import io.steward.billing.document.InvoiceDocument.Kind;
import io.steward.billing.document.InvoiceDocument.Line;
import io.steward.billing.document.InvoiceDocument.Party;
import io.steward.billing.document.InvoiceDocument.VatBreakdown;
import java.time.Clock;
import java.time.Instant;
import java.time.temporal.ChronoUnit;
import java.util.ArrayList;
import java.util.List;
import java.util.Locale;

/**
 * The printed invoice or credit note: everything of VAT Directive art. 226 the document carries —
 * seller (name, address, VAT number, registration, contact), buyer (name, address, VAT number),
 * number and dates (the corrected invoice for a credit note), lines with quantity, unit price, VAT
 * rate, net amount and supply period, VAT per category and rate with the exemption reason, totals,
 * payment terms and account, notes — in the document's language, on as many A4 pages as needed,
 * as a PDF/A-3b candidate, or as the Factur-X invoice the client downloads ({@link #facturX}: the
 * same pages with the document's CII embedded). The one renderer of Steward's PDFs; thread-safe
 * (fonts are borrowed per rendering).
 */
public final class DocumentPdf {
    private static final float MARGIN = 48;
    private static final float RIGHT = PdfCanvas.WIDTH - MARGIN;
    private static final float BOTTOM = 72;
    private static final float COL_QTY = 330;
    private static final float COL_UNIT = 405;
    private static final float COL_RATE = 460;
    private static final float DESCRIPTION_WIDTH = COL_QTY - 40 - MARGIN;

    private final PdfFonts fonts;
    private final PdfA pdfa = new PdfA();
    private final Clock clock;

    /** @param clock the PDF's creation time in its metadata */
    public DocumentPdf(Clock clock) {
        this.clock = clock;
        this.fonts = new PdfFonts(Math.max(2, Runtime.getRuntime().availableProcessors()));
    }

    /** The printed document alone, a PDF/A-3b. */
    public byte[] render(InvoiceDocument d) {
        return render(d, null);
    }

    /** The printed document with its EN 16931 CII embedded: a Factur-X / ZUGFeRD 2 invoice (PDF/A-3b). */
    public byte[] facturX(InvoiceDocument d) {
        return render(d, CiiWriter.xml(d));
    }

    private byte[] render(InvoiceDocument d, byte[] cii) {
        PdfFonts.FontSet set = fonts.borrow();
        try (var pdf = new PdfCanvas(set)) {
            return new Page(pdf, d).draw(cii);
        } finally {
            fonts.giveBack(set);
        }
    }

    /** The file name a download gets: {@code invoice-2026-03-17.pdf}, {@code credit-note-CN-2026-3.pdf}. */
    public static String fileName(InvoiceDocument d) {
        return (d.kind() == Kind.INVOICE ? "invoice-" : "credit-note-") + d.number().replaceAll("[^A-Za-z0-9_-]+", "-") + ".pdf";
    }

    /** One rendering: the canvas, the document and where the next line goes. */
    private final class Page {
        private final PdfCanvas pdf;
        private final InvoiceDocument d;
        private final Labels labels;
        private final Formats fmt;
        private float y = PdfCanvas.HEIGHT - MARGIN;

        Page(PdfCanvas pdf, InvoiceDocument d) {
            this.pdf = pdf;
            this.d = d;
            this.labels = Labels.of(d.language());
            this.fmt = new Formats(labels.locale());
        }

        byte[] draw(byte[] cii) {
            String title = labels.get(d.kind() == Kind.INVOICE ? "invoice" : "credit_note") + " " + d.number();
            header();
            lines();
            vatSummary();
            totals();
            closing();
            footers();
            Instant at = clock.instant().truncatedTo(ChronoUnit.SECONDS);
            pdfa.apply(pdf.document(), title, d.language(), at, cii == null ? "" : FacturX.XMP);
            if (cii != null) FacturX.attach(pdf.document(), cii, PdfA.calendar(at));
            return pdf.toBytes();
        }

        private void header() {
            Party s = d.seller();
            float top = y;
            pdf.text(MARGIN, y - 4, true, 14, s.name());
            y -= 20;
            for (String l : address(s)) small(l);
            if (!s.vatNumber().isEmpty()) small(labels.get("seller_vat") + ": " + s.vatNumber());
            if (!s.registrationNumber().isEmpty()) {
                small(labels.get("registration") + ": " + s.registrationNumber() + (s.register().isEmpty() ? "" : " (" + s.register() + ")"));
            }
            if (!s.email().isEmpty()) small(labels.get("email") + ": " + s.email());
            if (!s.phone().isEmpty()) small(labels.get("phone") + ": " + s.phone());

            float infoY = top - 4;
            pdf.textRight(RIGHT, infoY, true, 20, labels.get(d.kind() == Kind.INVOICE ? "invoice" : "credit_note"));
            infoY -= 24;
            var info = new ArrayList<String[]>();
            info.add(new String[] {labels.get("number"), d.number()});
            info.add(new String[] {labels.get("issue_date"), fmt.date(d.issueDate())});
            if (d.kind() == Kind.INVOICE) info.add(new String[] {labels.get("due_date"), fmt.date(d.dueDate())});
            if (d.corrects() != null) {
                info.add(new String[] {labels.get("corrects"), d.corrects().number()});
                info.add(new String[] {"", labels.format("of_date", fmt.date(d.corrects().issueDate()))});
            }
            for (String[] row : info) {
                pdf.textRight(RIGHT - 120, infoY, false, 9, row[0]);
                pdf.textRight(RIGHT, infoY, true, 9, row[1]);
                infoY -= 13;
            }
            y = Math.min(y, infoY) - 14;

            Party b = d.buyer();
            pdf.text(MARGIN, y, true, 10, labels.get("bill_to"));
            y -= 14;
            if (!b.company().isEmpty()) line(b.company());
            if (!b.name().isEmpty()) line(b.name());
            for (String l : address(b)) line(l);
            if (!b.vatNumber().isEmpty()) line(labels.get("buyer_vat") + ": " + b.vatNumber());
            y -= 14;
        }

        private List<String> address(Party p) {
            var out = new ArrayList<String>(p.addressLines());
            String town = (p.postcode() + " " + p.city()).strip();
            if (!town.isEmpty()) out.add(town);
            if (!p.region().isEmpty()) out.add(p.region());
            if (!p.country().isEmpty()) out.add(new Locale.Builder().setRegion(p.country()).build().getDisplayCountry(labels.locale()));
            return out;
        }

        private void small(String text) {
            pdf.text(MARGIN, y, false, 8.5f, text);
            y -= 11;
        }

        private void line(String text) {
            pdf.text(MARGIN, y, false, 9.5f, text);
            y -= 12;
        }

        private void tableHeader() {
            pdf.fill(MARGIN - 4, y - 5, RIGHT - MARGIN + 8, 17, 0.92f);
            pdf.text(MARGIN, y, true, 8.5f, labels.get("description"));
            pdf.textRight(COL_QTY, y, true, 8.5f, labels.get("quantity"));
            pdf.textRight(COL_UNIT, y, true, 8.5f, labels.get("unit_price"));
            pdf.textRight(COL_RATE, y, true, 8.5f, labels.get("vat_rate"));
            pdf.textRight(RIGHT, y, true, 8.5f, labels.get("net_amount"));
            y -= 20;
        }

        private void lines() {
            tableHeader();
            String cur = d.currency();
            for (Line l : d.lines()) {
                List<String> desc = pdf.wrap(l.description(), false, 9, DESCRIPTION_WIDTH);
                String period = labels.get("period") + ": " + (l.periodStart().equals(l.periodEnd()) ? fmt.date(l.periodStart())
                        : fmt.date(l.periodStart()) + " – " + fmt.date(l.periodEnd()));
                if (y - (desc.size() + 1) * 11 < BOTTOM) {
                    pdf.newPage();
                    y = PdfCanvas.HEIGHT - MARGIN;
                    tableHeader();
                }
                // The description first, so text extraction reads the row in order.
                pdf.text(MARGIN, y, false, 9, desc.get(0));
                pdf.textRight(COL_QTY, y, false, 9, fmt.number(l.quantity(), 0));
                pdf.textRight(COL_UNIT, y, false, 9, fmt.money(l.unitPrice(), cur));
                pdf.textRight(COL_RATE, y, false, 9, l.category() == InvoiceDocument.VatCategory.S ? fmt.percent(l.vatRate()) : l.category().name());
                pdf.textRight(RIGHT, y, false, 9, fmt.money(l.netAmount(), cur));
                y -= 11;
                for (String t : desc.subList(1, desc.size())) {
                    pdf.text(MARGIN, y, false, 9, t);
                    y -= 11;
                }
                pdf.text(MARGIN, y, false, 7.5f, period);
                y -= 14;
            }
            pdf.line(MARGIN, y + 8, RIGHT, y + 8, 0.5f);
            y -= 6;
        }

        private void vatSummary() {
            need(30 + d.vat().size() * 24);
            pdf.text(MARGIN, y, true, 9.5f, labels.get("vat_summary"));
            y -= 13;
            pdf.text(MARGIN, y, true, 8, labels.get("vat_category"));
            pdf.textRight(COL_UNIT, y, true, 8, labels.get("taxable_amount"));
            pdf.textRight(COL_RATE, y, true, 8, labels.get("vat_rate"));
            pdf.textRight(RIGHT, y, true, 8, labels.get("vat_amount"));
            y -= 12;
            for (VatBreakdown v : d.vat()) {
                pdf.text(MARGIN, y, false, 8.5f, v.category().name() + " – " + labels.get("category." + v.category().name()));
                pdf.textRight(COL_UNIT, y, false, 8.5f, fmt.money(v.taxableAmount(), d.currency()));
                pdf.textRight(COL_RATE, y, false, 8.5f, fmt.percent(v.rate()));
                pdf.textRight(RIGHT, y, false, 8.5f, fmt.money(v.taxAmount(), d.currency()));
                y -= 11;
                if (!v.exemptionReason().isEmpty()) {
                    String reason = labels.get("exemption") + ": " + v.exemptionReason() + (v.exemptionCode().isEmpty() ? "" : " (" + v.exemptionCode() + ")");
                    for (String t : pdf.wrap(reason, false, 7.5f, RIGHT - MARGIN - 10)) {
                        pdf.text(MARGIN + 10, y, false, 7.5f, t);
                        y -= 10;
                    }
                }
            }
            y -= 10;
        }

        private void totals() {
            var t = d.totals();
            String cur = d.currency();
            var rows = new ArrayList<String[]>();
            rows.add(new String[] {labels.get("total_net"), fmt.money(t.net(), cur), ""});
            rows.add(new String[] {labels.get("total_vat"), fmt.money(t.vat(), cur), ""});
            rows.add(new String[] {labels.get("total_gross"), fmt.money(t.gross(), cur), "strong"});
            if (d.kind() == Kind.INVOICE) {
                if (t.paid().signum() != 0) rows.add(new String[] {labels.get("paid"), fmt.money(t.paid(), cur), ""});
                rows.add(new String[] {labels.get("due"), fmt.money(t.due(), cur), "strong"});
            }
            need(rows.size() * 14 + 10);
            for (String[] r : rows) {
                boolean strong = !r[2].isEmpty();
                pdf.textRight(RIGHT - 110, y, strong, 10, r[0]);
                pdf.textRight(RIGHT, y, strong, 10, r[1]);
                y -= 14;
            }
            y -= 10;
        }

        private void closing() {
            var p = d.payment();
            var payment = new ArrayList<String>();
            if (!p.terms().isEmpty()) payment.add(p.terms());
            boolean open = d.kind() == Kind.INVOICE && d.totals().due().signum() > 0;
            if (open && !p.iban().isEmpty()) {
                payment.add(labels.get("iban") + ": " + ibanPrinted(p.iban()) + (p.bic().isEmpty() ? "" : "   " + labels.get("bic") + ": " + p.bic())
                        + (p.bankName().isEmpty() ? "" : "   " + labels.get("bank") + ": " + p.bankName()));
                payment.add(labels.get("reference") + ": " + p.reference());
            }
            if (open && !p.instructions().isEmpty()) payment.add(p.instructions());
            block(labels.get("payment"), payment);
            block(labels.get("notes"), d.notes());
        }

        private void block(String heading, List<String> texts) {
            if (texts.isEmpty()) return;
            var lines = new ArrayList<String>();
            for (String t : texts) lines.addAll(pdf.wrap(t, false, 9, RIGHT - MARGIN));
            need(16 + Math.min(lines.size(), 4) * 12);
            pdf.text(MARGIN, y, true, 10, heading);
            y -= 13;
            for (String l : lines) {
                need(12);
                pdf.text(MARGIN, y, false, 9, l);
                y -= 12;
            }
            y -= 8;
        }

        /** Starts a new page when fewer than {@code height} points are left above the footer. */
        private void need(float height) {
            if (y - height < BOTTOM) {
                pdf.newPage();
                y = PdfCanvas.HEIGHT - MARGIN;
            }
        }

        private void footers() {
            Party s = d.seller();
            var parts = new ArrayList<String>();
            parts.add(s.name());
            if (!s.vatNumber().isEmpty()) parts.add(labels.get("seller_vat") + " " + s.vatNumber());
            if (!s.registrationNumber().isEmpty()) parts.add(labels.get("registration") + " " + s.registrationNumber());
            String left = String.join(" · ", parts);
            int pages = pdf.pageCount();
            for (int i = 0; i < pages; i++) {
                String page = labels.format("page", i + 1, pages);
                pdf.onPage(i, c -> {
                    c.line(MARGIN, 52, RIGHT, 52, 0.3f);
                    c.text(MARGIN, 40, false, 7.5f, left);
                    c.textRight(RIGHT, 40, false, 7.5f, page);
                });
            }
        }
    }

    private static String ibanPrinted(String iban) {
        return iban.replaceAll("(.{4})(?!$)", "$1 ");
    }
}
