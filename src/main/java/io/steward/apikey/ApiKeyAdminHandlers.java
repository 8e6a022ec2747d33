package io.steward.apikey;

import static io.steward.core.Json.obj;

import io.steward.auth.AdminKeys;
import io.steward.core.StewardException;
import io.steward.web.Call;
import io.steward.web.Reply;
import java.util.Map;
import java.util.Optional;
import java.util.function.LongPredicate;

/** The admin API's client API keys: list and create per client, revoke any ({@code /clients/@id/api-keys}, {@code /api-keys/@id}). */
public final class ApiKeyAdminHandlers {
    private final ApiKeys keys;
    private final LongPredicate clientExists;

    public ApiKeyAdminHandlers(ApiKeys keys, LongPredicate clientExists) {
        this.keys = keys;
        this.clientExists = clientExists;
    }

    /** {@code GET /clients/@id/api-keys}. */
    public Object list(Call call) {
        long clientId = client(call);
        return obj("api_keys", keys.list(clientId, Optional.empty()).stream().map(ApiKeyAdminHandlers::shape).toList());
    }

    /** {@code POST /clients/@id/api-keys}: {@code name}, {@code scope}, {@code contact_id} (optional). */
    public Object create(Call call) {
        long clientId = client(call);
        var staff = call.get(AdminKeys.Staff.class);
        var created = keys.create(clientId, call.params().id("contact_id").orElse(null), call.params().string("name").orElse(null),
                call.params().string("scope").orElse(null), "staff:" + staff.ref());
        Map<String, Object> body = shape(created.key());
        body.put("key", created.plain());
        return Reply.json(201, obj("api_key", body));
    }

    /** {@code GET /api-keys/@id}. */
    public Object get(Call call) {
        return obj("api_key", shape(keys.byId(call.pathId("id"))));
    }

    /** {@code DELETE /api-keys/@id}. */
    public Object revoke(Call call) {
        return obj("api_key", shape(keys.revoke(call.pathId("id"))));
    }

    private long client(Call call) {
        long id = call.pathId("id");
        if (!clientExists.test(id)) throw StewardException.notFound("Client not found");
        return id;
    }

    static Map<String, Object> shape(ApiKey k) {
        return obj("id", k.id(), "client_id", k.clientId(), "contact_id", k.contactId(), "name", k.name(), "prefix", k.prefix(),
                "scope", k.scope(), "created_by", k.createdBy(), "created_at", io.steward.core.Times.stamp(k.createdAt()),
                "last_used_at", k.lastUsedAt() == null ? null : io.steward.core.Times.stamp(k.lastUsedAt()),
                "last_used_ip", k.lastUsedIp(), "revoked_at", k.revokedAt() == null ? null : io.steward.core.Times.stamp(k.revokedAt()));
    }
}
