package io.steward.support;

import java.io.IOException;
import java.io.UncheckedIOException;
import java.net.DatagramPacket;
import java.net.DatagramSocket;
import java.net.InetAddress;
import java.util.List;
import java.util.Locale;
import java.util.Map;
import java.util.concurrent.ConcurrentHashMap;
import org.xbill.DNS.DClass;
import org.xbill.DNS.Flags;
import org.xbill.DNS.Message;
import org.xbill.DNS.NSRecord;
import org.xbill.DNS.Name;
import org.xbill.DNS.Rcode;
import org.xbill.DNS.Section;
import org.xbill.DNS.TXTRecord;
import org.xbill.DNS.Type;

/**
 * A tiny DNS resolver on 127.0.0.1 (UDP) that answers what the test publishes: TXT and NS records
 * by name, NXDOMAIN for names it holds nothing at. Steward's {@code dns.verify-resolver} points at
 * it, so proof of control through DNS is tested without leaving the machine.
 */
public final class TestResolver implements AutoCloseable {
    private final DatagramSocket socket;
    private final Map<String, List<org.xbill.DNS.Record>> records = new ConcurrentHashMap<>();
    private final Thread thread;

    private TestResolver() throws IOException {
        socket = new DatagramSocket(0, InetAddress.getLoopbackAddress());
        thread = Thread.ofPlatform().daemon().name("test-resolver").start(this::serve);
    }

    public static TestResolver start() {
        try {
            return new TestResolver();
        } catch (IOException e) {
            throw new UncheckedIOException(e);
        }
    }

    /** {@code host:port}, for {@code dns.verify-resolver}. */
    public String address() {
        return "127.0.0.1:" + socket.getLocalPort();
    }

    private static Name name(String n) {
        try {
            return Name.fromString(n.endsWith(".") ? n : n + ".");
        } catch (IOException e) {
            throw new UncheckedIOException(e);
        }
    }

    private static String key(Name n, int type) {
        return n.toString().toLowerCase(Locale.ROOT) + "/" + type;
    }

    /** Publishes TXT records at {@code name} (replacing those there). */
    public void txt(String name, String... values) {
        Name n = name(name);
        records.put(key(n, Type.TXT), java.util.Arrays.stream(values).map(v -> (org.xbill.DNS.Record) new TXTRecord(n, DClass.IN, 60, v)).toList());
    }

    /** Delegates {@code name} to {@code targets} (replacing the NS records there). */
    public void ns(String name, String... targets) {
        Name n = name(name);
        records.put(key(n, Type.NS), java.util.Arrays.stream(targets).map(t -> (org.xbill.DNS.Record) new NSRecord(n, DClass.IN, 60, name(t))).toList());
    }

    private void serve() {
        byte[] buf = new byte[1500];
        while (!socket.isClosed()) {
            try {
                var packet = new DatagramPacket(buf, buf.length);
                socket.receive(packet);
                Message query = new Message(java.util.Arrays.copyOf(packet.getData(), packet.getLength()));
                var question = query.getQuestion();
                var answer = new Message(query.getHeader().getID());
                answer.getHeader().setFlag(Flags.QR);
                answer.getHeader().setFlag(Flags.RA);
                if (query.getHeader().getFlag(Flags.RD)) answer.getHeader().setFlag(Flags.RD);
                answer.addRecord(question, Section.QUESTION);
                String prefix = question.getName().toString().toLowerCase(Locale.ROOT) + "/";
                var found = records.getOrDefault(key(question.getName(), question.getType()), List.of());
                found.forEach(r -> answer.addRecord(r, Section.ANSWER));
                if (found.isEmpty() && records.keySet().stream().noneMatch(k -> k.startsWith(prefix))) answer.getHeader().setRcode(Rcode.NXDOMAIN);
                byte[] out = answer.toWire();
                socket.send(new DatagramPacket(out, out.length, packet.getSocketAddress()));
            } catch (IOException e) {
                if (socket.isClosed()) return;
            }
        }
    }

    @Override
    public void close() {
        socket.close();
    }
}
