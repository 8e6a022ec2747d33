package io.steward.notification;

import io.steward.core.Times;
import io.steward.core.Validation;
import io.steward.db.Db;
import io.steward.mail.Outbox;
import java.time.Clock;
import java.time.LocalDateTime;
import java.util.List;
import java.util.Map;

/**
 * Staff broadcasts: one portal notification (rel_type {@code broadcast}, rel_id the broadcast's id)
 * for each client of the audience, and optionally the same text by mail ({@code broadcast}
 * template, to each account holder), all in one transaction.
 */
public final class Broadcasts {
    /** Who a broadcast can reach; the features owning accounts and services answer. */
    public interface Audiences {
        /** Every account that is not closed. */
        List<Long> allClients();

        /** Clients holding a live service of the product. */
        List<Long> clientsOfProduct(long productId);

        /** Clients holding a live service on the server (the server module its services run on). */
        List<Long> clientsOfServer(String server);
    }

    /** What staff send: {@code productId} for target {@code product}, {@code server} for target {@code server}. */
    public record Request(String target, Long productId, String server, String subject, String message, boolean mail) {}

    private final Db db;
    private final Clock clock;
    private final NotificationStore store;
    private final Audiences audiences;
    private final Outbox outbox;

    public Broadcasts(Db db, Clock clock, NotificationService notifications, Audiences audiences, Outbox outbox) {
        this.db = db;
        this.clock = clock;
        this.store = notifications.store();
        this.audiences = audiences;
        this.outbox = outbox;
    }

    public Broadcast send(Request r) {
        var v = new Validation();
        String subject = r.subject() == null ? "" : r.subject().trim();
        String message = r.message() == null ? "" : r.message().trim();
        if (subject.isEmpty()) v.add("subject", "Subject is required");
        else if (subject.length() > 255) v.add("subject", "Subject is at most 255 characters");
        if (message.isEmpty()) v.add("message", "Message is required");
        else if (message.length() > 4000) v.add("message", "Message is at most 4000 characters");
        String target = r.target() == null ? "all" : r.target();
        switch (target) {
            case "all" -> { }
            case "product" -> { if (r.productId() == null) v.add("product_id", "product_id is required for target product"); }
            case "server" -> { if (r.server() == null || r.server().isBlank()) v.add("server", "server is required for target server"); }
            default -> v.add("target", "Target must be all, product or server");
        }
        v.throwIfAny();
        return db.tx(() -> {
            List<Long> clients = switch (target) {
                case "product" -> audiences.clientsOfProduct(r.productId());
                case "server" -> audiences.clientsOfServer(r.server().trim());
                default -> audiences.allClients();
            };
            LocalDateTime now = Times.now(clock);
            Long targetId = target.equals("product") ? r.productId() : null;
            long id = store.insertBroadcast(target, targetId, target.equals("server") ? r.server().trim() : null, subject, message,
                    r.mail(), clients.size(), now);
            store.insertMany(clients, "broadcast", id, subject, message, now);
            if (r.mail()) {
                Map<String, Object> vars = Map.of("subject", subject, "message", message);
                outbox.toClients(clients.stream().map(c -> new Outbox.ClientMail(c, Outbox.Audience.holder(), "broadcast", vars)).toList());
            }
            return store.broadcasts(1).stream().filter(b -> b.id() == id).findFirst().orElseThrow();
        });
    }

    public List<Broadcast> list(int limit) {
        return store.broadcasts(limit);
    }
}
