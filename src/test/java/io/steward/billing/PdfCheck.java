package io.steward.billing;

import static org.assertj.core.api.Assertions.assertThat;

import java.nio.charset.StandardCharsets;
import java.util.regex.Matcher;
import java.util.regex.Pattern;

/**
 * Reads a PDF the way a viewer finds its objects: header, {@code startxref}, the cross-reference
 * table, and each in-use object at the byte offset the table gives; stream lengths must match.
 */
final class PdfCheck {
    private static final Pattern ENTRY = Pattern.compile("(\\d{10}) (\\d{5}) ([nf])(?: \\n|\\r\\n)");
    private static final Pattern STREAM = Pattern.compile("<< /Length (\\d+) >>\nstream\n");

    /** What a valid file contains: its text (Latin-1, byte for byte), objects and pages. */
    record Parsed(String text, int objects, int pages) {}

    private PdfCheck() {}

    static Parsed parse(byte[] pdf) {
        String s = new String(pdf, StandardCharsets.ISO_8859_1);
        assertThat(s).as("PDF header").startsWith("%PDF-1.4\n");
        assertThat(s.stripTrailing()).as("PDF trailer end").endsWith("%%EOF");
        int sx = s.lastIndexOf("startxref\n");
        assertThat(sx).as("startxref").isPositive();
        int xref = Integer.parseInt(s.substring(sx + 10, s.indexOf('\n', sx + 10)).trim());
        assertThat(s.startsWith("xref\n", xref)).as("xref table at offset " + xref).isTrue();
        int lineEnd = s.indexOf('\n', xref + 5);
        String[] header = s.substring(xref + 5, lineEnd).trim().split(" ");
        assertThat(header[0]).isEqualTo("0");
        int size = Integer.parseInt(header[1]);
        int at = lineEnd + 1;
        for (int i = 0; i < size; i++) {
            String entry = s.substring(at, at + 20);
            Matcher m = ENTRY.matcher(entry);
            assertThat(m.matches()).as("xref entry %d is 20 bytes: '%s'", i, entry).isTrue();
            if (m.group(3).equals("n")) {
                int offset = Integer.parseInt(m.group(1));
                assertThat(s.startsWith(i + " 0 obj", offset)).as("object %d at offset %d", i, offset).isTrue();
            } else {
                assertThat(i).as("only object 0 is free").isZero();
            }
            at += 20;
        }
        assertThat(s.startsWith("trailer", at)).as("trailer after the table").isTrue();
        assertThat(s.substring(at)).contains("/Size " + size).contains("/Root 1 0 R");
        Matcher streams = STREAM.matcher(s);
        while (streams.find()) {
            int length = Integer.parseInt(streams.group(1));
            assertThat(s.startsWith("\nendstream", streams.end() + length)).as("stream length %d", length).isTrue();
        }
        Matcher count = Pattern.compile("/Type /Pages /Kids \\[[^]]*] /Count (\\d+)").matcher(s);
        assertThat(count.find()).as("page tree").isTrue();
        return new Parsed(s, size - 1, Integer.parseInt(count.group(1)));
    }
}
