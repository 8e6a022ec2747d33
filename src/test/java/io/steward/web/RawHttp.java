package io.steward.web;

import java.io.ByteArrayOutputStream;
import java.io.IOException;
import java.io.InputStream;
import java.io.OutputStream;
import java.io.UncheckedIOException;
import java.net.Socket;
import java.nio.charset.StandardCharsets;

/**
 * HTTP/1.1 over a plain socket, for what {@code java.net.http} will not send: chunked bodies of a
 * known size, a Content-Length the body never delivers. Responses are not contract-checked.
 */
final class RawHttp {
    /** Status line code and the whole response text (headers and body). */
    record Response(int status, String text) {
        String body() {
            int i = text.indexOf("\r\n\r\n");
            return i < 0 ? "" : text.substring(i + 4);
        }
    }

    private RawHttp() {}

    /** Sends {@code head} (request line and headers, without the blank line) and then {@code body} as is. */
    static Response exchange(int port, String head, byte[] body) {
        try (Socket s = new Socket("127.0.0.1", port)) {
            s.setSoTimeout(10_000);
            OutputStream out = s.getOutputStream();
            out.write((head + "\r\n\r\n").getBytes(StandardCharsets.US_ASCII));
            try {
                out.write(body);
                out.flush();
            } catch (IOException refusedMidBody) {
                // The server may answer and close before it has read everything; the answer is what counts.
            }
            return read(s.getInputStream());
        } catch (IOException e) {
            throw new UncheckedIOException(e);
        }
    }

    /** {@code data} in chunked transfer coding, in chunks of {@code size} bytes. */
    static byte[] chunked(byte[] data, int size) {
        var out = new ByteArrayOutputStream();
        for (int off = 0; off < data.length; off += size) {
            int n = Math.min(size, data.length - off);
            out.writeBytes((Integer.toHexString(n) + "\r\n").getBytes(StandardCharsets.US_ASCII));
            out.write(data, off, n);
            out.writeBytes("\r\n".getBytes(StandardCharsets.US_ASCII));
        }
        out.writeBytes("0\r\n\r\n".getBytes(StandardCharsets.US_ASCII));
        return out.toByteArray();
    }

    private static Response read(InputStream in) throws IOException {
        var buf = new ByteArrayOutputStream();
        byte[] b = new byte[8192];
        String text = "";
        while (true) {
            int n;
            try {
                n = in.read(b);
            } catch (IOException reset) {
                break;
            }
            if (n < 0) break;
            buf.write(b, 0, n);
            text = buf.toString(StandardCharsets.UTF_8);
            if (complete(text)) break;
        }
        int sp = text.indexOf(' ');
        if (!text.startsWith("HTTP/1.1 ") || sp < 0) throw new IOException("no HTTP response: " + text);
        return new Response(Integer.parseInt(text.substring(sp + 1, sp + 4)), text);
    }

    /** True once the headers and a Content-Length body have arrived (the server may keep the connection open). */
    private static boolean complete(String text) {
        int end = text.indexOf("\r\n\r\n");
        if (end < 0) return false;
        for (String line : text.substring(0, end).split("\r\n")) {
            if (line.toLowerCase().startsWith("content-length:")) {
                int len = Integer.parseInt(line.substring(15).trim());
                return text.getBytes(StandardCharsets.UTF_8).length - (end + 4) >= len;
            }
        }
        return false;
    }
}
