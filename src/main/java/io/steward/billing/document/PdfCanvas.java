package io.steward.billing.document;

import java.io.ByteArrayOutputStream;
import java.io.IOException;
import java.io.UncheckedIOException;
import java.text.Normalizer;
import java.util.ArrayList;
import java.util.List;
import org.apache.fontbox.ttf.CmapLookup;
import org.apache.pdfbox.pdmodel.PDDocument;
import org.apache.pdfbox.pdmodel.PDPage;
import org.apache.pdfbox.pdmodel.PDPageContentStream;
import org.apache.pdfbox.pdmodel.common.PDRectangle;
import org.apache.pdfbox.pdmodel.font.PDType0Font;

/**
 * A4 pages to draw text, lines and shaded boxes on, with PDFBox. Text is drawn in DejaVu Sans and
 * every character DejaVu has no glyph for in Droid Sans Fallback, run by run, so any script the
 * two cover prints (a character neither has is drawn as DejaVu's replacement character, never as
 * "?"). Fonts are embedded as subsets of the glyphs used. Coordinates are PDF points from the
 * bottom left. Not thread-safe: one rendering owns it.
 */
final class PdfCanvas implements AutoCloseable {
    static final float WIDTH = PDRectangle.A4.getWidth();
    static final float HEIGHT = PDRectangle.A4.getHeight();
    private static final int REPLACEMENT = 0xFFFD;

    private final PDDocument doc = new PDDocument();
    private final PdfFonts.FontSet fonts;
    private final PDType0Font regular;
    private final PDType0Font bold;
    private PDType0Font fallback;
    private final List<PDPage> pages = new ArrayList<>();
    private PDPageContentStream out;

    private record Run(PDType0Font font, String text) {}

    PdfCanvas(PdfFonts.FontSet fonts) {
        this.fonts = fonts;
        try {
            this.regular = PDType0Font.load(doc, fonts.regular(), true);
            this.bold = PDType0Font.load(doc, fonts.bold(), true);
        } catch (IOException e) {
            throw new UncheckedIOException(e);
        }
        newPage();
    }

    PDDocument document() { return doc; }

    int pageCount() { return pages.size(); }

    void newPage() {
        try {
            if (out != null) out.close();
            var page = new PDPage(PDRectangle.A4);
            doc.addPage(page);
            pages.add(page);
            out = new PDPageContentStream(doc, page);
        } catch (IOException e) {
            throw new UncheckedIOException(e);
        }
    }

    /** Draws on page {@code index} (0-based) after its content, e.g. a footer once the page count is known. */
    void onPage(int index, java.util.function.Consumer<PdfCanvas> drawing) {
        try {
            out.close();
            out = new PDPageContentStream(doc, pages.get(index), PDPageContentStream.AppendMode.APPEND, true);
            drawing.accept(this);
        } catch (IOException e) {
            throw new UncheckedIOException(e);
        }
    }

    void text(float x, float y, boolean strong, float size, String text) {
        List<Run> runs = runs(text, strong);
        if (runs.isEmpty()) return;
        try {
            out.beginText();
            out.setNonStrokingColor(0f, 0f, 0f);
            out.newLineAtOffset(x, y);
            for (Run r : runs) {
                out.setFont(r.font(), size);
                out.showText(r.text());
            }
            out.endText();
        } catch (IOException e) {
            throw new UncheckedIOException(e);
        }
    }

    void textRight(float right, float y, boolean strong, float size, String text) {
        text(right - width(text, strong, size), y, strong, size, text);
    }

    void line(float x1, float y1, float x2, float y2, float lineWidth) {
        try {
            out.setStrokingColor(0.6f, 0.6f, 0.6f);
            out.setLineWidth(lineWidth);
            out.moveTo(x1, y1);
            out.lineTo(x2, y2);
            out.stroke();
        } catch (IOException e) {
            throw new UncheckedIOException(e);
        }
    }

