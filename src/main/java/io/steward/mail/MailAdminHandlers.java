package io.steward.mail;

import static io.steward.core.Json.obj;

import io.steward.core.Times;
import io.steward.web.Call;
import io.steward.web.Reply;
import java.util.Map;

/**
 * The admin API's outbox: list (by status, client, template, recipient), one mail with its bodies,
 * resend, run the sender. Bodies are shown as stored: a sealed mail's secrets as {@code [sealed]}.
 */
public final class MailAdminHandlers {
    private final MailService mail;
    private final MailSender sender;

    MailAdminHandlers(MailService mail, MailSender sender) {
        this.mail = mail;
        this.sender = sender;
    }

    public Object list(Call call) {
        var p = call.params();
        int page = p.intValue("page", 1, 1, 1_000_000);
        int perPage = p.intValue("perpage", 50, 1, 500);
        var result = mail.list(p.string("status").filter(s -> !s.isBlank()).orElse(null), p.id("client_id").orElse(null),
                p.string("template").filter(s -> !s.isBlank()).orElse(null), p.string("recipient").filter(s -> !s.isBlank()).orElse(null),
                page, perPage);
        return obj("mails", result.mails().stream().map(MailAdminHandlers::summary).toList(), "total", result.total(),
                "page", result.page(), "perpage", result.perPage());
    }

    public Object get(Call call) {
        Mail m = mail.get(call.pathId("id"));
        var shape = summary(m);
        shape.put("body_text", m.bodyText());
        shape.put("body_html", m.bodyHtml());
        return obj("mail", shape);
    }

    public Object resend(Call call) {
        Mail m = mail.resend(call.pathId("id"), call.params().string("to"));
        return Reply.json(201, obj("mail", summary(m)));
    }

    public Object run(Call call) {
        var r = sender.runDueNow();
        return obj("run", obj("sent", r.sent(), "failed", r.failed(), "dead", r.dead()));
    }

    static Map<String, Object> summary(Mail m) {
        return obj("id", m.id(), "client_id", m.clientId(), "contact_id", m.contactId(), "recipient", m.recipient(),
                "recipient_name", m.recipientName(), "template", m.template(), "language", m.language(), "subject", m.subject(),
                "status", m.status(), "attempts", m.attempts(), "max_attempts", m.maxAttempts(),
                "next_attempt_at", m.status().equals(Mail.SENT) || m.status().equals(Mail.DEAD) ? null : Times.stamp(m.nextAttemptAt()),
                "last_error", m.lastError(), "message_id", m.messageId(), "resent_from", m.resentFrom(),
                "created_at", Times.stamp(m.createdAt()), "sent_at", m.sentAt() == null ? null : Times.stamp(m.sentAt()),
                "sealed", m.sealed());
    }
}
