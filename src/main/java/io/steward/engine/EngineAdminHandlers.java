package io.steward.engine;

import static io.steward.core.Json.obj;

import io.steward.core.StewardException;
import io.steward.core.Times;
import io.steward.web.Call;
import java.time.Clock;
import java.time.LocalDate;
import java.time.format.DateTimeParseException;
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
        LocalDate date = call.params().string("date").filter(s -> !s.isBlank()).map(EngineAdminHandlers::date)
                .orElse(Times.now(clock).toLocalDate());
        return obj("run", shape(engine.run(date)));
    }

    static LocalDate date(String text) {
        try {
            return LocalDate.parse(text.trim());
        } catch (DateTimeParseException e) {
            throw StewardException.invalid(Map.of("date", List.of("Date must be YYYY-MM-DD")));
        }
    }

    static Map<String, Object> shape(BillingEngine.Report r) {
        return obj("date", r.date().toString(), "invoices", r.invoices(), "renewal_lines", r.renewalLines(), "reminders", r.reminders(),
                "overdue_notices", r.overdueNotices(), "late_fees", r.lateFees(), "suspended", r.suspended(),
                "terminated", r.terminated(), "cancellations", r.cancellations(), "errors", r.errors());
    }
}
