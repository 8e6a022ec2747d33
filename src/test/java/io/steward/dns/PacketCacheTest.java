package io.steward.dns;

import static org.assertj.core.api.Assertions.assertThat;

import java.util.List;
import org.junit.jupiter.api.Test;

/** Cached UDP answers carry the asking query's ID and are never used after a change to their zone. */
class PacketCacheTest {
    @Test
    void a_repeated_question_gets_the_answer_with_its_own_id_until_the_zones_change() {
        var zones = new ZoneCache("127.0.0.1", null);
        var cache = new PacketCache(zones);
        byte[] query = {0x12, 0x34, 1, 0, 0, 1, 0, 0, 0, 0, 0, 0, 1, 'a', 0, 0, 1, 0, 1};
        byte[] answer = query.clone();
        answer[2] = (byte) 0x85;
        cache.put(query, query.length, answer, cache.stamp(query, query.length));

        byte[] again = query.clone();
        again[0] = 0x56;
        again[1] = 0x78;
        byte[] hit = cache.get(again, again.length);
        assertThat(hit).isNotNull();
        assertThat(hit[0]).isEqualTo((byte) 0x56);
        assertThat(hit[1]).isEqualTo((byte) 0x78);
        assertThat(hit[2]).isEqualTo((byte) 0x85);

        byte[] otherCase = again.clone();
        otherCase[13] = 'A';
        assertThat(cache.get(otherCase, otherCase.length)).as("the question's case is part of the key").isNull();

        zones.replace(1, null, List.of());
        assertThat(cache.get(again, again.length)).as("after a change").isNull();
    }

    private static byte[] question(String label) {
        var out = new java.io.ByteArrayOutputStream();
        out.writeBytes(new byte[] {0x12, 0x34, 1, 0, 0, 1, 0, 0, 0, 0, 0, 0});
        for (String l : (label + ".example").split("\\.")) {
            out.write(l.length());
            out.writeBytes(l.getBytes(java.nio.charset.StandardCharsets.US_ASCII));
        }
        out.writeBytes(new byte[] {0, 0, 1, 0, 1});
        return out.toByteArray();
    }

    private static Zone zone(long id, String name) {
        return new Zone(id, 1, null, name, 2026120700L, false);
    }

    private static DnsRecord soa(long zoneId, String name) {
        return new DnsRecord(1, zoneId, name, "SOA", 3600, 0, "ns1.steward.test hostmaster.steward.test 3600 600 1209600 300");
    }

    @Test
    void a_change_to_one_zone_leaves_the_cached_answers_of_other_zones_in_use() {
        var zones = new ZoneCache("127.0.0.1", null);
        zones.replace(1, zone(1, "a.example"), List.of(soa(1, "a.example")));
        zones.replace(2, zone(2, "b.example"), List.of(soa(2, "b.example")));
        var cache = new PacketCache(zones);
        byte[] inA = question("www.a");
        byte[] inB = question("www.b");
        cache.put(inA, inA.length, inA.clone(), cache.stamp(inA, inA.length));
        cache.put(inB, inB.length, inB.clone(), cache.stamp(inB, inB.length));

        var www = new DnsRecord(2, 1, "www.a.example", "A", 300, 0, "192.0.2.1");
        zones.refresh(zone(1, "a.example"), List.of("www.a.example"), List.of(www));

        assertThat(cache.get(inA, inA.length)).as("the changed zone's answer").isNull();
        assertThat(cache.get(inB, inB.length)).as("another zone's answer").isNotNull();

        zones.replace(3, zone(3, "c.example"), List.of(soa(3, "c.example")));
        assertThat(cache.get(inB, inB.length)).as("after a zone was added, every answer is recomputed").isNull();
    }

    @Test
    void an_nxdomain_answer_is_not_kept_and_a_noerror_one_for_the_same_question_is() {
        var zones = new ZoneCache("127.0.0.1", null);
        var cache = new PacketCache(zones);
        byte[] query = question("random-name");
        byte[] nxdomain = query.clone();
        nxdomain[2] = (byte) 0x85;
        nxdomain[3] = 0x03;
        cache.put(query, query.length, nxdomain, cache.stamp(query, query.length));
        assertThat(cache.get(query, query.length)).isNull();
        byte[] noerror = nxdomain.clone();
        noerror[3] = 0x00;
        cache.put(query, query.length, noerror, cache.stamp(query, query.length));
        assertThat(cache.get(query, query.length)).isNotNull();
    }
}
