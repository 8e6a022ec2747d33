package io.steward.notification;

import io.steward.account.Actor;
import io.steward.core.StewardException;
import io.steward.core.Times;
import io.steward.db.Db;
import java.time.Clock;
import java.util.List;

/**
 * Portal notifications: {@link Notifier} for the features whose events clients are told about,
 * and the client API's reading and acknowledging. Notifications belong to the client account;
 * a contact sees those about things its privileges let it see (see {@link #visible}).
 */
public final class NotificationService implements Notifier {
    /** Most notifications one listing returns (newest first). */
    static final int LIST_LIMIT = 500;

    private final Db db;
    private final Clock clock;
    private final NotificationStore store;

    public NotificationService(Db db, Clock clock) {
        this.db = db;
        this.clock = clock;
        this.store = new NotificationStore(db);
    }

    NotificationStore store() { return store; }

    @Override
    public void notify(long clientId, String relType, long relId, String subject, String message) {
        if (relType == null || !relType.matches("[a-z_]{1,20}")) throw new IllegalArgumentException("bad rel_type " + relType);
        db.txRun(() -> store.insert(clientId, relType, relId, subject, message == null ? "" : message, Times.now(clock)));
    }

    /** The caller's notifications (all, or only new ones), newest first, filtered by rel_type and rel_id. */
    public List<Notification> list(Actor actor, boolean onlyNew, String relType, Long relId) {
        return store.list(actor.clientId(), onlyNew, relType, relId, LIST_LIMIT).stream().filter(n -> visible(actor, n)).toList();
    }

    /** Marks a notification read; another client's, or one the contact may not see, is not found. */
    public Notification ack(Actor actor, long id) {
        return db.tx(() -> {
            Notification n = store.byId(actor.clientId(), id).filter(x -> visible(actor, x))
                    .orElseThrow(() -> StewardException.notFound("Notification not found"));
            store.ack(id, Times.now(clock));
            return store.byId(actor.clientId(), id).orElseThrow();
        });
    }

    /**
     * What a contact sees: notifications about invoices need billing/payinvoice, about services and
     * domains the object's basic privilege, about tickets support/tickets, about affiliate
     * commissions misc/affiliates; incidents, broadcasts and anything else are for everyone.
     */
    static boolean visible(Actor a, Notification n) {
        if (a.isHolder()) return true;
        return switch (n.relType()) {
            case "invoice" -> a.can("billing", "payinvoice");
            case "service" -> a.privileges().services().allows(n.relId(), "basic");
            case "domain" -> a.privileges().domains().allows(n.relId(), "basic");
            case "ticket" -> a.can("support", "tickets");
            case "affiliate" -> a.can("misc", "affiliates");
            default -> true;
        };
    }
}
