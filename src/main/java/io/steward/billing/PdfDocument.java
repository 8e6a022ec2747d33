package io.steward.billing;

import java.io.ByteArrayOutputStream;
import java.nio.charset.Charset;
import java.nio.charset.CharsetEncoder;
import java.nio.charset.StandardCharsets;
import java.util.ArrayList;
import java.util.List;
import java.util.Locale;

/**
 * A minimal PDF 1.4 writer (ISO 32000-1 is the later standard of the same format): A4 pages of
 * text in the standard Helvetica and Helvetica-Bold fonts (WinAnsiEncoding, so no font is
 * embedded), straight lines and filled rectangles. Content streams are left uncompressed; the
 * cross-reference table carries the exact byte offset of every object (§7.5.4), which is what
 * readers use to find them.
 */
final class PdfDocument {
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
