package io.steward.api;

/**
 * Who may call a client-API route: anyone ({@link #PUBLIC}), anyone with or without credentials
 * who is authenticated if they present some ({@link #OPTIONAL}), any logged-in client or contact
 * ({@link #ANY}), or a contact holding a privilege ({@link #priv}). The account holder passes all.
 */
public record Access(Level level, String group, String privilege) {
    public enum Level { PUBLIC, OPTIONAL, AUTHENTICATED }

    public static final Access PUBLIC = new Access(Level.PUBLIC, null, null);
    public static final Access OPTIONAL = new Access(Level.OPTIONAL, null, null);
    public static final Access ANY = new Access(Level.AUTHENTICATED, null, null);

    public static Access priv(String group, String privilege) {
        return new Access(Level.AUTHENTICATED, group, privilege);
    }
}
