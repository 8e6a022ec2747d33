package io.steward.service;

import java.util.List;
import java.util.concurrent.CopyOnWriteArrayList;

/**
 * Status changes of services, for the features that tell clients about them (mail, portal
 * notifications). Called inside the transaction that changed the status, so what a listener
 * writes commits or rolls back with it; {@code service} is the service as it was before.
 */
public interface ServiceListener {
    void statusChanged(Service service, String from, String to, String reason);

    /** The registered listeners, shared by the parts of the feature that change statuses. */
    final class Registry implements ServiceListener {
        private final List<ServiceListener> listeners = new CopyOnWriteArrayList<>();

        void add(ServiceListener l) { listeners.add(l); }

        @Override
        public void statusChanged(Service service, String from, String to, String reason) {
            if (from.equals(to)) return;
            for (ServiceListener l : listeners) l.statusChanged(service, from, to, reason);
        }
    }
}
