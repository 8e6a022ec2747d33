package io.steward.names;

import java.time.LocalDateTime;

/**
 * A client's hold on a name (and every name below it that nobody holds more specifically).
 *
 * @param name   lower case, ASCII, without the trailing dot
 * @param method how the client got it: {@link #REGISTRATION}, {@link #TXT}, {@link #NS} or {@link #STAFF}
 */
public record Claim(long id, long clientId, String name, String method, LocalDateTime createdAt) {
    /** The domain was registered or transferred in through Steward. */
    public static final String REGISTRATION = "registration";
    /** The client published its challenge token as TXT at {@code _steward-challenge.<name>}. */
    public static final String TXT = "txt";
    /** The name was delegated to Steward's nameservers after the client's challenge was issued. */
    public static final String NS = "ns";
    /** Staff gave the name to the client. */
    public static final String STAFF = "staff";
}
