package io.steward.status;

import static io.steward.core.Json.obj;

import io.steward.account.Actor;
import io.steward.core.Times;
import io.steward.web.Call;
import io.steward.web.Params;
import io.steward.web.Reply;
import java.util.Map;

/**
 * The status page in both dialects: the client API's {@code /statuses} (ids as strings, as the
 * references' family speaks) and the admin API's {@code /statuses} (ids as numbers).
 */
public final class StatusHandlers {
    private final StatusService statuses;

    public StatusHandlers(StatusService statuses) {
        this.statuses = statuses;
    }

    // Client API.

    /** {@code GET /statuses}: every entry, or those with {@code status} (a status name, active or resolved). */
    public Object list(Call call) {
        long clientId = call.get(Actor.class).clientId();
        return obj("statuses", statuses.list(call.params().string("status").orElse(null)).stream()
                .map(e -> clientShape(e, statuses.affects(clientId, e), false)).toList());
    }

    /** {@code GET} and {@code PUT /statuses/@id}: the entry with its updates (PUT answers the same, as the reference documents it). */
    public Object get(Call call) {
        var e = statuses.get(call.pathId("id"));
        return obj("status", clientShape(e, statuses.affects(call.get(Actor.class).clientId(), e), true));
    }

    private static Map<String, Object> clientShape(StatusEvent e, boolean affectsMe, boolean withUpdates) {
        var m = obj("id", Long.toString(e.id()), "type", e.type(), "title", e.title(), "description", e.description(), "status", e.status(),
                "date", Times.stamp(e.createdAt()), "start", Times.stamp(e.startsAt()), "end", e.endsAt() == null ? "" : Times.stamp(e.endsAt()),
                "lastupdate", Times.stamp(e.updatedAt()), "affected", affectsMe ? "1" : "0");
        if (withUpdates) {
            m.put("updates", e.updates().stream().map(u -> obj("id", Long.toString(u.id()), "status", u.status(), "message", u.message(),
                    "date", Times.stamp(u.createdAt()))).toList());
        }
        return m;
    }

    // Admin API.

    public Object adminList(Call call) {
        return obj("statuses", statuses.list(call.params().string("status").orElse(null)).stream().map(StatusHandlers::adminShape).toList());
    }

    public Object adminGet(Call call) {
        return obj("status", adminShape(statuses.get(call.pathId("id"))));
    }

    public Object create(Call call) {
        Params p = call.params();
        var changed = statuses.create(input(p), notify(p));
        return Reply.json(201, obj("status", adminShape(changed.event()), "notified", changed.notified()));
    }

    public Object update(Call call) {
        return obj("status", adminShape(statuses.update(call.pathId("id"), input(call.params()))));
    }

    public Object postUpdate(Call call) {
        Params p = call.params();
        var changed = statuses.postUpdate(call.pathId("id"), p.string("status").orElse(null), p.string("message").orElse(null), notify(p));
        return Reply.json(201, obj("status", adminShape(changed.event()), "notified", changed.notified()));
    }

    public Object delete(Call call) {
        statuses.delete(call.pathId("id"));
        return obj("deleted", true);
    }

    private static StatusService.Input input(Params p) {
        return new StatusService.Input(p.string("type").orElse(null), p.string("title").orElse(null), p.string("description").orElse(null),
                p.string("status").orElse(null), p.string("starts_at").orElse(null), p.string("ends_at").orElse(null),
                p.list("product_ids").orElse(null), p.list("servers").orElse(null));
    }

    private static boolean notify(Params p) {
        return p.flag("notify", true);
    }

    static Map<String, Object> adminShape(StatusEvent e) {
        return obj("id", e.id(), "type", e.type(), "title", e.title(), "description", e.description(), "status", e.status(),
                "starts_at", Times.stamp(e.startsAt()), "ends_at", e.endsAt() == null ? null : Times.stamp(e.endsAt()),
                "resolved_at", e.resolvedAt() == null ? null : Times.stamp(e.resolvedAt()),
                "product_ids", e.productIds().stream().sorted().toList(), "servers", e.servers().stream().sorted().toList(),
                "updates", e.updates().stream().map(u -> obj("id", u.id(), "status", u.status(), "message", u.message(),
                        "created_at", Times.stamp(u.createdAt()))).toList(),
                "created_at", Times.stamp(e.createdAt()), "updated_at", Times.stamp(e.updatedAt()));
    }
}
