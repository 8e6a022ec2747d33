package io.steward.server;

import java.time.LocalDateTime;

/**
 * A server of the inventory: where accounts are made, through its module instance (whose sealed
 * settings hold the credentials).
 *
 * @param accounts the accounts it holds now (placed services not yet terminated)
 */
public record Server(long id, String name, String hostname, Long groupId, long moduleInstanceId, Integer maxAccounts, Integer cpuCores,
                     Integer ramMb, Integer diskGb, String status, boolean maintenance, int accounts, LocalDateTime createdAt,
                     LocalDateTime updatedAt) {
    public static final String ACTIVE = "active";
    public static final String OFFLINE = "offline";

    public FillStrategy.Candidate candidate() {
        return new FillStrategy.Candidate(id, accounts, maxAccounts, status.equals(ACTIVE) && !maintenance);
    }
}
