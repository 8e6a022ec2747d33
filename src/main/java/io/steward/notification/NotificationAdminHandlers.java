package io.steward.notification;

import static io.steward.core.Json.obj;

import io.steward.core.StewardException;
import io.steward.core.Times;
import io.steward.web.Call;
import io.steward.web.Reply;
import java.util.List;
import java.util.Locale;
import java.util.Map;

/** The admin API's broadcasts: send one to all clients, or to the clients of a product or server; list them. */
public final class NotificationAdminHandlers {
    private final Broadcasts broadcasts;

    public NotificationAdminHandlers(Broadcasts broadcasts) {
        this.broadcasts = broadcasts;
    }

    public Object send(Call call) {
        var p = call.params();
        boolean mail = switch (p.string("mail").map(s -> s.trim().toLowerCase(Locale.ROOT)).orElse("")) {
            case "", "false", "0", "no" -> false;
            case "true", "1", "yes" -> true;
            default -> throw StewardException.invalid(Map.of("mail", List.of("must be true or false")));
        };
        var b = broadcasts.send(new Broadcasts.Request(p.string("target").map(String::trim).filter(s -> !s.isEmpty()).orElse("all"),
                p.id("product_id").orElse(null), p.string("server").orElse(null), p.string("subject").orElse(null),
                p.string("message").orElse(null), mail));
        return Reply.json(201, obj("broadcast", shape(b)));
    }

    public Object list(Call call) {
        int limit = call.params().intValue("limit", 100, 1, 1000);
        return obj("broadcasts", broadcasts.list(limit).stream().map(NotificationAdminHandlers::shape).toList());
    }

    static Map<String, Object> shape(Broadcast b) {
        return obj("id", b.id(), "target", b.target(), "product_id", b.productId(), "server", b.server(), "subject", b.subject(),
                "message", b.message(), "mail", b.mail(), "recipients", b.recipients(), "created_at", Times.stamp(b.createdAt()));
    }
}
