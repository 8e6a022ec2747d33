package io.steward.auth;

/**
 * What auth asks of the account feature without knowing its tables: whether an owner may log in
 * at all (a closed account may not), and that a login happened (to stamp last-login details).
 */
public interface LoginHooks {
    boolean mayLogIn(long clientId, Long contactId);

    void loggedIn(long clientId, Long contactId, String ip);
}
