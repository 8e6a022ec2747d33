package io.steward.web;

import io.steward.core.StewardException;
import java.nio.charset.StandardCharsets;
import java.util.ArrayList;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Locale;
import java.util.Map;

/**
 * A {@code multipart/form-data} body (RFC 7578) split into its text fields and its files. The body
 * is already in memory (the transport bounds its size), so this is a scan for the boundary. Text
 * fields keep their names as sent, so bracket notation ({@code attachments[]}) decodes as in a form.
 */
final class Multipart {
    record Field(String name, String value) {}

    final List<Field> fields = new ArrayList<>();
    final List<Upload> files = new ArrayList<>();

    private Multipart() {}

    static boolean is(String contentType) {
        return contentType != null && contentType.toLowerCase(Locale.ROOT).startsWith("multipart/form-data");
    }

    static Multipart parse(String contentType, byte[] body) {
        String boundary = parameter(contentType, "boundary");
        if (boundary == null || boundary.isEmpty() || boundary.length() > 70) throw malformed("no boundary in Content-Type");
        byte[] delimiter = ("--" + boundary).getBytes(StandardCharsets.ISO_8859_1);
        var out = new Multipart();
        int pos = indexOf(body, delimiter, 0);
        if (pos < 0) throw malformed("boundary not found");
        while (true) {
            int after = pos + delimiter.length;
            if (after + 1 < body.length && body[after] == '-' && body[after + 1] == '-') return out; // closing delimiter
            int headersStart = skipLineBreak(body, after);
            int headersEnd = indexOf(body, "\r\n\r\n".getBytes(StandardCharsets.ISO_8859_1), headersStart);
            if (headersEnd < 0) throw malformed("part without headers");
            Map<String, String> headers = headers(new String(body, headersStart, headersEnd - headersStart, StandardCharsets.UTF_8));
            int contentStart = headersEnd + 4;
            byte[] next = ("\r\n--" + boundary).getBytes(StandardCharsets.ISO_8859_1);
            int contentEnd = indexOf(body, next, contentStart);
            if (contentEnd < 0) throw malformed("part not terminated by the boundary");
            byte[] content = java.util.Arrays.copyOfRange(body, contentStart, contentEnd);
            String disposition = headers.getOrDefault("content-disposition", "");
            String name = parameter(disposition, "name");
            if (name == null) throw malformed("part without a name");
            String filename = parameter(disposition, "filename");
            if (filename != null) {
                if (content.length > 0 || !filename.isEmpty()) {
                    out.files.add(new Upload(name, filename, headers.getOrDefault("content-type", "application/octet-stream").trim(), content));
                }
            } else {
                out.fields.add(new Field(name, new String(content, StandardCharsets.UTF_8)));
            }
            pos = contentEnd + 2;
        }
    }

    private static int skipLineBreak(byte[] b, int i) {
        if (i + 1 < b.length && b[i] == '\r' && b[i + 1] == '\n') return i + 2;
        throw malformed("boundary not followed by a line break");
    }

    private static Map<String, String> headers(String block) {
        var out = new LinkedHashMap<String, String>();
        for (String line : block.split("\r\n")) {
            int colon = line.indexOf(':');
            if (colon > 0) out.put(line.substring(0, colon).trim().toLowerCase(Locale.ROOT), line.substring(colon + 1).trim());
        }
        return out;
    }

    /** A {@code key=value} or {@code key="value"} parameter of a header value, or null. */
    static String parameter(String header, String key) {
        if (header == null) return null;
        for (String part : splitParams(header)) {
            int eq = part.indexOf('=');
            if (eq < 0) continue;
            if (!part.substring(0, eq).trim().equalsIgnoreCase(key)) continue;
            String v = part.substring(eq + 1).trim();
            if (v.length() >= 2 && v.startsWith("\"") && v.endsWith("\"")) v = v.substring(1, v.length() - 1).replace("\\\"", "\"");
            return v;
        }
        return null;
    }

    /** Splits on semicolons outside quotes (a quoted file name may contain one). */
    private static List<String> splitParams(String header) {
        var out = new ArrayList<String>();
        var cur = new StringBuilder();
        boolean quoted = false;
        for (int i = 0; i < header.length(); i++) {
            char c = header.charAt(i);
            if (c == '"' && (i == 0 || header.charAt(i - 1) != '\\')) quoted = !quoted;
            if (c == ';' && !quoted) {
                out.add(cur.toString());
                cur.setLength(0);
            } else {
                cur.append(c);
            }
        }
        out.add(cur.toString());
        return out;
    }

    private static int indexOf(byte[] hay, byte[] needle, int from) {
        outer:
        for (int i = Math.max(from, 0); i <= hay.length - needle.length; i++) {
            for (int j = 0; j < needle.length; j++) if (hay[i + j] != needle[j]) continue outer;
            return i;
        }
        return -1;
    }

    private static StewardException malformed(String why) {
        return StewardException.badRequest("Malformed multipart body: " + why);
    }
}
