package io.steward.domain;

import java.time.LocalDateTime;
import java.util.List;
import java.util.Set;
import java.util.concurrent.CopyOnWriteArrayList;

/**
 * Every domain status change goes through here: the store's compare-and-set, then the
 * {@link DomainListener}s, in the caller's transaction.
 */
final class DomainEvents {
    private final DomainStore store;
    private final List<DomainListener> listeners = new CopyOnWriteArrayList<>();

    DomainEvents(DomainStore store) {
        this.store = store;
    }

    void add(DomainListener listener) {
        listeners.add(listener);
    }

    /** Moves the domain to {@code to} if it is in one of {@code from}; true (and listeners told) when it moved. */
    boolean setStatus(long id, Set<String> from, String to, LocalDateTime now) {
        String before = listeners.isEmpty() ? null : store.byId(id).map(Domain::status).orElse(null);
        if (!store.setStatus(id, from, to, now)) return false;
        if (before != null) {
            Domain after = store.byId(id).orElseThrow();
            for (DomainListener l : listeners) l.statusChanged(after, before);
        }
        return true;
    }
}
