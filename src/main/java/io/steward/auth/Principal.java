package io.steward.auth;

/**
 * Who a verified request comes from: a login (the account holder's, or a contact's), and for
 * token-based calls the session the token belongs to (null for Basic auth).
 */
public record Principal(long loginId, long clientId, Long contactId, String sessionId, boolean totpEnabled) {
    public boolean isContact() {
        return contactId != null;
    }
}
