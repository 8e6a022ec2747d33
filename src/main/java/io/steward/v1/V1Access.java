package io.steward.v1;

/**
 * Who may call a services-API route: anyone ({@link #PUBLIC}), any authenticated caller
 * ({@link #READ}), a caller whose key may change things ({@link #WRITE}: a read-write key or a
 * client API token), a contact holding a privilege ({@link #priv}), or a contact holding a
 * privilege on the one service the route names ({@link #onService}: checked by the handler once
 * it found the service, so another client's is 404, not 403). The account holder holds every privilege.
 */
public record V1Access(boolean isPublic, boolean write, String group, String privilege, boolean onService) {
    public static final V1Access PUBLIC = new V1Access(true, false, null, null, false);
    public static final V1Access READ = new V1Access(false, false, null, null, false);

    public static V1Access priv(String group, String privilege) {
        return new V1Access(false, false, group, privilege, false);
    }

    public static V1Access onService(String privilege, boolean write) {
        return new V1Access(false, write, "services", privilege, true);
    }
}
