import io.steward.billing.ClientSnapshot;
import io.steward.billing.CreditNote;
import io.steward.billing.Invoice;
import io.steward.billing.InvoiceDetail;
import io.steward.billing.InvoiceLine;
import io.steward.billing.document.DocumentPdf;
import io.steward.billing.document.InvoiceDocuments;
import io.steward.billing.document.SellerProfile;
import io.steward.core.Json;
import io.steward.core.Money;
import io.steward.core.Times;
import java.io.ByteArrayOutputStream;
import java.math.BigDecimal;
import java.nio.charset.Charset;
import java.nio.charset.CharsetEncoder;
import java.nio.charset.StandardCharsets;
import java.time.Clock;
import java.time.LocalDate;
import java.time.LocalDateTime;
import java.util.ArrayList;
import java.util.List;
import java.util.Locale;
import java.util.Map;

/**
 * Invoice PDFs per second on one thread: the PDFBox renderer (DocumentPdf: the document model,
 * embedded subset fonts, PDF/A metadata) against the hand-written WinAnsi/Helvetica writer it
 * replaced (kept below, verbatim from git history, for this comparison only), on the same
 * invoices, alternating rounds so both see the same JIT state; then the download itself, the
 * same documents as Factur-X PDFs (DocumentPdf.facturX: rendering, the CII, its embedding). Run
 * with bench/pdf-bench.sh.
 */
public class PdfBench {
    public static void main(String[] args) {
        int n = Integer.parseInt(System.getenv().getOrDefault("BENCH_N", "500"));
        int rounds = Integer.parseInt(System.getenv().getOrDefault("BENCH_ROUNDS", "6"));
        var seller = new SellerProfile(1, LocalDateTime.of(1970, 1, 1, 0, 0), "Steward Hosting B.V.", "Herengracht 100", "", "1015 BS",
                "Amsterdam", "NL", "NL123456789B01", "12345678", "Kamer van Koophandel", "NL91ABNA0417164300", "ABNANL2A", "ABN AMRO",
                "billing@steward.example", "+31 20 123 4567", "", "");
        List<InvoiceDetail> invoices = invoices(64);
        var renderer = new DocumentPdf(Clock.systemUTC());
        var old = new InvoicePdf(List.of("Steward Hosting B.V.", "Herengracht 100", "1015 BS Amsterdam", "VAT NL123456789B01"));
        String[] languages = {"en", "de", "nl", "fr"};
        // CPU time of this thread, not wall time: on a shared machine the wall clock measures the
        // neighbours; the rate is what one thread does per second of its own CPU.
        var cpu = java.lang.management.ManagementFactory.getThreadMXBean();
        double bestNew = 0, bestOld = 0, bestX = 0;
        long bytesNew = 0, bytesOld = 0;
        for (int round = 0; round <= rounds; round++) {
            long w0 = System.nanoTime();
            long t0 = cpu.getCurrentThreadCpuTime();
            long size = 0;
            var docs = new io.steward.billing.document.InvoiceDocument[n];
            var pdfs = new byte[n][];
            for (int i = 0; i < n; i++) {
                InvoiceDetail d = invoices.get(i % invoices.size());
                docs[i] = InvoiceDocuments.build(d, seller, languages[i % 4], "");
                pdfs[i] = renderer.render(docs[i]);
                size += pdfs[i].length;
            }
            long t1 = cpu.getCurrentThreadCpuTime();
            long w1 = System.nanoTime();
            long sizeOld = 0;
            for (int i = 0; i < n; i++) sizeOld += old.render(invoices.get(i % invoices.size()), "Pay by bank transfer.").length;
            long t2 = cpu.getCurrentThreadCpuTime();
            long w2 = System.nanoTime();
            double rateNew = n / ((t1 - t0) / 1e9), rateOld = n / ((t2 - t1) / 1e9);
            // the download: the same documents rendered as Factur-X (CII written, embedded before the one save)
            long sizeX = 0;
            for (int i = 0; i < n; i++) sizeX += renderer.facturX(docs[i]).length;
            long t3 = cpu.getCurrentThreadCpuTime();
            double rateX = n / ((t3 - t2) / 1e9);
            if (round == 0) continue; // warm-up
            System.out.printf("round %d  factur-x download %8.1f invoices/s (%6d bytes avg)%n", round, rateX, sizeX / n);
            System.out.printf("round %d  new %8.1f invoices/s (wall %7.1f/s, %6d bytes avg)   old %8.1f invoices/s (wall %7.1f/s, %6d bytes avg)%n",
                    round, rateNew, n / ((w1 - w0) / 1e9), size / n, rateOld, n / ((w2 - w1) / 1e9), sizeOld / n);
            bestNew = Math.max(bestNew, rateNew);
            bestX = Math.max(bestX, rateX);
            bestOld = Math.max(bestOld, rateOld);
            bytesNew = size / n;
            bytesOld = sizeOld / n;
        }
        System.out.printf("best: new %.1f/s, old %.1f/s, new/old %.3f; avg size new %d bytes, old %d bytes; factur-x download %.1f/s%n",
                bestNew, bestOld, bestNew / bestOld, bytesNew, bytesOld, bestX);
        if (bestX < 100) {
            System.out.println("FAIL: the Factur-X download makes fewer than 100 invoices per second");
            System.exit(1);
        }
    }

