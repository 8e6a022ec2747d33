package io.steward.dns;

import io.steward.dns.ZoneCache.ZoneData;
import java.io.DataInputStream;
import java.io.DataOutputStream;
import java.io.EOFException;
import java.io.IOException;
import java.net.InetAddress;
import java.net.InetSocketAddress;
import java.net.ServerSocket;
import java.net.Socket;
import java.net.SocketAddress;
import java.net.StandardSocketOptions;
import java.nio.ByteBuffer;
import java.nio.channels.ClosedChannelException;
import java.nio.channels.DatagramChannel;
import java.util.ArrayList;
import java.util.List;
import java.util.concurrent.ExecutorService;
import java.util.concurrent.Executors;
import org.slf4j.Logger;
import org.slf4j.LoggerFactory;
import org.xbill.DNS.Flags;
import org.xbill.DNS.Message;
import org.xbill.DNS.Opcode;
import org.xbill.DNS.Rcode;
import org.xbill.DNS.Section;
import org.xbill.DNS.Type;

/**
 * The authoritative DNS server: UDP and TCP on one address and port (RFC 1035 §4.2; RFC 7766 for
 * TCP, several queries per connection), answers from {@link ZoneCache} only. AXFR (RFC 5936) and
 * IXFR (RFC 1995, from the journal: {@link Ixfr}) over TCP to the configured secondaries, NOTIFY
 * (RFC 1996) to them when a zone changes.
 */
final class DnsServer implements AutoCloseable {
    private static final Logger LOG = LoggerFactory.getLogger(DnsServer.class);
    /** Records per AXFR message: keeps each well under 64 KiB. */
    private static final int AXFR_CHUNK = 200;

    private final ZoneCache cache;
    private final Answerer answerer;
    private final PacketCache packets;
    private final Ixfr ixfr;
    private final DnsSettings settings;
    private final List<Thread> threads = new ArrayList<>();
    private final ExecutorService notifier = Executors.newSingleThreadExecutor(r -> {
        Thread t = new Thread(r, "dns-notify");
        t.setDaemon(true);
        return t;
    });
    /**
     * UDP through a channel with each thread's own direct buffers: the {@code DatagramSocket}
     * adaptor re-initialises a temporary direct buffer on every receive and send and needs a
     * {@code DatagramPacket} per answer, a fifth of the UDP thread's time in profiles.
     */
    private DatagramChannel udp;
    private ServerSocket tcp;
    private volatile boolean running;

    DnsServer(ZoneCache cache, DnsSettings settings, java.time.Clock clock, Ixfr ixfr) {
        this.cache = cache;
        this.ixfr = ixfr;
        this.settings = settings;
        this.answerer = new Answerer(cache, settings.maxUdpPayload());
        this.packets = new PacketCache(cache, clock);
    }

    /** Binds UDP and TCP to the same port (the configured one, or a free one for port 0). */
    void start() {
        try {
            InetAddress host = InetAddress.getByName(settings.host());
            // TCP first: with port 0, UDP then takes the same number.
            tcp = new ServerSocket();
            tcp.setReuseAddress(true);
            tcp.bind(new InetSocketAddress(host, settings.port()), 256);
            udp = DatagramChannel.open();
            udp.setOption(StandardSocketOptions.SO_RCVBUF, 4 << 20);
            udp.bind(new InetSocketAddress(host, tcp.getLocalPort()));
        } catch (IOException e) {
            close();
            throw new IllegalStateException("DNS server cannot listen on " + settings.host() + ":" + settings.port() + ": " + e.getMessage(), e);
        }
        running = true;
        for (int i = 0; i < settings.udpThreads(); i++) {
            Thread t = new Thread(this::serveUdp, "dns-udp-" + i);
            t.setDaemon(true);
            threads.add(t);
            t.start();
        }
        Thread t = new Thread(this::acceptTcp, "dns-tcp");
        t.setDaemon(true);
        threads.add(t);
        t.start();
        LOG.info("dns server listening on {}:{} (udp+tcp), {} zones", settings.host(), port(), cache.size());
    }

    int port() {
        return tcp == null ? -1 : tcp.getLocalPort();
    }

    private void serveUdp() {
        ByteBuffer in = ByteBuffer.allocateDirect(65535);
        ByteBuffer reply = ByteBuffer.allocateDirect(65535);
        byte[] buf = new byte[65535];
        while (running) {
            try {
                in.clear();
                SocketAddress from = udp.receive(in);
                if (from == null) continue;
                in.flip();
                int length = in.remaining();
                in.get(buf, 0, length);
                byte[] out = packets.get(buf, length);
                if (out == null) {
                    // The generations are read before answering, so an answer racing a change is never kept as current.
                    var stamp = packets.stamp(buf, length);
                    Answerer.Answer a = handle(buf, length, false, ((InetSocketAddress) from).getAddress());
                    out = a == null ? null : a.wire();
                    if (out != null) packets.put(buf, length, out, stamp, a.freshUntil());
                }
                if (out != null) {
                    reply.clear();
                    reply.put(out).flip();
                    udp.send(reply, from);
                }
            } catch (ClosedChannelException e) {
                if (running) LOG.warn("dns udp socket closed: {}", e.toString());
                return;
            } catch (IOException | RuntimeException e) {
                LOG.debug("dns udp query failed: {}", e.toString());
            }
        }
    }

