package io.steward.webui.client;

/**
 * Who may see a client-area page: anyone ({@link #PUBLIC}), any signed-in client or contact
 * ({@link #SIGNED_IN}), or a contact holding a privilege ({@link #priv}), as the client API's
 * route for the same action requires. The account holder passes all. Per-service and per-domain
 * privileges are checked by the page once it has found the object, as the client API does.
 */
public record PageAccess(boolean signIn, String group, String privilege) {
    public static final PageAccess PUBLIC = new PageAccess(false, null, null);
    public static final PageAccess SIGNED_IN = new PageAccess(true, null, null);

    public static PageAccess priv(String group, String privilege) {
        return new PageAccess(true, group, privilege);
    }
}