    /** Invoices of 1 to 12 lines to buyers in several scripts, half of them taxed at 21 %. */
    static List<InvoiceDetail> invoices(int count) {
        String[][] buyers = {{"Łukasz", "Żółć", "Łódź", "PL"}, {"Jan", "de Vries", "Amsterdam", "NL"}, {"Дмитрий", "Иванов", "Москва", "RU"},
                {"Αλέξανδρος", "Παπαδόπουλος", "Αθήνα", "GR"}, {"王", "小明", "北京", "CN"}, {"Klaus", "Müller", "Berlin", "DE"}};
        var out = new ArrayList<InvoiceDetail>();
        LocalDate date = LocalDate.of(2026, 3, 2);
        for (int k = 0; k < count; k++) {
            String[] b = buyers[k % buyers.length];
            String snapshot = Json.text(Map.ofEntries(Map.entry("id", k), Map.entry("email", "c" + k + "@example.com"),
                    Map.entry("firstname", b[0]), Map.entry("lastname", b[1]), Map.entry("companyname", k % 2 == 0 ? "" : b[1] + " Ltd"),
                    Map.entry("address1", "Street " + k), Map.entry("address2", ""), Map.entry("city", b[2]), Map.entry("state", ""),
                    Map.entry("postcode", "1000" + k), Map.entry("country", b[3]), Map.entry("phonenumber", ""), Map.entry("vatNumber", "")));
            var lines = new ArrayList<InvoiceLine>();
            BigDecimal sub = BigDecimal.ZERO.setScale(2);
            for (int l = 0; l <= k % 12; l++) {
                var amount = new BigDecimal(5 + l + k % 7 + ".95");
                lines.add(new InvoiceLine(l, k, "Hosting", 0, "Shared hosting plan " + l + " for " + b[2], amount, BigDecimal.ONE, true,
                        amount, null, date, date.plusMonths(1).minusDays(1)));
                sub = sub.add(amount);
            }
            boolean taxed = k % 2 == 1;
            BigDecimal rate = taxed ? new BigDecimal("21") : BigDecimal.ZERO;
            BigDecimal tax = Money.percentOf(sub, rate, "EUR");
            BigDecimal zero = BigDecimal.ZERO.setScale(2);
            var inv = new Invoice(k, k, Invoice.UNPAID, "invoice", "2026/03/" + k, date, date.plusDays(14), null, "EUR", sub, zero, zero,
                    zero, tax, rate, zero, BigDecimal.ZERO, false, sub.add(tax), null, "", snapshot, date.atStartOfDay());
            out.add(new InvoiceDetail(inv, lines, List.<io.steward.billing.Payment>of(), List.<CreditNote>of()));
        }
        return out;
    }

    // ---- The replaced writer, verbatim from git history (io.steward.billing.PdfDocument and InvoicePdf) ----

    /**
     * A minimal PDF 1.4 writer (ISO 32000-1 is the later standard of the same format): A4 pages of
     * text in the standard Helvetica and Helvetica-Bold fonts (WinAnsiEncoding, so no font is
     * embedded), straight lines and filled rectangles. Content streams are left uncompressed; the
     * cross-reference table carries the exact byte offset of every object (§7.5.4), which is what
     * readers use to find them.
     */
    static final class PdfDocument {
        static final float WIDTH = 595.28f;
        static final float HEIGHT = 841.89f;
        static final String REGULAR = "F1";
        static final String BOLD = "F2";

