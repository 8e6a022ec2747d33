package io.steward.dns;

import static org.assertj.core.api.Assertions.assertThat;

import java.util.LinkedHashMap;
import java.util.Map;
import org.junit.jupiter.api.Test;

/** The NOTIFY payload of a DNS change, as text and back. */
class ChangeNoticeTest {
    @Test
    void a_notice_of_names_reads_back_as_written() {
        var changes = new LinkedHashMap<Long, String>();
        changes.put(41L, "www.example.com");
        changes.put(42L, "example.com");
        var n = new ChangeNotice("a1b2", true, 7, changes);
        assertThat(n.payload()).isEqualTo("a1b2|1|7|41:www.example.com,42:example.com");
        var back = ChangeNotice.parse(n.payload());
        assertThat(back.node()).isEqualTo("a1b2");
        assertThat(back.appliedByNode()).isTrue();
        assertThat(back.zoneId()).isEqualTo(7);
        assertThat(back.changes()).containsExactly(Map.entry(41L, "www.example.com"), Map.entry(42L, "example.com"));
        assertThat(back.wholeZone()).isFalse();
    }

    @Test
    void a_whole_zone_change_has_a_row_without_a_name() {
        var changes = new LinkedHashMap<Long, String>();
        changes.put(9L, null);
        var back = ChangeNotice.parse(new ChangeNotice("n", false, 3, changes).payload());
        assertThat(back.changes()).containsKey(9L);
        assertThat(back.wholeZone()).isTrue();
        assertThat(back.appliedByNode()).isFalse();
    }

    @Test
    void a_notice_too_long_for_notify_asks_for_the_whole_zone_and_foreign_payloads_are_ignored() {
        var changes = new LinkedHashMap<Long, String>();
        for (long i = 0; i < 200; i++) changes.put(i, "a-rather-long-label-" + i + ".sub.example.com");
        String payload = new ChangeNotice("n", true, 5, changes).payload();
        assertThat(payload.length()).isLessThanOrEqualTo(ChangeNotice.MAX);
        var back = ChangeNotice.parse(payload);
        assertThat(back.wholeZone()).isTrue();
        assertThat(back.appliedByNode()).as("the node applied only names; the whole zone is for everyone").isFalse();

        assertThat(ChangeNotice.parse("hello")).isNull();
        assertThat(ChangeNotice.parse("n|1|x|")).isNull();
        assertThat(ChangeNotice.parse(null)).isNull();
    }
}
