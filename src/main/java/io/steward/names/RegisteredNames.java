package io.steward.names;

import java.util.List;

/**
 * The domain feature's answer to "who owns this registered domain": the names feature asks it
 * before anything else, so Steward's own registration records beat any proof through DNS.
 */
public interface RegisteredNames {
    /** A domain Steward's registry holds for a client. */
    record Holding(String domain, long clientId) {}

    /**
     * Domains held for a client (Active, or Expired while Steward still holds them) that are
     * {@code name}, a parent of it or below it.
     */
    List<Holding> overlapping(String name);

    /** Every domain held for a client (Active first, then Expired), for the start-up reconciliation. */
    List<Holding> all();

    /** Whether {@code name} is a TLD of Steward's catalog (it can never be claimed). */
    boolean isTld(String name);

    RegisteredNames NONE = new RegisteredNames() {
        @Override public List<Holding> overlapping(String name) { return List.of(); }

        @Override public List<Holding> all() { return List.of(); }

        @Override public boolean isTld(String name) { return false; }
    };
}
