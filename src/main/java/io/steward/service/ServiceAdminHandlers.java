package io.steward.service;

import static io.steward.core.Json.obj;

import com.fasterxml.jackson.databind.JsonNode;
import io.steward.core.BillingCycle;
import io.steward.core.Json;
import io.steward.core.Money;
import io.steward.core.StewardException;
import io.steward.core.Times;
import io.steward.service.module.ModuleCallLog;
import io.steward.web.Call;
import io.steward.web.Params;
import io.steward.web.Reply;
import java.math.BigDecimal;
import java.time.Clock;
import java.time.LocalDate;
import java.time.LocalDateTime;
import java.util.List;
import java.util.Map;
import java.util.Optional;

/** Staff handlers for services, provisioning jobs and server modules ({@code /admin/api/...}); ids are JSON numbers. */
public final class ServiceAdminHandlers {
    private final ServiceManager services;
    private final ProvisioningQueue queue;
    private final ServiceModules modules;
    private final ModuleCallLog calls;
    private final Clock clock;

    ServiceAdminHandlers(ServiceManager services, ProvisioningQueue queue, ServiceModules modules, ModuleCallLog calls, Clock clock) {
        this.services = services;
        this.queue = queue;
        this.modules = modules;
        this.calls = calls;
        this.clock = clock;
    }

    public Object list(Call call) {
        Params p = call.params();
        int page = p.intValue("page", 1, 1, 1_000_000);
        int perPage = p.intValue("perpage", 50, 1, 500);
        var result = services.search(p.id("client_id").orElse(null), p.string("status").filter(s -> !s.isEmpty()).orElse(null),
                p.id("product_id").orElse(null), page, perPage);
        return obj("services", result.services().stream().map(s -> shape(s, null, false)).toList(),
                "total", result.total(), "page", result.page(), "perpage", result.perPage());
    }

    public Object get(Call call) {
        var d = services.details(call.pathId("id"));
        return obj("service", shape(d.service(), d.password(), true));
    }

    public Object create(Call call) {
        Params p = call.params();
        String cycleText = p.string("billing_cycle").filter(s -> !s.isBlank()).orElseThrow(() -> Params.missing("billing_cycle"));
        BillingCycle cycle = BillingCycle.parse(cycleText).orElseThrow(() -> StewardException.invalid(Map.of("billing_cycle",
                List.of("Billing cycle must be one of m, q, s, a, b, t, Free, Once"))));
        BigDecimal recurring = p.string("recurring_amount").filter(s -> !s.isBlank()).map(s -> Money.parse(s, "recurring_amount"))
                .orElse(BigDecimal.ZERO);
        BigDecimal first = p.string("first_payment").filter(s -> !s.isBlank()).map(s -> Money.parse(s, "first_payment")).orElse(recurring);
        LocalDate registered = p.date("registered_on").orElse(Times.now(clock).toLocalDate());
        LocalDate nextDue = p.date("next_due").orElse(cycle.recurring() ? cycle.next(registered, registered.getDayOfMonth()) : null);
        String config = p.has("module_config") ? moduleConfig(p.node("module_config")) : null;
        long clientId = p.id("client_id").orElseThrow(() -> Params.missing("client_id"));
        var s = new ServiceOperations.NewService(clientId, p.id("product_id").orElse(null), p.id("order_id").orElse(null),
                p.string("name").orElse(""), p.string("category").orElse(""), p.string("category_slug").orElse(""), cycle,
                p.string("currency").orElse(null), recurring, first, registered, nextDue, p.date("next_invoice").orElse(null),
                p.string("domain").orElse(""), p.string("username").orElse(""), p.string("password").orElse(null),
                p.string("module").orElse(null), p.flag("manual_provisioning", false), config);
        long id = services.createPending(s);
        Optional<Long> job = p.flag("activate", false) ? services.activate(id) : Optional.empty();
        return Reply.json(201, result(id, job));
    }

    public Object activate(Call call) {
        long id = call.pathId("id");
        if (!call.params().flag("provision", true)) {
            services.markActive(id);
            return action(id, Optional.empty());
        }
        return action(id, services.activateJob(id));
    }

    public Object suspend(Call call) {
        long id = call.pathId("id");
        return action(id, services.suspendJob(id, call.params().string("reason").orElse(null)));
    }

    public Object unsuspend(Call call) {
        long id = call.pathId("id");
        return action(id, services.unsuspendJob(id));
    }

    public Object terminate(Call call) {
        long id = call.pathId("id");
        return action(id, services.terminateJob(id));
    }

    public Object moduleCalls(Call call) {
        long id = services.details(call.pathId("id")).service().id();
        return obj("calls", calls.calls(id).stream().map(c -> obj("id", c.id(), "service_id", c.serviceId(), "job_id", c.jobId(),
                "module", c.module(), "action", c.action(), "parameters", ProvisioningQueue.object(c.parameters()),
                "called_at", Times.stamp(c.calledAt()), "replayed", c.replayed())).toList());
    }

