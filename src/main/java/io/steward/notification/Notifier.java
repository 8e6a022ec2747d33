package io.steward.notification;

/**
 * The portal-notification seam ({@code GET /notifications}): a feature records a notification for
 * a client inside the transaction of the change it reports. {@code relType} names what it is about
 * ({@code invoice}, {@code service}, {@code ticket}, {@code status}, {@code domain}) and
 * {@code relId} which one, so clients can filter with the references' rel_type and rel_id.
 */
public interface Notifier {
    void notify(long clientId, String relType, long relId, String subject, String message);
}
