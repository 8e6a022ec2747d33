package io.steward.notification;

/**
 * The portal-notification seam ({@code GET /notifications}): a feature records a notification for
 * a client inside the transaction of the change it reports. {@code relType} names what it is about
 * ({@code invoice}, {@code service}, {@code ticket}, {@code status}, {@code domain}) and
 * {@code relId} which one, so clients can filter with the references' rel_type and rel_id.
 */
public interface Notifier {
    void notify(long clientId, String relType, long relId, String subject, String message);

    /** One notification of a batch. */
    record Note(long clientId, String relType, long relId, String subject, String message) {}

    /** Records many notifications at once (the implementation may insert them in bulk). */
    default void notifyAll(java.util.List<Note> notes) {
        for (Note n : notes) notify(n.clientId(), n.relType(), n.relId(), n.subject(), n.message());
    }
}
