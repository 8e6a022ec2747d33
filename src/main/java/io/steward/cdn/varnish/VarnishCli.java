package io.steward.cdn.varnish;

import java.io.ByteArrayOutputStream;
import java.io.IOException;
import java.io.InputStream;
import java.io.OutputStream;
import java.net.InetSocketAddress;
import java.net.Socket;
import java.nio.charset.StandardCharsets;
import java.security.MessageDigest;
import java.security.NoSuchAlgorithmException;
import java.util.HexFormat;

/**
 * Varnish's management protocol (varnish-cli(7)), as {@code varnishadm} speaks it to a
 * {@code varnishd -T} listener: every answer is a 13-byte header {@code "%-3d %-8d\n"} (status,
 * body length), the body and a newline. A listener started with {@code -S} first answers 107 with
 * a challenge; the client answers {@code auth <sha256(challenge \n secret challenge \n)>}.
 */
final class VarnishCli implements AutoCloseable {
    static final int OK = 200;
    private static final int AUTH = 107;

    /** One answer: its status and body. */
    record Answer(int status, String body) {}

    private final Socket socket;
    private final InputStream in;
    private final OutputStream out;

    private VarnishCli(Socket socket) throws IOException {
        this.socket = socket;
        this.in = socket.getInputStream();
        this.out = socket.getOutputStream();
    }

    /** Connects to {@code host:port} and authenticates with {@code secret} (the -S file's content). */
    static VarnishCli connect(String hostPort, String secret, int timeoutMs) throws IOException {
        int colon = hostPort.lastIndexOf(':');
        if (colon <= 0) throw new IOException("management address " + hostPort + " is not host:port");
        var socket = new Socket();
        try {
            socket.connect(new InetSocketAddress(hostPort.substring(0, colon), Integer.parseInt(hostPort.substring(colon + 1))), timeoutMs);
            socket.setSoTimeout(timeoutMs);
            var cli = new VarnishCli(socket);
            Answer hello = cli.read();
            if (hello.status() == AUTH) {
                String challenge = hello.body().substring(0, hello.body().indexOf('\n'));
                Answer auth = cli.send("auth " + response(challenge, secret));
                if (auth.status() != OK) throw new IOException("varnishd at " + hostPort + " refused the secret (" + auth.status() + ")");
            } else if (hello.status() != OK) {
                throw new IOException("varnishd at " + hostPort + " answered " + hello.status() + ": " + hello.body().strip());
            }
            return cli;
        } catch (NumberFormatException e) {
            socket.close();
            throw new IOException("management address " + hostPort + " has no port number");
        } catch (IOException | RuntimeException e) {
            socket.close();
            throw e;
        }
    }

    static String response(String challenge, String secret) {
        try {
            var md = MessageDigest.getInstance("SHA-256");
            md.update((challenge + "\n").getBytes(StandardCharsets.UTF_8));
            md.update(secret.getBytes(StandardCharsets.UTF_8));
            md.update((challenge + "\n").getBytes(StandardCharsets.UTF_8));
            return HexFormat.of().formatHex(md.digest());
        } catch (NoSuchAlgorithmException e) {
            throw new IllegalStateException(e);
        }
    }

    Answer send(String command) throws IOException {
        out.write((command + "\n").getBytes(StandardCharsets.UTF_8));
        out.flush();
        return read();
    }

    private Answer read() throws IOException {
        byte[] header = in.readNBytes(13);
        if (header.length < 13) throw new IOException("varnishd closed the management connection");
        String h = new String(header, StandardCharsets.US_ASCII);
        int status;
        int length;
        try {
            status = Integer.parseInt(h.substring(0, 3).trim());
            length = Integer.parseInt(h.substring(4, 12).trim());
        } catch (NumberFormatException e) {
            throw new IOException("not a varnish management answer: " + h.strip());
        }
        var body = new ByteArrayOutputStream();
        body.write(in.readNBytes(length));
        in.readNBytes(1); // the newline after the body
        return new Answer(status, body.toString(StandardCharsets.UTF_8));
    }

    @Override
    public void close() throws IOException {
        socket.close();
    }
}
