package io.steward.server;

import static org.assertj.core.api.Assertions.assertThat;

import io.steward.server.FillStrategy.Candidate;
import java.util.List;
import org.junit.jupiter.api.Test;

/** How each strategy picks a server, without a database. */
class FillStrategyTest {
    private static Candidate c(long id, int accounts, Integer max) {
        return new Candidate(id, accounts, max, true);
    }

    @Test
    void least_used_picks_the_server_with_the_fewest_accounts_and_the_lowest_id_among_equals() {
        assertThat(FillStrategy.LEAST_USED.pick(List.of(c(1, 5, 10), c(2, 3, 10), c(3, 3, 10)), null)).contains(2L);
        assertThat(FillStrategy.LEAST_USED.pick(List.of(c(1, 5, null), c(2, 7, 10)), 1L)).contains(1L);
    }

    @Test
    void fill_first_fills_the_lowest_id_until_it_is_full() {
        assertThat(FillStrategy.FILL_FIRST.pick(List.of(c(2, 0, 10), c(1, 9, 10)), null)).contains(1L);
        assertThat(FillStrategy.FILL_FIRST.pick(List.of(c(2, 0, 10), c(1, 10, 10)), null)).contains(2L);
    }

    @Test
    void round_robin_takes_the_next_server_after_the_last_and_wraps_around() {
        var servers = List.of(c(1, 0, 10), c(2, 0, 10), c(3, 0, 10));
        assertThat(FillStrategy.ROUND_ROBIN.pick(servers, null)).contains(1L);
        assertThat(FillStrategy.ROUND_ROBIN.pick(servers, 1L)).contains(2L);
        assertThat(FillStrategy.ROUND_ROBIN.pick(servers, 3L)).contains(1L);
        assertThat(FillStrategy.ROUND_ROBIN.pick(List.of(c(1, 0, 10), c(2, 10, 10), c(3, 0, 10)), 1L)).as("the full one is skipped").contains(3L);
    }

    @Test
    void full_offline_and_maintenance_servers_are_skipped_and_none_left_is_empty() {
        var servers = List.of(new Candidate(1, 0, 10, false), c(2, 10, 10), c(3, 4, 10));
        for (FillStrategy s : FillStrategy.values()) assertThat(s.pick(servers, null)).as(s.code()).contains(3L);
        var none = List.of(new Candidate(1, 0, null, false), c(2, 1, 1), c(3, 0, 0));
        for (FillStrategy s : FillStrategy.values()) assertThat(s.pick(none, 2L)).as(s.code()).isEmpty();
        assertThat(FillStrategy.LEAST_USED.pick(List.of(), null)).isEmpty();
    }

    @Test
    void strategies_parse_from_their_codes_only() {
        assertThat(FillStrategy.parse("round_robin")).contains(FillStrategy.ROUND_ROBIN);
        assertThat(FillStrategy.parse("ROUND_ROBIN")).isEmpty();
        assertThat(FillStrategy.parse("random")).isEmpty();
    }
}
