package io.steward.webui.staff;

import io.steward.core.StewardException;
import io.steward.jobs.Job;
import io.steward.order.Order;
import io.steward.web.Params;
import io.steward.web.Reply;
import io.steward.webui.WebKit;
import io.steward.webui.WebRequest;
import java.time.LocalDate;
import java.util.List;
import java.util.Map;

/**
 * Day-to-day operations: orders (accept, cancel, mark as fraud), the job queue with its dead
 * letter (retry, cancel), and the billing run for a date — the same service calls as the admin API's.
 */
final class OperationsPages {
    static final List<String> JOB_STATUSES = List.of(Job.DEAD, Job.FAILED, Job.QUEUED, Job.RUNNING, Job.DONE, Job.CANCELLED);
    private final StaffConsole console;
    private final ConsoleFeatures features;

    OperationsPages(StaffConsole console, ConsoleFeatures features) {
        this.console = console;
        this.features = features;
    }

    Reply orders(WebRequest r) {
        String status = r.params().string("status").filter(s -> !s.isBlank()).orElse(Order.PENDING);
        if (!Order.STATUSES.contains(status)) throw StewardException.invalid(Map.of("status", List.of("No such order status")));
        var page = features.orders().list(null, status, 1, 200);
        return console.render(r, 200, "admin/orders.jte", r.page("admin.orders.title"), "orders", page.orders(), "status", status);
    }

    Reply order(WebRequest r) {
        var order = features.orders().get(r.call().pathId("id"));
        return console.render(r, 200, "admin/order.jte", r.page("admin.order.title", order.orderNum()), "order", order,
                "done", r.params().string("done").orElse(""));
    }

    /** Accept (Active), cancel or mark as fraud, as {@code PUT /admin/api/orders/@id/status}. */
    Reply setOrderStatus(WebRequest r) {
        long id = r.call().pathId("id");
        String status = r.params().required("status");
        features.orders().setStatus(id, status, StaffConsole.by(r));
        return WebKit.redirect("/admin/orders/" + id + "?done=status");
    }

    Reply jobs(WebRequest r) {
        String status = r.params().string("status").filter(s -> !s.isBlank()).orElse("dead");
        if (!JOB_STATUSES.contains(status)) throw StewardException.invalid(Map.of("status", List.of("No such job status")));
        return console.render(r, 200, "admin/jobs.jte", r.page("admin.jobs.title"), "jobs",
                features.jobs().search(null, status, null, null, 1, 200), "status", status, "done", r.params().string("done").orElse(""));
    }

    Reply retryJob(WebRequest r) {
        features.jobs().retry(r.call().pathId("id"));
        return WebKit.redirect("/admin/jobs?status=queued&done=retry");
    }

    Reply cancelJob(WebRequest r) {
        features.jobs().cancel(r.call().pathId("id"));
        return WebKit.redirect("/admin/jobs?status=cancelled&done=cancel");
    }

    Reply billingRunForm(WebRequest r) {
        return console.render(r, 200, "admin/billing-run.jte", r.page("admin.run.title"), "report", null);
    }

    /** Runs the billing engine for the date given (safe to repeat: a rerun creates nothing new). */
    Reply billingRun(WebRequest r) {
        LocalDate date = Params.date(r.params().required("date"), "date");
        var report = features.engine().run(date);
        return console.render(r, 200, "admin/billing-run.jte", r.page("admin.run.title"), "report", report);
    }
}
