package io.steward.apikey;

import static io.steward.core.Json.obj;

import io.steward.account.Actor;
import io.steward.core.Times;
import io.steward.web.Call;
import io.steward.web.Reply;
import java.util.List;
import java.util.Map;
import java.util.Optional;

/**
 * The client API's API-key endpoints ({@code /apikeys}, ours: the references have none), in the
 * client API's style: lower-case keys, string ids. The account holder manages every key of the
 * account; a contact creates keys for itself (carrying its own privileges) and sees and revokes
 * only those.
 */
public final class ApiKeyClientHandlers {
    private final ApiKeys keys;

    public ApiKeyClientHandlers(ApiKeys keys) {
        this.keys = keys;
    }

    /** {@code GET /apikeys}. */
    public Object list(Call call) {
        Actor a = call.get(Actor.class);
        return obj("apikeys", keys.list(a.clientId(), own(a)).stream().map(ApiKeyClientHandlers::shape).toList());
    }

    /** {@code POST /apikeys}: {@code name}, {@code scope} (read-only, the default, or read-write). */
    public Object create(Call call) {
        Actor a = call.get(Actor.class);
        var created = keys.create(a.clientId(), a.contactId(), call.params().string("name").orElse(null),
                call.params().string("scope").orElse(null), a.isHolder() ? "client" : "contact:" + a.contactId());
        Map<String, Object> key = shape(created.key());
        key.put("key", created.plain());
        return Reply.json(201, obj("success", true, "info", List.of("apikey_created"), "apikey", key));
    }

    /** {@code GET /apikeys/@id}. */
    public Object get(Call call) {
        Actor a = call.get(Actor.class);
        return obj("apikey", shape(keys.get(a.clientId(), own(a), call.pathId("id"))));
    }

    /** {@code DELETE /apikeys/@id}: the key stops working at once. */
    public Object revoke(Call call) {
        Actor a = call.get(Actor.class);
        var k = keys.revoke(a.clientId(), own(a), call.pathId("id"));
        return obj("success", true, "info", List.of("apikey_revoked"), "apikey", shape(k));
    }

    private static Optional<Long> own(Actor a) {
        return a.isHolder() ? Optional.empty() : Optional.of(a.contactId());
    }

    static Map<String, Object> shape(ApiKey k) {
        return obj("id", Long.toString(k.id()), "name", k.name(), "prefix", k.prefix(), "scope", k.scope(),
                "contact_id", k.contactId() == null ? "0" : Long.toString(k.contactId()), "created", Times.stamp(k.createdAt()),
                "lastused", Times.stamp(k.lastUsedAt()), "lastused_ip", k.lastUsedIp() == null ? "" : k.lastUsedIp(),
                "status", k.revoked() ? "Revoked" : "Active", "revoked", Times.stamp(k.revokedAt()));
    }
}
