package io.steward.billing.document;

import java.io.IOException;
import java.io.InputStream;
import java.io.UncheckedIOException;
import java.util.concurrent.ArrayBlockingQueue;
import java.util.concurrent.BlockingQueue;
import java.util.concurrent.atomic.AtomicInteger;
import org.apache.fontbox.ttf.CmapLookup;
import org.apache.fontbox.ttf.TTFParser;
import org.apache.fontbox.ttf.TrueTypeFont;
import org.apache.pdfbox.io.RandomAccessReadBuffer;

/**
 * The fonts shipped in the jar ({@code /fonts}): DejaVu Sans regular and bold for Latin, Greek,
 * Cyrillic and most symbols, and Droid Sans Fallback for Chinese, Japanese, Korean and whatever
 * else DejaVu lacks. A parsed font reads its tables lazily from its buffer and caches glyphs, so
 * one is used by one rendering at a time: renderings borrow a parsed set from a small pool
 * (parsing a font per PDF would cost more than the PDF).
 */
final class PdfFonts {
    /** One parsed set, used by one rendering at a time. */
    record FontSet(TrueTypeFont regular, TrueTypeFont bold, TrueTypeFont fallback, CmapLookup regularCmap, CmapLookup boldCmap,
                   CmapLookup fallbackCmap) {}

    private final byte[] regular;
    private final byte[] bold;
    private final byte[] fallback;
    private final BlockingQueue<FontSet> idle;
    private final AtomicInteger created = new AtomicInteger();
    private final int max;

    /** @param max how many renderings may hold a set at once; more wait for one */
    PdfFonts(int max) {
        this.regular = read("DejaVuSans.ttf");
        this.bold = read("DejaVuSans-Bold.ttf");
        this.fallback = read("DroidSansFallback.ttf");
        this.max = max;
        this.idle = new ArrayBlockingQueue<>(max);
    }

    FontSet borrow() {
        FontSet s = idle.poll();
        if (s != null) return s;
        if (created.incrementAndGet() <= max) return parse();
        created.decrementAndGet();
        try {
            return idle.take();
        } catch (InterruptedException e) {
            Thread.currentThread().interrupt();
            throw new IllegalStateException("interrupted while waiting for fonts", e);
        }
    }

    void giveBack(FontSet s) {
        idle.offer(s);
    }

    private FontSet parse() {
        try {
            TrueTypeFont r = parse(regular);
            TrueTypeFont b = parse(bold);
            TrueTypeFont f = parse(fallback);
            return new FontSet(r, b, f, r.getUnicodeCmapLookup(), b.getUnicodeCmapLookup(), f.getUnicodeCmapLookup());
        } catch (IOException e) {
            throw new UncheckedIOException(e);
        }
    }

    private static TrueTypeFont parse(byte[] data) throws IOException {
        return new TTFParser().parse(new RandomAccessReadBuffer(data));
    }

    private static byte[] read(String name) {
        try (InputStream in = PdfFonts.class.getResourceAsStream("/fonts/" + name)) {
            if (in == null) throw new IllegalStateException("font /fonts/" + name + " is missing from the jar");
            return in.readAllBytes();
        } catch (IOException e) {
            throw new UncheckedIOException(e);
        }
    }
}