    private Answerer.Answer handle(byte[] buf, int length, boolean tcp, InetAddress from) {
        byte[] q = java.util.Arrays.copyOf(buf, length);
        Message query;
        try {
            query = new Message(q);
        } catch (IOException | RuntimeException e) {
            byte[] err = Answerer.formErr(q);
            return err == null ? null : new Answerer.Answer(err, Long.MAX_VALUE);
        }
        if (query.getHeader().getFlag(Flags.QR)) return null; // a response (a NOTIFY answer): nothing to say
        return answerer.answerWithExpiry(query, tcp);
    }

    private void acceptTcp() {
        while (running) {
            try {
                Socket s = tcp.accept();
                Thread.ofVirtual().name("dns-tcp-conn").start(() -> serveTcp(s));
            } catch (IOException e) {
                if (running) LOG.warn("dns tcp accept failed: {}", e.toString());
            }
        }
    }

    private void serveTcp(Socket s) {
        try (s) {
            s.setSoTimeout(10_000);
            s.setTcpNoDelay(true);
            var in = new DataInputStream(new java.io.BufferedInputStream(s.getInputStream()));
            var out = new DataOutputStream(new java.io.BufferedOutputStream(s.getOutputStream()));
            while (running) {
                int len;
                try {
                    len = in.readUnsignedShort();
                } catch (EOFException e) {
                    return;
                }
                byte[] q = new byte[len];
                in.readFully(q);
                Message query;
                try {
                    query = new Message(q);
                } catch (IOException | RuntimeException e) {
                    write(out, Answerer.formErr(q));
                    continue;
                }
                var question = query.getQuestion();
                if (question != null && (question.getType() == Type.AXFR || question.getType() == Type.IXFR)
                        && query.getHeader().getOpcode() == Opcode.QUERY) {
                    transfer(query, s.getInetAddress(), out);
                } else {
                    Answerer.Answer a = handle(q, q.length, true, s.getInetAddress());
                    if (a != null) write(out, a.wire());
                }
                out.flush();
            }
        } catch (IOException e) {
            LOG.debug("dns tcp connection ended: {}", e.toString());
        }
    }

    private static void write(DataOutputStream out, byte[] msg) throws IOException {
        if (msg == null) return;
        out.writeShort(msg.length);
        out.write(msg);
    }

    /**
     * AXFR: SOA, every record (with the signatures, keys and NSEC3 chain of a signed zone:
     * {@link ZoneContent}), SOA. IXFR: the differences since the asker's serial when the journal
     * has them and the zone is unsigned, else the full zone as for AXFR (RFC 1995 §4).
     */
    private void transfer(Message query, InetAddress from, DataOutputStream out) throws IOException {
        var question = query.getQuestion();
        ZoneData z = cache.find(question.getName());
        boolean allowed = settings.secondaries().stream().anyMatch(a -> a.getAddress() != null && a.getAddress().equals(from));
        if (z == null || !z.origin.equals(question.getName()) || !allowed || z.soa == null) {
            Message r = reply(query);
            r.getHeader().setRcode(z == null ? Rcode.REFUSED : allowed ? Rcode.NOTAUTH : Rcode.REFUSED);
            write(out, r.toWire());
            return;
        }
        var records = question.getType() == Type.IXFR ? ixfr.records(query, z) : null;
        if (records == null) records = ZoneContent.transfer(z);
        for (int i = 0; i < records.size(); i += AXFR_CHUNK) {
            Message r = reply(query);
            for (int j = i; j < Math.min(records.size(), i + AXFR_CHUNK); j++) r.addRecord(records.get(j), Section.ANSWER);
            write(out, r.toWire());
        }
    }

    private static Message reply(Message query) {
        Message r = new Message(query.getHeader().getID());
        r.getHeader().setFlag(Flags.QR);
        r.getHeader().setFlag(Flags.AA);
        r.addRecord(query.getQuestion(), Section.QUESTION);
        return r;
    }

    /** Sends NOTIFY for the zone to every configured secondary, off the caller's thread. */
    void notifySecondaries(long zoneId) {
        if (settings.secondaries().isEmpty() || !running) return;
        notifier.execute(() -> {
            ZoneData z = cache.byId(zoneId);
            if (z == null || z.soa == null) return;
            Message m = Message.newQuery(org.xbill.DNS.Record.newRecord(z.origin, Type.SOA, org.xbill.DNS.DClass.IN));
            m.getHeader().setOpcode(Opcode.NOTIFY);
            m.getHeader().unsetFlag(Flags.RD);
            m.getHeader().setFlag(Flags.AA);
            m.addRecord(z.soa, Section.ANSWER);
            byte[] wire = m.toWire();
            for (InetSocketAddress target : settings.secondaries()) {
                try {
                    udp.send(ByteBuffer.wrap(wire), target);
                } catch (IOException e) {
                    LOG.warn("dns notify to {} failed: {}", target, e.toString());
                }
            }
        });
    }

    @Override
    public void close() {
        running = false;
        notifier.shutdownNow();
        if (udp != null) {
            try {
                udp.close();
            } catch (IOException ignored) {
                // closing anyway
            }
        }
        try {
            if (tcp != null) tcp.close();
        } catch (IOException ignored) {
            // closing anyway
        }
        for (Thread t : threads) {
            try {
                t.join(2000);
            } catch (InterruptedException e) {
                Thread.currentThread().interrupt();
            }
        }
    }
}
