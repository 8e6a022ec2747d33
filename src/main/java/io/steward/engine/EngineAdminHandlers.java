package io.steward.engine;

import static io.steward.core.Json.obj;

import io.steward.core.StewardException;
import io.steward.core.Times;
import io.steward.web.Call;
import java.time.Clock;
import java.time.LocalDate;
import java.util.List;
import java.util.Map;

/** {@code POST /admin/api/billing/run}: staff run the billing engine for a date, synchronously. */
public final class EngineAdminHandlers {
    private final BillingEngine engine;
    private final Clock clock;

    public EngineAdminHandlers(BillingEngine engine, Clock clock) {
        this.engine = engine;
        this.clock = clock;
    }

    public Object run(Call call) {
        LocalDate date = call.params().date("date").orElse(Times.now(clock).toLocalDate());
        return obj("run", shape(engine.run(date)));
    }

    /**
     * {@code GET /admin/api/billing/events}: what the billing run recorded (reminders, overdue
     * notices, late fees, suspensions, terminations) for one client, newest first, or the events
     * not yet sent (the mailer's queue) oldest first.
     */
    public Object events(Call call) {
        var p = call.params();
        var clientId = p.id("client_id");
        boolean unsent = p.flag("unsent", false);
        if (clientId.isEmpty() && !unsent) {
            throw StewardException.invalid(Map.of("client_id", List.of("Give client_id, or unsent=1 for the events not yet sent")));
        }
        int limit = p.intValue("limit", 100, 1, 1000);
        var events = clientId.isPresent()
                ? engine.events().forClient(clientId.get()).stream().filter(e -> !unsent || !e.sent()).limit(limit).toList()
                : engine.events().unsent(0, limit);
        return obj("events", events.stream().map(e -> obj("id", e.id(), "kind", e.kind(), "client_id", e.clientId(),
                "invoice_id", e.invoiceId(), "service_id", e.serviceId(), "date", e.date().toString(), "sent", e.sent(),
                "details", e.details() == null ? "" : e.details())).toList());
    }

    static Map<String, Object> shape(BillingEngine.Report r) {
        return obj("date", r.date().toString(), "invoices", r.invoices(), "renewal_lines", r.renewalLines(), "reminders", r.reminders(),
                "overdue_notices", r.overdueNotices(), "late_fees", r.lateFees(), "suspended", r.suspended(),
                "terminated", r.terminated(), "cancellations", r.cancellations(), "errors", r.errors());
    }
}
