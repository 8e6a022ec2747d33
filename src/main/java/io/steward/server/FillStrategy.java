package io.steward.server;

import java.util.Arrays;
import java.util.Comparator;
import java.util.List;
import java.util.Locale;
import java.util.Optional;

/**
 * How a server group chooses the server for a new account. Pure: it sees the group's servers and
 * where round robin left off, and answers a server; the caller holds the group's lock.
 */
public enum FillStrategy {
    /** The server holding the fewest accounts (the lowest id among equals): spreads load evenly. */
    LEAST_USED,
    /** The first server (by id) with room: fills one server before starting the next. */
    FILL_FIRST,
    /** The next server with room after the one chosen last, wrapping around. */
    ROUND_ROBIN;

    /**
     * One server as the strategy sees it.
     *
     * @param maxAccounts null: no limit
     * @param available   active and not in maintenance
     */
    public record Candidate(long serverId, int accounts, Integer maxAccounts, boolean available) {
        public boolean hasRoom() {
            return available && (maxAccounts == null || accounts < maxAccounts);
        }
    }

    public String code() {
        return name().toLowerCase(Locale.ROOT);
    }

    public static Optional<FillStrategy> parse(String code) {
        return Arrays.stream(values()).filter(s -> s.code().equals(code)).findFirst();
    }

    /** The server for the next account, or empty when every server is full, offline or in maintenance. */
    public Optional<Long> pick(List<Candidate> servers, Long lastServerId) {
        List<Candidate> open = servers.stream().filter(Candidate::hasRoom).sorted(Comparator.comparingLong(Candidate::serverId)).toList();
        if (open.isEmpty()) return Optional.empty();
        return Optional.of(switch (this) {
            case LEAST_USED -> open.stream().min(Comparator.comparingInt(Candidate::accounts).thenComparingLong(Candidate::serverId))
                    .orElseThrow().serverId();
            case FILL_FIRST -> open.get(0).serverId();
            case ROUND_ROBIN -> open.stream().filter(c -> lastServerId == null || c.serverId() > lastServerId).findFirst()
                    .orElse(open.get(0)).serverId();
        });
    }
}
