package io.steward.support;

import java.time.LocalDateTime;
import java.util.List;

/**
 * A support ticket as stored. {@code clientId} is null for a guest ticket (inbound mail from an
 * unknown sender); {@code clientVisible} is false for tickets the system opens for staff.
 */
public record Ticket(long id, int number, Long clientId, Long contactId, long departmentId, String departmentName,
                     Long serviceId, String name, String email, String subject, String body, String status, String priority,
                     boolean clientRead, boolean clientVisible, String source, LocalDateTime createdAt, LocalDateTime lastReplyAt,
                     LocalDateTime updatedAt) {

    public static final String OPEN = "Open";
    public static final String ANSWERED = "Answered";
    public static final String CLIENT_REPLY = "Client-Reply";
    public static final String IN_PROGRESS = "In-Progress";
    public static final String CLOSED = "Closed";
    public static final List<String> STATUSES = List.of(OPEN, ANSWERED, CLIENT_REPLY, IN_PROGRESS, CLOSED);
    public static final List<String> PRIORITIES = List.of("Low", "Medium", "High");

    public boolean isClosed() { return status.equals(CLOSED); }

    /** A reply on a ticket: {@code type} {@code Client} or {@code Admin}. */
    public record Reply(long id, long ticketId, String type, String name, String email, String body, String source,
                        LocalDateTime createdAt) {}

    /** A staff note: never shown to clients. */
    public record Note(long id, long ticketId, String author, String body, LocalDateTime createdAt) {}

    /** A file on the ticket's opening message ({@code replyId} null) or on a reply. */
    public record Attachment(long id, long ticketId, Long replyId, String key, String filename, String contentType, long size,
                             String sha256, LocalDateTime createdAt) {}

    /** A ticket with everything on it. */
    public record Thread(Ticket ticket, List<Reply> replies, List<Attachment> attachments, List<Note> notes) {
        public List<Attachment> attachmentsOf(Long replyId) {
            return attachments.stream().filter(a -> java.util.Objects.equals(a.replyId(), replyId)).toList();
        }
    }
}
