package io.steward.staff;

import static io.steward.core.Json.obj;

import io.steward.auth.AdminKeys;
import io.steward.auth.Totp;
import io.steward.core.StewardException;
import io.steward.core.Times;
import io.steward.web.Call;
import io.steward.web.Params;
import io.steward.web.Reply;
import java.util.List;
import java.util.Map;
import java.util.TreeSet;

/** Staff handlers for {@code /admin/api/login}, {@code /logout}, {@code /me}, {@code /staff…}, {@code /staff-roles…}, {@code /audit}. */
public final class StaffAdminHandlers {
    private static final String ISSUER = "Steward";

    private final StaffAccounts accounts;
    private final StaffRoles roles;
    private final StaffSignIn signIn;
    private final StaffAudit audit;

    StaffAdminHandlers(StaffAccounts accounts, StaffRoles roles, StaffSignIn signIn, StaffAudit audit) {
        this.accounts = accounts;
        this.roles = roles;
        this.signIn = signIn;
        this.audit = audit;
    }

    /** {@code POST /login}: {@code username}, {@code password}, {@code totp} → a bearer token. */
    public Object login(Call call) {
        Params p = call.params();
        var result = signIn.signIn(p.required("username"), p.required("password"), p.string("totp").orElse(null), call.ip(), "api");
        return obj("token", result.token().token(), "token_type", "Bearer", "expires_at", Times.stamp(result.token().expiresAt()),
                "staff", shape(result.account()));
    }

    /** {@code POST /logout}: ends the token the call came with. */
    public Object logout(Call call) {
        var staff = call.get(AdminKeys.Staff.class);
        if (staff.isKey()) throw StewardException.badRequest("An admin API key is not a sign-in; only staff tokens can be signed out");
        signIn.signOut(staff.keyId());
        return obj("revoked", true);
    }

    /** {@code GET /me}: who the caller is and what their role grants. */
    public Object me(Call call) {
        var staff = call.get(AdminKeys.Staff.class);
        var me = obj("kind", staff.isKey() ? "key" : "staff", "id", staff.isKey() ? staff.keyId() : staff.accountId(),
                "name", staff.name(), "permissions", new TreeSet<>(staff.grants()).stream().toList());
        if (!staff.isKey()) me.put("staff", shape(accounts.get(staff.accountId())));
        return obj("me", me);
    }

    public Object list(Call call) {
        return obj("staff", accounts.list().stream().map(StaffAdminHandlers::shape).toList());
    }

    /** {@code POST /staff}: {@code username}, {@code password}, {@code name}, {@code role}, {@code totp} (a seed made and shown once). */
    public Object create(Call call) {
        Params p = call.params();
        var created = accounts.create(p.required("username"), p.string("name").orElse(null), p.required("password"),
                p.string("role").orElse(null), p.flag("totp", false));
        var body = obj("staff", shape(created.account()));
        created.totpSecret().ifPresent(seed -> {
            body.put("totp_secret", seed);
            body.put("totp_uri", Totp.uri(ISSUER, created.account().username(), seed));
        });
        return Reply.json(201, body);
    }

    public Object get(Call call) {
        return obj("staff", shape(accounts.get(call.pathId("id"))));
    }

    /** {@code PUT /staff/@id}: any of {@code name}, {@code password}, {@code role}, {@code enabled}. */
    public Object update(Call call) {
        Params p = call.params();
        var changes = new StaffAccounts.Changes(p.string("name").orElse(null), p.string("password").orElse(null),
                p.string("role").orElse(null), p.optionalFlag("enabled").orElse(null));
        return obj("staff", shape(accounts.update(call.pathId("id"), changes)));
    }

    /** {@code POST /staff/@id/totp}: a new second-factor seed, shown once; the account's tokens end. */
    public Object resetTotp(Call call) {
        long id = call.pathId("id");
        String seed = accounts.resetTotp(id);
        var account = accounts.get(id);
        return obj("staff", shape(account), "totp_secret", seed, "totp_uri", Totp.uri(ISSUER, account.username(), seed));
    }

    public Object disableTotp(Call call) {
        return obj("staff", shape(accounts.disableTotp(call.pathId("id"))));
    }

    public Object revokeTokens(Call call) {
        long id = call.pathId("id");
        accounts.get(id);
        return obj("revoked", accounts.revokeTokens(id));
    }

    public Object roles(Call call) {
        return obj("roles", roles.list().stream().map(StaffAdminHandlers::shape).toList());
    }

    /** {@code POST /staff-roles}: {@code name}, {@code description}, {@code permissions} (a list). */
    public Object createRole(Call call) {
        Params p = call.params();
        return Reply.json(201, obj("role", shape(roles.create(p.required("name"), p.string("description").orElse(null),
                p.list("permissions").orElse(null)))));
    }

    public Object role(Call call) {
        return obj("role", shape(roles.get(call.pathId("id"))));
    }

    public Object updateRole(Call call) {
        Params p = call.params();
        return obj("role", shape(roles.update(call.pathId("id"), p.string("name").orElse(null), p.string("description").orElse(null),
                p.list("permissions").orElse(null))));
    }

    public Object deleteRole(Call call) {
        roles.delete(call.pathId("id"));
        return obj("deleted", true);
    }

    /** {@code GET /audit}: filters {@code actor_kind}, {@code actor_id}, {@code actor}, {@code action}, {@code object_type}, {@code object_id}, {@code from}, {@code to}, {@code before}, {@code limit}. */
    public Object audit(Call call) {
        Params p = call.params();
        String kind = p.string("actor_kind").orElse(null);
        if (kind != null && !List.of("key", "staff", "anon").contains(kind)) {
            throw StewardException.invalid(Map.of("actor_kind", List.of("One of key, staff, anon")));
        }
        var filter = new StaffAudit.Filter(kind, p.id("actor_id").orElse(null), p.string("actor").orElse(null),
                p.string("action").orElse(null), p.string("object_type").orElse(null), p.string("object_id").orElse(null),
                p.date("from").orElse(null), p.date("to").orElse(null), p.id("before").orElse(null), p.intValue("limit", 100, 1, 500));
        return obj("audit", audit.list(filter).stream().map(e -> obj("id", e.id(), "at", Times.stamp(e.at()),
                "actor_kind", e.actor().kind(), "actor_id", e.actor().id(), "actor", e.actor().name(), "ip", e.ip(),
                "action", e.action(), "path", e.path(), "object_type", e.objectType(), "object_id", e.objectId(),
                "status", e.status(), "detail", e.detail())).toList());
    }

    static Map<String, Object> shape(StaffAccounts.Account a) {
        return obj("id", a.id(), "username", a.username(), "name", a.name(), "role", a.role(), "role_id", a.roleId(),
                "enabled", a.enabled(), "totp_enabled", a.totpEnabled(), "created_at", Times.stamp(a.createdAt()),
                "last_login_at", a.lastLoginAt() == null ? null : Times.stamp(a.lastLoginAt()));
    }

    static Map<String, Object> shape(StaffRoles.Role r) {
        return obj("id", r.id(), "name", r.name(), "description", r.description(), "permissions", r.permissions(), "builtin", r.builtin());
    }
}
