package io.steward.dns;

import java.util.Arrays;
import java.util.concurrent.ConcurrentHashMap;

/**
 * Answers to repeated UDP questions, as wire bytes: a query whose bytes after the ID match an
 * earlier one (same flags, question in the same case, same EDNS size) gets the earlier answer with
 * its own ID, without parsing or building a message. Every change to the in-memory zones moves
 * {@link ZoneCache#generation()}, and an entry made under an older generation is not used, so the
 * cache never answers from before a change. Bounded: cleared when it holds {@link #MAX} entries.
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

    private record Entry(long generation, byte[] answer, long freshUntil) {}

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
        if (e == null || e.generation() != zones.generation()) return null;
        if (e.freshUntil() != Long.MAX_VALUE && clock.millis() >= e.freshUntil()) return null;
        byte[] out = e.answer().clone();
        out[0] = query[0];
        out[1] = query[1];
        return out;
    }

    /** Keeps an answer computed while the zones were at {@code generation} (read before answering). */
    void put(byte[] query, int length, byte[] answer, long generation) {
        put(query, length, answer, generation, Long.MAX_VALUE);
    }

    /** Keeps an answer whose signatures are due to be made again at {@code freshUntil} (signer's clock, ms). */
    void put(byte[] query, int length, byte[] answer, long generation, long freshUntil) {
        if (length < 12 || answer == null || answer.length < 12) return;
        if (entries.size() >= MAX) entries.clear();
        entries.put(Key.of(query, length), new Entry(generation, answer, freshUntil));
    }
}