        private static final Charset WIN_ANSI = Charset.forName("windows-1252");
        /** Helvetica advance widths (per 1000 units of font size) for ASCII 32..126, from the standard AFM. */
        private static final int[] HELVETICA = {
            278, 278, 355, 556, 556, 889, 667, 191, 333, 333, 389, 584, 278, 333, 278, 278, // space ! " # $ % & ' ( ) * + , - . /
            556, 556, 556, 556, 556, 556, 556, 556, 556, 556, 278, 278, 584, 584, 584, 556, // 0-9 : ; < = > ?
            1015, 667, 667, 722, 722, 667, 611, 778, 722, 278, 500, 667, 556, 833, 722, 778, // @ A-O
            667, 778, 722, 667, 611, 722, 667, 944, 667, 667, 611, 278, 278, 278, 469, 556, // P-Z [ \ ] ^ _
            333, 556, 556, 500, 556, 556, 278, 556, 556, 222, 222, 500, 222, 833, 556, 556, // ` a-o
            556, 556, 333, 500, 278, 556, 500, 722, 500, 500, 500, 334, 260, 334, 584       // p-z { | } ~
        };
        /** Helvetica-Bold widths for ASCII 32..126. */
        private static final int[] HELVETICA_BOLD = {
            278, 333, 474, 556, 556, 889, 722, 238, 333, 333, 389, 584, 278, 333, 278, 278,
            556, 556, 556, 556, 556, 556, 556, 556, 556, 556, 333, 333, 584, 584, 584, 611,
            975, 722, 722, 722, 722, 667, 611, 778, 722, 278, 556, 722, 611, 833, 722, 778,
            667, 778, 722, 667, 611, 722, 667, 944, 667, 667, 611, 333, 278, 333, 584, 556,
            333, 556, 611, 556, 611, 556, 333, 611, 611, 278, 278, 556, 278, 889, 611, 611,
            611, 611, 389, 556, 333, 611, 556, 778, 556, 556, 500, 389, 280, 389, 584
        };

        private final String title;
        private final List<StringBuilder> pages = new ArrayList<>();

        PdfDocument(String title) {
            this.title = title;
            newPage();
        }

        /** Starts a new page; drawing goes to it from now on. */
        void newPage() {
            pages.add(new StringBuilder());
        }

        int pageCount() { return pages.size(); }

        private StringBuilder page(int index) { return pages.get(index); }

        private StringBuilder current() { return pages.get(pages.size() - 1); }

        /** Text with its baseline starting at (x, y), y measured from the bottom of the page. */
        void text(float x, float y, String font, float size, String text) {
            text(pages.size() - 1, x, y, font, size, text);
        }

        void text(int pageIndex, float x, float y, String font, float size, String text) {
            page(pageIndex).append("BT /").append(font).append(' ').append(num(size)).append(" Tf ")
                    .append(num(x)).append(' ').append(num(y)).append(" Td (").append(escape(text)).append(") Tj ET\n");
        }

        /** Text ending at {@code right}. */
        void textRight(float right, float y, String font, float size, String text) {
            text(right - width(text, font, size), y, font, size, text);
        }

        void line(float x1, float y1, float x2, float y2, float lineWidth) {
            current().append(num(lineWidth)).append(" w ").append(num(x1)).append(' ').append(num(y1)).append(" m ")
                    .append(num(x2)).append(' ').append(num(y2)).append(" l S\n");
        }

        /** A rectangle filled with a gray level (0 black, 1 white). */
        void fill(float x, float y, float w, float h, float gray) {
            current().append(num(gray)).append(" g ").append(num(x)).append(' ').append(num(y)).append(' ')
                    .append(num(w)).append(' ').append(num(h)).append(" re f 0 g\n");
        }

        /** The printed width of {@code text} in points. */
        static float width(String text, String font, float size) {
            int[] widths = BOLD.equals(font) ? HELVETICA_BOLD : HELVETICA;
            long units = 0;
            for (int i = 0; i < text.length(); i++) {
                char ch = text.charAt(i);
                units += ch >= 32 && ch <= 126 ? widths[ch - 32] : 556;
            }
            return units * size / 1000f;
        }

        /** Splits {@code text} into lines no wider than {@code max} points, breaking at spaces where it can. */
        static List<String> wrap(String text, String font, float size, float max) {
            var out = new ArrayList<String>();
            for (String paragraph : text.split("\r?\n", -1)) {
                var line = new StringBuilder();
                for (String word : paragraph.split(" ")) {
                    String candidate = line.isEmpty() ? word : line + " " + word;
                    if (width(candidate, font, size) <= max) {
                        line.setLength(0);
                        line.append(candidate);
                        continue;
                    }
                    if (!line.isEmpty()) out.add(line.toString());
                    line.setLength(0);
                    // A word wider than the column is cut where it no longer fits.
                    String rest = word;
                    while (width(rest, font, size) > max && rest.length() > 1) {
                        int cut = rest.length() - 1;
                        while (cut > 1 && width(rest.substring(0, cut), font, size) > max) cut--;
                        out.add(rest.substring(0, cut));
                        rest = rest.substring(cut);
                    }
                    line.append(rest);
                }
                out.add(line.toString());
            }
            return out;
        }

