package io.steward.jobs;

import static io.steward.core.Json.obj;

import io.steward.core.Json;
import io.steward.core.StewardException;
import io.steward.core.Times;
import io.steward.core.Validation;
import io.steward.web.Call;
import io.steward.web.Params;
import java.time.LocalDateTime;
import java.util.Map;

/**
 * The admin API's view of the one job queue: every kind's jobs (the dead letter is
 * {@code status=dead}), one job, retry, cancel, and a per-kind summary.
 */
public final class JobsAdminHandlers {
    private final Jobs jobs;

    public JobsAdminHandlers(Jobs jobs) {
        this.jobs = jobs;
    }

    public Object list(Call call) {
        Params p = call.params();
        int page = p.intValue("page", 1, 1, 1_000_000);
        int perPage = p.intValue("perpage", 50, 1, 500);
        String kind = text(p, "kind");
        String status = text(p, "status");
        String subject = text(p, "subject");
        String action = text(p, "action");
        var v = new Validation();
        v.check(status == null || Job.STATUSES.contains(status), "status", "Status must be one of " + String.join(", ", Job.STATUSES));
        v.check(kind == null || kind.length() <= 64, "kind", "Kind is at most 64 characters");
        v.check(subject == null || subject.length() <= 100, "subject", "Subject is at most 100 characters");
        v.check(action == null || action.length() <= 40, "action", "Action is at most 40 characters");
        v.throwIfAny();
        return obj("jobs", jobs.search(kind, status, subject, action, page, perPage).stream().map(JobsAdminHandlers::shape).toList(),
                "total", jobs.count(kind, status, subject, action), "page", page, "perpage", perPage);
    }

    private static String text(Params p, String name) {
        return p.string(name).map(String::trim).filter(s -> !s.isEmpty()).orElse(null);
    }

    public Object get(Call call) {
        return obj("job", shape(jobs.byId(call.pathId("id")).orElseThrow(() -> StewardException.notFound("Job not found"))));
    }

    public Object retry(Call call) {
        return obj("job", shape(jobs.retry(call.pathId("id"))));
    }

    public Object cancel(Call call) {
        return obj("job", shape(jobs.cancel(call.pathId("id"))));
    }

    public Object queues(Call call) {
        return obj("queues", jobs.queues().stream().map(q -> obj("kind", q.kind(), "registered", jobs.kind(q.kind()).isPresent(),
                "depth", q.depth(), "oldest_due_age_seconds", q.oldestDueAge().toSeconds(), "running", q.running(), "dead", q.dead(),
                "failed_last_24h", q.failedLastDay())).toList());
    }

    /** A job as staff see it; its idempotency key is not shown (modules trust it). */
    static Map<String, Object> shape(Job j) {
        return obj("id", j.id(), "kind", j.kind(), "subject", j.subject(), "action", j.action(), "status", j.status(),
                "payload", Json.tree(parse(j.payload())), "dedupe_key", j.dedupeKey(), "attempts", j.attempts(),
                "max_attempts", j.maxAttempts(),
                "next_attempt_at", j.status().equals(Job.QUEUED) || j.status().equals(Job.FAILED) ? stamp(j.nextAttemptAt()) : null,
                "claimed_by", j.claimedBy(), "claimed_at", stamp(j.claimedAt()), "last_error", j.lastError(),
                "created_at", Times.stamp(j.createdAt()), "updated_at", Times.stamp(j.updatedAt()), "finished_at", stamp(j.finishedAt()));
    }

    private static Object parse(String json) {
        try {
            var n = Json.MAPPER.readTree(json);
            return n != null && n.isObject() ? n : Json.MAPPER.createObjectNode();
        } catch (java.io.IOException e) {
            return Json.MAPPER.createObjectNode();
        }
    }

    private static String stamp(LocalDateTime t) {
        return t == null ? null : Times.stamp(t);
    }
}