    public Object jobs(Call call) {
        Params p = call.params();
        int page = p.intValue("page", 1, 1, 1_000_000);
        int perPage = p.intValue("perpage", 50, 1, 500);
        String status = p.string("status").filter(s -> !s.isEmpty()).orElse(null);
        String action = p.string("action").filter(s -> !s.isEmpty()).orElse(null);
        var v = new io.steward.core.Validation();
        v.check(status == null || ProvisioningJob.STATUSES.contains(status), "status",
                "Status must be one of " + String.join(", ", ProvisioningJob.STATUSES));
        v.check(action == null || ProvisioningJob.Action.parse(action).isPresent(), "action",
                "Action must be one of create, suspend, unsuspend, terminate, renew, change_package");
        v.throwIfAny();
        Long serviceId = p.id("service_id").orElse(null);
        return obj("jobs", queue.search(status, serviceId, action, page, perPage).stream().map(ServiceAdminHandlers::job).toList(),
                "total", queue.count(status, serviceId, action), "page", page, "perpage", perPage);
    }

    public Object job(Call call) {
        return obj("job", job(queue.job(call.pathId("id")).orElseThrow(() -> StewardException.notFound("Provisioning job not found"))));
    }

    public Object retry(Call call) {
        return obj("job", job(queue.retry(call.pathId("id"))));
    }

    public Object modules(Call call) {
        return obj("modules", modules.list().stream().map(f -> obj("id", f.id(), "description", f.label(),
                "default", f.id().equals(services.defaultModule()))).toList());
    }

    /** 202 with the job when one was queued; 200 (with the job already queued, if any) when there was nothing new to do. */
    private Reply action(long serviceId, Optional<ProvisioningQueue.JobRef> job) {
        boolean queued = job.isPresent() && job.get().queued();
        return Reply.json(queued ? 202 : 200, result(serviceId, job.map(ProvisioningQueue.JobRef::id)));
    }

    private Map<String, Object> result(long serviceId, Optional<Long> job) {
        var d = services.details(serviceId);
        return obj("service", shape(d.service(), d.password(), true), "job", job.flatMap(queue::job).map(ServiceAdminHandlers::job).orElse(null));
    }

    private Map<String, Object> shape(Service s, String password, boolean withJob) {
        var m = obj("id", s.id(), "client_id", s.clientId(), "product_id", s.productId(), "order_id", s.orderId(), "name", s.name(),
                "category", s.category(), "category_slug", s.categorySlug(), "status", s.status(), "billing_cycle", s.cycle().code(),
                "currency", s.currency(), "recurring_amount", Money.format(s.recurringAmount(), s.currency()),
                "first_payment", Money.format(s.firstPayment(), s.currency()), "registered_on", s.registeredOn().toString(),
                "next_due", date(s.nextDue()), "next_invoice", date(s.nextInvoice()), "billing_day", s.effectiveBillingDay(),
                "domain", s.domain(), "label", s.label(), "username", s.username());
        if (password != null) m.put("password", password);
        m.put("module", s.module());
        m.put("manual_provisioning", s.manualProvisioning());
        m.put("module_config", ProvisioningQueue.object(s.moduleConfig()));
        m.put("module_state", ProvisioningQueue.object(s.moduleState()));
        m.put("suspend_reason", s.suspendReason());
        m.put("cancellation", s.cancelType() == null ? null
                : obj("type", s.cancelType(), "reason", s.cancelReason(), "requested_at", stamp(s.cancelRequestedAt())));
        m.put("created_at", Times.stamp(s.createdAt()));
        m.put("updated_at", Times.stamp(s.updatedAt()));
        if (withJob) m.put("latest_job", queue.latest(s.id()).map(ServiceAdminHandlers::job).orElse(null));
        if (withJob) m.put("server_id", services.serverOf(s.id()).orElse(null));
        return m;
    }

    static Map<String, Object> job(ProvisioningJob j) {
        return obj("id", j.id(), "service_id", j.serviceId(), "action", j.action().code(), "status", j.status(),
                "params", ProvisioningQueue.object(j.params()), "attempts", j.attempts(), "max_attempts", j.maxAttempts(),
                "next_attempt_at", j.pending() && !j.status().equals(ProvisioningJob.RUNNING) ? stamp(j.nextAttemptAt()) : null,
                "claimed_by", j.claimedBy(), "claimed_at", stamp(j.claimedAt()), "last_error", j.lastError(),
                "created_at", Times.stamp(j.createdAt()), "updated_at", Times.stamp(j.updatedAt()), "finished_at", stamp(j.finishedAt()));
    }

    private static String stamp(LocalDateTime t) {
        return t == null ? null : Times.stamp(t);
    }

    private static String date(LocalDate d) {
        return d == null ? null : d.toString();
    }

    /** Module settings as a JSON object, given as an object or as JSON text. */
    private static String moduleConfig(JsonNode n) {
        if (n == null || n.isNull()) return null;
        if (n.isObject()) return Json.text(n);
        return n.asText();
    }
}