    void fill(float x, float y, float w, float h, float grey) {
        try {
            out.setNonStrokingColor(grey, grey, grey);
            out.addRect(x, y, w, h);
            out.fill();
        } catch (IOException e) {
            throw new UncheckedIOException(e);
        }
    }

    float width(String text, boolean strong, float size) {
        float w = 0;
        try {
            for (Run r : runs(text, strong)) w += r.font().getStringWidth(r.text()) / 1000f * size;
        } catch (IOException e) {
            throw new UncheckedIOException(e);
        }
        return w;
    }

    /** Breaks {@code text} into lines no wider than {@code max}: at spaces, or inside a word (CJK has none) when it is wider. */
    List<String> wrap(String text, boolean strong, float size, float max) {
        var lines = new ArrayList<String>();
        for (String paragraph : text.split("\\R")) {
            var line = new StringBuilder();
            for (String word : paragraph.split(" ")) {
                String candidate = line.isEmpty() ? word : line + " " + word;
                if (width(candidate, strong, size) <= max) {
                    line.setLength(0);
                    line.append(candidate);
                    continue;
                }
                if (!line.isEmpty()) lines.add(line.toString());
                line.setLength(0);
                for (int i = 0; i < word.length(); ) {
                    int cp = word.codePointAt(i);
                    String next = line.toString() + Character.toString(cp);
                    if (!line.isEmpty() && width(next, strong, size) > max) {
                        lines.add(line.toString());
                        line.setLength(0);
                    }
                    line.appendCodePoint(cp);
                    i += Character.charCount(cp);
                }
            }
            lines.add(line.toString());
        }
        return lines;
    }

    /** The text in runs of one font each: the primary font where it has the glyph, else the fallback. */
    private List<Run> runs(String text, boolean strong) {
        String s = Normalizer.normalize(text == null ? "" : text, Normalizer.Form.NFC);
        PDType0Font primary = strong ? bold : regular;
        CmapLookup primaryCmap = strong ? fonts.boldCmap() : fonts.regularCmap();
        var runs = new ArrayList<Run>();
        var current = new StringBuilder();
        PDType0Font currentFont = null;
        for (int i = 0; i < s.length(); ) {
            int cp = s.codePointAt(i);
            i += Character.charCount(cp);
            if (Character.isISOControl(cp) || Character.isWhitespace(cp) && cp != ' ' && cp != 0xA0 && cp != 0x202F) cp = ' ';
            PDType0Font font;
            if (primaryCmap.getGlyphId(cp) > 0) {
                font = primary;
            } else if (fonts.fallbackCmap().getGlyphId(cp) > 0) {
                font = fallback();
            } else if (Character.getType(cp) == Character.FORMAT || Character.getType(cp) == Character.NON_SPACING_MARK) {
                continue; // invisible (zero-width joiners, marks NFC could not compose): nothing to draw
            } else {
                font = primary;
                cp = REPLACEMENT;
            }
            if (font != currentFont && !current.isEmpty()) {
                runs.add(new Run(currentFont, current.toString()));
                current.setLength(0);
            }
            currentFont = font;
            current.appendCodePoint(cp);
        }
        if (!current.isEmpty()) runs.add(new Run(currentFont, current.toString()));
        return runs;
    }

    private PDType0Font fallback() {
        if (fallback == null) {
            try {
                fallback = PDType0Font.load(doc, fonts.fallback(), true);
            } catch (IOException e) {
                throw new UncheckedIOException(e);
            }
        }
        return fallback;
    }

    byte[] toBytes() {
        try {
            out.close();
            var bytes = new ByteArrayOutputStream(32 * 1024);
            doc.save(bytes);
            return bytes.toByteArray();
        } catch (IOException e) {
            throw new UncheckedIOException(e);
        }
    }

    @Override
    public void close() {
        try {
            doc.close();
        } catch (IOException e) {
            throw new UncheckedIOException(e);
        }
    }
}
