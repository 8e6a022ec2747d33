package io.steward.dns;

import java.util.Arrays;
import java.util.concurrent.ConcurrentHashMap;
import org.xbill.DNS.DNSInput;
import org.xbill.DNS.Name;

/**
 * Answers to repeated UDP questions, as wire bytes: a query whose bytes after the ID match an
 * earlier one (same flags, question in the same case, same EDNS size) gets the earlier answer with
 * its own ID, without parsing or building a message. An answer depends only on the zone the
 * question falls in (CNAMEs are chased within the zone, glue comes from it) and on which zones
 * exist, so an entry remembers both generations ({@link #stamp}, read before answering): a change
 * to a zone makes only that zone's entries unusable, a zone loaded or dropped all of them. The
 * cache never answers from before a change. Bounded: cleared when it holds {@link #MAX} entries.
 * NXDOMAIN answers are not kept.
 */
final class PacketCache {
    static final int MAX = 100_000;

    private record Key(byte[] bytes, int hash) {
        static Key of(byte[] query, int length) {
            byte[] b = Arrays.copyOfRange(query, 2, length);
            return new Key(b, Arrays.hashCode(b));
        }

        @Override public boolean equals(Object o) { return o instanceof Key k && k.hash == hash && Arrays.equals(k.bytes, bytes); }

        @Override public int hashCode() { return hash; }
    }

    /** The generations an answer was computed under: of the set of zones, and of its zone (null: none). */
    record Stamp(long zones, ZoneCache.ZoneData zone, long zoneGeneration) {}

    private record Entry(Stamp stamp, byte[] answer, long freshUntil) {}

    private final ConcurrentHashMap<Key, Entry> entries = new ConcurrentHashMap<>();
    private final ZoneCache zones;
    private final java.time.Clock clock;

    PacketCache(ZoneCache zones) {
        this(zones, java.time.Clock.systemUTC());
    }

    /** {@code clock} is the signers' clock: a signed answer is not reused once its signatures are due to be made again. */
    PacketCache(ZoneCache zones, java.time.Clock clock) {
        this.zones = zones;
        this.clock = clock;
    }

    /** The cached answer with the query's ID, or null. */
    byte[] get(byte[] query, int length) {
        if (length < 12) return null;
        Entry e = entries.get(Key.of(query, length));
        if (e == null || !current(e.stamp())) return null;
        if (e.freshUntil() != Long.MAX_VALUE && clock.millis() >= e.freshUntil()) return null;
        byte[] out = e.answer().clone();
        out[0] = query[0];
        out[1] = query[1];
        return out;
    }

    private boolean current(Stamp s) {
        return s.zones() == zones.generation() && (s.zone() == null || s.zone().generation.get() == s.zoneGeneration());
    }

    /**
     * The generations to keep an answer under: read before the answer is computed, so an answer
     * racing a change is never kept as current. The zone is the one the question's name falls in.
     */
    Stamp stamp(byte[] query, int length) {
        long all = zones.generation();
        ZoneCache.ZoneData zone = null;
        if (length > 12 && ((query[4] & 0xff) << 8 | (query[5] & 0xff)) == 1) {
            try {
                var in = new DNSInput(Arrays.copyOf(query, length));
                in.jump(12);
                zone = zones.find(new Name(in));
            } catch (java.io.IOException | RuntimeException e) {
                zone = null; // not a name: the answer (FORMERR) depends on no zone
            }
        }
        return new Stamp(all, zone, zone == null ? 0 : zone.generation.get());
    }

    /** Keeps an answer computed under {@code stamp}. */
    void put(byte[] query, int length, byte[] answer, Stamp stamp) {
        put(query, length, answer, stamp, Long.MAX_VALUE);
    }

    /** Keeps an answer computed under {@code stamp} whose signatures are due to be made again at {@code freshUntil} (signer's clock, ms). */
    void put(byte[] query, int length, byte[] answer, Stamp stamp, long freshUntil) {
        if (length < 12 || answer == null || answer.length < 12) return;
        // A name that does not exist is, in bulk, a random one (a scan or a random-subdomain
        // flood): it will not be asked again, and keeping it would only push out answers that will.
        if ((answer[3] & 0x0f) == org.xbill.DNS.Rcode.NXDOMAIN) return;
        if (entries.size() >= MAX) entries.clear();
        entries.put(Key.of(query, length), new Entry(stamp, answer, freshUntil));
    }
}
