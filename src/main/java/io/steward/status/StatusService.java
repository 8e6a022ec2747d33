package io.steward.status;

import io.steward.core.Ids;
import io.steward.core.StewardException;
import io.steward.core.Times;
import io.steward.core.Validation;
import io.steward.db.Db;
import io.steward.mail.Outbox;
import io.steward.notification.Notifier;
import java.time.Clock;
import java.time.LocalDate;
import java.time.LocalDateTime;
import java.time.format.DateTimeParseException;
import java.util.LinkedHashMap;
import java.util.LinkedHashSet;
import java.util.List;
import java.util.Map;
import java.util.Set;

/**
 * The status page. Staff open incidents and maintenance windows naming the products and servers
 * they affect, post updates and resolve them; at the opening and at every update, each client with
 * an open service on an affected product or server gets a portal notification and the
 * {@code status.incident} mail, in the transaction of the change. Clients read every entry and
 * see whether it affects them.
 */
public final class StatusService {
    /** A staff change; null fields stay (on create: defaults). Lists replace the affected set when given. */
    public record Input(String type, String title, String description, String status, String startsAt, String endsAt,
                        List<String> productIds, List<String> servers) {}

    /** An event and the number of clients told about the change. */
    public record Changed(StatusEvent event, int notified) {}

    private final Db db;
    private final Clock clock;
    private final StatusStore store;
    private final AffectedServices services;
    private final Outbox outbox;
    private final Notifier notifier;

    public StatusService(Db db, Clock clock, AffectedServices services, Outbox outbox, Notifier notifier) {
        this.db = db;
        this.clock = clock;
        this.store = new StatusStore(db);
        this.services = services;
        this.outbox = outbox;
        this.notifier = notifier;
    }

    /**
     * Entries by status: a status name, {@code active} (not resolved), {@code resolved}, or null for all.
     * Anything else is a 422 naming {@code status}.
     */
    public List<StatusEvent> list(String status) {
        if (status == null || status.isBlank()) return store.list(StatusStore.byStatus(null, null));
        String s = status.strip();
        if (s.equalsIgnoreCase("active") || s.equalsIgnoreCase("open")) return store.list(StatusStore.byStatus(null, false));
        if (s.equalsIgnoreCase("resolved")) return store.list(StatusStore.byStatus(null, true));
        String known = StatusEvent.STATUSES.stream().filter(x -> x.equalsIgnoreCase(s)).findFirst().orElseThrow(() ->
                StewardException.invalid(Map.of("status", List.of("Status must be one of " + StatusEvent.STATUSES + ", active or resolved"))));
        return store.list(StatusStore.byStatus(known, null));
    }

    public StatusEvent get(long id) {
        return store.byId(id).orElseThrow(() -> StewardException.notFound("Status not found"));
    }

    /** Whether any of the client's open services is on an affected product or server. */
    public boolean affects(long clientId, StatusEvent e) {
        return !services.openOn(clientId, e.productIds(), e.servers()).isEmpty();
    }

    public Changed create(Input in, boolean notify) {
        var v = new Validation();
        String type = pick(v, "type", in.type(), StatusEvent.TYPES, "Incident");
        String title = in.title() == null ? null : in.title().strip();
        v.check(title != null && !title.isEmpty() && title.length() <= 255, "title", "Title is required (at most 255 characters)");
        String status = pick(v, "status", in.status(), StatusEvent.STATUSES, type.equals("Maintenance") ? "Scheduled" : "Investigating");
        LocalDateTime now = Times.now(clock);
        LocalDateTime starts = time(v, "starts_at", in.startsAt(), now);
        LocalDateTime ends = time(v, "ends_at", in.endsAt(), null);
        if (starts != null && ends != null) v.check(!ends.isBefore(starts), "ends_at", "Ends before it starts");
        Set<Long> products = products(v, in.productIds());
        Set<String> servers = servers(v, in.servers());
        v.throwIfAny();
        return db.tx(() -> {
            long id = store.insert(type, title, in.description() == null ? "" : in.description(), status, starts, ends, now);
            store.setAffected(id, products, servers);
            StatusEvent e = get(id);
            return new Changed(e, notify ? tell(e, e.description()) : 0);
        });
    }

