package io.steward.notification;

import static io.steward.core.Json.obj;

import io.steward.account.Actor;
import io.steward.core.StewardException;
import io.steward.core.Times;
import io.steward.web.Call;
import java.util.List;
import java.util.Map;

/** The client API's {@code /notifications} handlers (ids as strings, timestamps as the references write them). */
public final class NotificationHandlers {
    private final NotificationService notifications;

    public NotificationHandlers(NotificationService notifications) {
        this.notifications = notifications;
    }

    public Object list(Call call) {
        return listing(call, false);
    }

    public Object listNew(Call call) {
        return listing(call, true);
    }

    private Object listing(Call call, boolean onlyNew) {
        var p = call.params();
        String relType = p.string("rel_type").map(String::trim).filter(s -> !s.isEmpty()).orElse(null);
        Long relId = p.id("rel_id").orElse(null);
        var list = notifications.list(call.get(Actor.class), onlyNew, relType, relId);
        return obj("notifications", list.stream().map(NotificationHandlers::shape).toList());
    }

    public Object ack(Call call) {
        var n = notifications.ack(call.get(Actor.class), call.pathId("id"));
        return obj("success", true, "info", List.of("notification_acknowledged"), "notification", shape(n));
    }

    static Map<String, Object> shape(Notification n) {
        return obj("id", Long.toString(n.id()), "rel_type", n.relType(), "rel_id", Long.toString(n.relId()),
                "subject", n.subject(), "message", n.message(), "date", Times.stamp(n.createdAt()),
                "seen", n.ackedAt() == null ? "0" : "1",
                "date_seen", n.ackedAt() == null ? Times.NEVER : Times.stamp(n.ackedAt()));
    }
}
