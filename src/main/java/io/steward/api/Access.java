package io.steward.api;

/**
 * Who may call a client-API route: anyone ({@link #PUBLIC}), anyone with or without credentials
 * who is authenticated if they present some ({@link #OPTIONAL}), any logged-in client or contact
 * ({@link #ANY}), a contact holding a privilege ({@link #priv}), or a contact holding a privilege
 * on the one service or domain the route names ({@link #onObject}). The account holder passes all.
 */
public record Access(Level level, String group, String privilege) {
    public enum Level { PUBLIC, OPTIONAL, AUTHENTICATED }

    public static final Access PUBLIC = new Access(Level.PUBLIC, null, null);
    public static final Access OPTIONAL = new Access(Level.OPTIONAL, null, null);
    public static final Access ANY = new Access(Level.AUTHENTICATED, null, null);

    public static Access priv(String group, String privilege) {
        return new Access(Level.AUTHENTICATED, group, privilege);
    }

    /**
     * A privilege on one object of a scope ({@code services}, {@code domains}). The route lets any
     * caller through; the handler checks the privilege once it has found the object (so another
     * client's object is 404, not 403), with {@code Actor.requireService} / {@code requireDomain}.
     */
    public static Access onObject(String scope, String privilege) {
        if (!scope.equals("services") && !scope.equals("domains")) throw new IllegalArgumentException("unknown object scope " + scope);
        return new Access(Level.AUTHENTICATED, scope, privilege);
    }

    /** Checked per object by the handler, not by the route. */
    public boolean objectScoped() {
        return "services".equals(group) || "domains".equals(group);
    }
}