    /** Edits an entry (staff correcting it); no one is notified of an edit. */
    public StatusEvent update(long id, Input in) {
        return db.tx(() -> {
            store.lock(id);
            StatusEvent cur = get(id);
            var v = new Validation();
            String type = pick(v, "type", in.type(), StatusEvent.TYPES, cur.type());
            String title = in.title() == null ? cur.title() : in.title().strip();
            v.check(!title.isEmpty() && title.length() <= 255, "title", "Title is required (at most 255 characters)");
            String status = pick(v, "status", in.status(), StatusEvent.STATUSES, cur.status());
            LocalDateTime starts = time(v, "starts_at", in.startsAt(), cur.startsAt());
            LocalDateTime ends = in.endsAt() != null && in.endsAt().isBlank() ? null : time(v, "ends_at", in.endsAt(), cur.endsAt());
            if (starts != null && ends != null) v.check(!ends.isBefore(starts), "ends_at", "Ends before it starts");
            Set<Long> products = in.productIds() == null ? cur.productIds() : products(v, in.productIds());
            Set<String> servers = in.servers() == null ? cur.servers() : servers(v, in.servers());
            v.throwIfAny();
            LocalDateTime now = Times.now(clock);
            LocalDateTime resolvedAt = status.equals(StatusEvent.RESOLVED) ? (cur.resolvedAt() == null ? now : cur.resolvedAt()) : null;
            store.update(new StatusEvent(id, type, title, in.description() == null ? cur.description() : in.description(), status, starts, ends,
                    resolvedAt, cur.createdAt(), now, products, servers, List.of()), now);
            store.setAffected(id, products, servers);
            return get(id);
        });
    }

    /** Posts an update (which may resolve the entry) and tells the affected clients. */
    public Changed postUpdate(long id, String status, String message, boolean notify) {
        var v = new Validation();
        v.check(message != null && !message.isBlank() && message.length() <= 65000, "message", "Message is required");
        v.throwIfAny();
        return db.tx(() -> {
            store.lock(id);
            StatusEvent cur = get(id);
            var pv = new Validation();
            String next = pick(pv, "status", status, StatusEvent.STATUSES, cur.status());
            pv.throwIfAny();
            LocalDateTime now = Times.now(clock);
            store.insertUpdate(id, next, message, now);
            LocalDateTime resolvedAt = next.equals(StatusEvent.RESOLVED) ? (cur.resolvedAt() == null ? now : cur.resolvedAt()) : null;
            LocalDateTime ends = next.equals(StatusEvent.RESOLVED) && cur.endsAt() == null ? now : cur.endsAt();
            store.update(new StatusEvent(id, cur.type(), cur.title(), cur.description(), next, cur.startsAt(), ends, resolvedAt,
                    cur.createdAt(), now, cur.productIds(), cur.servers(), List.of()), now);
            StatusEvent e = get(id);
            return new Changed(e, notify ? tell(e, message) : 0);
        });
    }

    public void delete(long id) {
        db.txRun(() -> {
            get(id);
            store.delete(id);
        });
    }

    /** The affected clients, each with its first affected service (contacts with "notify" on it hear too). */
    private Map<Long, Long> affected(StatusEvent e) {
        var byClient = new LinkedHashMap<Long, Long>();
        for (var a : services.openOn(null, e.productIds(), e.servers())) byClient.putIfAbsent(a.clientId(), a.serviceId());
        return byClient;
    }

    private int tell(StatusEvent e, String message) {
        var clients = affected(e);
        Map<String, Object> vars = Map.of("title", e.title(), "status", e.status(), "type", e.type(),
                "description", message == null ? "" : message);
        String subject = e.type() + ": " + e.title() + " (" + e.status() + ")";
        clients.forEach((clientId, serviceId) -> {
            notifier.notify(clientId, "status", e.id(), subject, message == null || message.isBlank() ? e.title() : message);
            outbox.toClient(clientId, Outbox.Audience.service(serviceId), "status.incident", vars);
        });
        return clients.size();
    }

    private static String pick(Validation v, String field, String given, List<String> allowed, String fallback) {
        if (given == null || given.isBlank()) return fallback;
        return allowed.stream().filter(a -> a.equalsIgnoreCase(given.strip())).findFirst().orElseGet(() -> {
            v.add(field, "Must be one of " + allowed);
            return fallback;
        });
    }

    /** "YYYY-MM-DD HH:MM:SS", ISO "YYYY-MM-DDTHH:MM[:SS]" or a date (midnight), UTC. */
    static LocalDateTime time(Validation v, String field, String given, LocalDateTime fallback) {
        if (given == null || given.isBlank()) return fallback;
        String s = given.strip().replace(' ', 'T');
        try {
            if (s.length() == 10) return LocalDate.parse(s).atStartOfDay();
            return LocalDateTime.parse(s).withNano(0);
        } catch (DateTimeParseException e) {
            v.add(field, "Expected YYYY-MM-DD HH:MM:SS");
            return fallback;
        }
    }

    private static Set<Long> products(Validation v, List<String> ids) {
        var out = new LinkedHashSet<Long>();
        if (ids == null) return out;
        for (String s : ids) {
            try {
                out.add(Ids.strict(s.trim()));
            } catch (NumberFormatException e) {
                v.add("product_ids", "Not a product id: " + s);
            }
        }
        return out;
    }

    private static Set<String> servers(Validation v, List<String> names) {
        var out = new LinkedHashSet<String>();
        if (names == null) return out;
        for (String s : names) {
            String n = s.strip();
            if (n.isEmpty() || n.length() > 64) v.add("servers", "Server ids are 1-64 characters");
            else out.add(n);
        }
        return out;
    }
}
