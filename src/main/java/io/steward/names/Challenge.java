package io.steward.names;

import java.time.LocalDateTime;

/**
 * What a client must show to prove control of a name Steward does not register.
 *
 * @param token    the value to publish as TXT at {@code _steward-challenge.<name>}
 * @param nsBefore the name was already delegated to Steward's nameservers when this was issued,
 *                 so the delegation cannot prove who made it
 */
public record Challenge(long id, long clientId, String name, String token, boolean nsBefore, LocalDateTime createdAt) {
    public static final String PREFIX = "_steward-challenge.";

    public String txtName() { return PREFIX + name; }
}
