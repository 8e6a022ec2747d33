package io.steward.dns;

import static org.assertj.core.api.Assertions.assertThat;

import java.util.List;
import org.junit.jupiter.api.Test;

/** Cached UDP answers carry the asking query's ID and are never used after a change to the zones. */
class PacketCacheTest {
    @Test
    void a_repeated_question_gets_the_answer_with_its_own_id_until_the_zones_change() {
        var zones = new ZoneCache("127.0.0.1", null);
        var cache = new PacketCache(zones);
        byte[] query = {0x12, 0x34, 1, 0, 0, 1, 0, 0, 0, 0, 0, 0, 1, 'a', 0, 0, 1, 0, 1};
        byte[] answer = query.clone();
        answer[2] = (byte) 0x85;
        cache.put(query, query.length, answer, zones.generation());

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
}