        /** The finished file. */
        byte[] toBytes() {
            var out = new Out();
            out.ascii("%PDF-1.4\n");
            // A comment of high-bit bytes tells transfer tools the file is binary (§7.5.2).
            out.bytes(new byte[] {'%', (byte) 0xE2, (byte) 0xE3, (byte) 0xCF, (byte) 0xD3, '\n'});
            int n = pages.size();
            // Objects: 1 catalog, 2 page tree, 3-4 fonts, 5 info, then a page and its content per page.
            int objects = 5 + 2 * n;
            long[] offsets = new long[objects + 1];
            var kids = new StringBuilder();
            for (int i = 0; i < n; i++) kids.append(6 + 2 * i).append(" 0 R ");
            offsets[1] = out.object(1, "<< /Type /Catalog /Pages 2 0 R >>");
            offsets[2] = out.object(2, "<< /Type /Pages /Kids [" + kids.toString().trim() + "] /Count " + n + " >>");
            offsets[3] = out.object(3, "<< /Type /Font /Subtype /Type1 /BaseFont /Helvetica /Encoding /WinAnsiEncoding >>");
            offsets[4] = out.object(4, "<< /Type /Font /Subtype /Type1 /BaseFont /Helvetica-Bold /Encoding /WinAnsiEncoding >>");
            offsets[5] = out.object(5, "<< /Title (" + escape(title) + ") /Producer (Steward) >>");
            for (int i = 0; i < n; i++) {
                int pageObj = 6 + 2 * i;
                offsets[pageObj] = out.object(pageObj, "<< /Type /Page /Parent 2 0 R /MediaBox [0 0 " + num(WIDTH) + " " + num(HEIGHT)
                        + "] /Resources << /Font << /F1 3 0 R /F2 4 0 R >> >> /Contents " + (pageObj + 1) + " 0 R >>");
                byte[] content = encode(pages.get(i).toString());
                offsets[pageObj + 1] = out.offset();
                out.ascii((pageObj + 1) + " 0 obj\n<< /Length " + content.length + " >>\nstream\n");
                out.bytes(content);
                out.ascii("\nendstream\nendobj\n");
            }
            long xref = out.offset();
            out.ascii("xref\n0 " + (objects + 1) + "\n");
            // Each entry is exactly 20 bytes: 10-digit offset, 5-digit generation, type, two-byte EOL.
            out.ascii("0000000000 65535 f \n");
            for (int i = 1; i <= objects; i++) out.ascii(String.format(Locale.ROOT, "%010d 00000 n \n", offsets[i]));
            out.ascii("trailer\n<< /Size " + (objects + 1) + " /Root 1 0 R /Info 5 0 R >>\nstartxref\n" + xref + "\n%%EOF\n");
            return out.toByteArray();
        }

        private static final class Out extends ByteArrayOutputStream {
            long offset() { return count; }

            void ascii(String s) { writeBytes(s.getBytes(StandardCharsets.US_ASCII)); }

            void bytes(byte[] b) { writeBytes(b); }

            long object(int number, String body) {
                long at = count;
                writeBytes(encode(number + " 0 obj\n" + body + "\nendobj\n"));
                return at;
            }
        }

        /** Characters WinAnsi cannot encode become '?'. */
        private static byte[] encode(String s) {
            CharsetEncoder enc = WIN_ANSI.newEncoder();
            var out = new ByteArrayOutputStream(s.length());
            for (int i = 0; i < s.length(); i++) {
                char ch = s.charAt(i);
                if (Character.isSurrogate(ch) || !enc.canEncode(ch)) out.write('?');
                else out.writeBytes(String.valueOf(ch).getBytes(WIN_ANSI));
            }
            return out.toByteArray();
        }

        /** A PDF literal string body: backslash, parentheses and line breaks escaped (§7.3.4.2). */
        static String escape(String s) {
            var b = new StringBuilder(s.length() + 8);
            for (int i = 0; i < s.length(); i++) {
                char ch = s.charAt(i);
                switch (ch) {
                    case '\\', '(', ')' -> b.append('\\').append(ch);
                    case '\n', '\r', '\t' -> b.append(' ');
                    default -> b.append(ch < 32 ? ' ' : ch);
                }
            }
            return b.toString();
        }

        private static String num(float v) {
            if (v == Math.rint(v)) return Long.toString((long) v);
            return String.format(Locale.ROOT, "%.2f", v);
        }
    }

    /**
     * The printable invoice: issuer, the client as addressed at issue, the lines as a table, totals,
     * how to pay and notes, on as many A4 pages as the lines need.
     */
    static final class InvoicePdf {
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
}
