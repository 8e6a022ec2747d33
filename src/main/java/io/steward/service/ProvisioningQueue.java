package io.steward.service;

import com.fasterxml.jackson.databind.JsonNode;
import com.fasterxml.jackson.databind.node.ObjectNode;
import io.steward.core.ErrorCode;
import io.steward.core.Json;
import io.steward.core.Secrets;
import io.steward.core.StewardException;
import io.steward.core.Times;
import io.steward.db.Db;
import io.steward.jobs.Backoff;
import io.steward.jobs.Job;
import io.steward.jobs.JobHandler;
import io.steward.jobs.JobKind;
import io.steward.jobs.JobResult;
import io.steward.jobs.Jobs;
import io.steward.service.ProvisioningJob.Action;
import io.steward.service.module.ModuleRequest;
import io.steward.service.module.ModuleResult;
import io.steward.service.module.ServerModule;
import java.time.Clock;
import java.time.LocalDateTime;
import java.util.List;
import java.util.Optional;
import org.slf4j.Logger;
import org.slf4j.LoggerFactory;

/**
 * Provisioning jobs: the {@value #KIND} kind of the job engine. A job is written in the
 * transaction of the change that causes it ({@link #enqueue}); the engine claims it, this handler
 * calls the service's module outside any transaction with the job's idempotency key, and records
 * the result ({@link #complete}) in the transaction that marks the job done. A service's jobs run
 * in the order they were queued. Attempts, backoff, the running timeout and the dead letter are
 * the engine's.
 */
public final class ProvisioningQueue implements JobHandler {
    private static final Logger LOG = LoggerFactory.getLogger(ProvisioningQueue.class);
    public static final String KIND = "provisioning";

    private final Db db;
    private final Clock clock;
    private final Secrets secrets;
    private final ServiceStore services;
    private final ServiceModules modules;
    private final Jobs jobs;
    private final String node;
    private final ServiceListener.Registry listeners;
    private final List<DeadJobListener> deadListeners = new java.util.concurrent.CopyOnWriteArrayList<>();
    private final List<ProvisioningHook> hooks = new java.util.concurrent.CopyOnWriteArrayList<>();

    /** How provisioning jobs are retried and how many run at once. */
    record Settings(int maxAttempts, Backoff backoff, java.time.Duration runningTimeout, int concurrency) {}

    ProvisioningQueue(Db db, Clock clock, Secrets secrets, ServiceStore services, ServiceModules modules, Jobs jobs, Settings settings,
                      String node, ServiceListener.Registry listeners) {
        this.db = db;
        this.clock = clock;
        this.secrets = secrets;
        this.services = services;
        this.modules = modules;
        this.jobs = jobs;
        this.node = node;
        this.listeners = listeners;
        jobs.register(JobKind.of(KIND, this).maxAttempts(settings.maxAttempts()).backoff(settings.backoff())
                .runningTimeout(settings.runningTimeout()).concurrency(settings.concurrency()).orderedBySubject());
    }

    /** Registers a listener told of every job that goes dead, in the transaction that parks it. */
    public void onDead(DeadJobListener listener) {
        deadListeners.add(listener);
    }

    /** Registers a hook run around module calls (see {@link ProvisioningHook}). */
    void addHook(ProvisioningHook hook) {
        hooks.add(hook);
    }

    /** A job a request led to: one it queued ({@code queued}), or one already there that does the same. */
    record JobRef(long id, boolean queued) {}

    /**
     * Writes a job in the caller's transaction. With a {@code dedupeKey}, a job that was ever
     * queued under that key is answered instead of a new one (once-only actions).
     */
    JobRef enqueue(long serviceId, Action action, JsonNode params, String dedupeKey) {
        Jobs.Ref ref = jobs.enqueue(KIND, Long.toString(serviceId), action.code(), Json.text(params), dedupeKey);
        return new JobRef(ref.id(), ref.queued());
    }

    public Optional<ProvisioningJob> job(long id) {
        return jobs.byId(id).filter(j -> j.kind().equals(KIND)).map(ProvisioningJob::of);
    }

    public Optional<ProvisioningJob> latest(long serviceId) {
        return jobs.latest(KIND, Long.toString(serviceId)).map(ProvisioningJob::of);
    }

    Optional<ProvisioningJob> byDedupeKey(String key) {
        return jobs.byDedupeKey(KIND, key).map(ProvisioningJob::of);
    }

    /** The service's newest unfinished job among {@code actions}. */
    Optional<ProvisioningJob> latestUnfinished(long serviceId, List<Action> actions) {
        return jobs.latestUnfinished(KIND, Long.toString(serviceId), actions.stream().map(Action::code).toList())
                .map(ProvisioningJob::of);
    }

    boolean anyFor(long serviceId) {
        return jobs.anyFor(KIND, Long.toString(serviceId));
    }

    public List<ProvisioningJob> search(String status, Long serviceId, String action, int page, int perPage) {
        return jobs.search(KIND, status, serviceId == null ? null : serviceId.toString(), action, page, perPage).stream()
                .map(ProvisioningJob::of).toList();
    }

    public int count(String status, Long serviceId, String action) {
        return jobs.count(KIND, status, serviceId == null ? null : serviceId.toString(), action);
    }

    /** Staff retry of a dead or failed job: it runs again at once, with a fresh set of attempts. */
    public ProvisioningJob retry(long jobId) {
        job(jobId).orElseThrow(() -> StewardException.notFound("Provisioning job not found"));
        return ProvisioningJob.of(jobs.retry(jobId));
    }

    /**
     * Runs every provisioning job due now, on this node, and answers how many ran. The engine's
     * poll runs them on every node; tests call this directly.
     */
    public int runDueJobsNow() {
        return jobs.runDue(KIND::equals);
    }

    /** The service's module, looked up in one place. */
    private Optional<ServerModule> moduleOf(Service service) {
        return modules.forService(service);
    }

    @Override
    public JobResult call(Job row) {
        ProvisioningJob job = ProvisioningJob.of(row);
        Optional<Service> found = services.byId(job.serviceId());
        // The service was deleted with its client: nothing is left to act on.
        if (found.isEmpty()) return JobResult.done(null);
        Service service = found.get();
        // Hooks first: one of them may place the service on a server, whose module then serves it.
        ModuleRequest request = withHooks(job, service, request(job, row.idempotencyKey(), service));
        Optional<ServerModule> module = moduleOf(service);
        ModuleResult result = module.isEmpty()
                ? ModuleResult.retry("No server module '" + service.module() + "' is installed on node " + node
                        + " (or the service's server has no usable module instance)")
                : call(module.get(), job.action(), request);
        if (result == null) return JobResult.retry("The module answered nothing");
        if (!result.success()) return result.retryable() ? JobResult.retry(result.error()) : JobResult.fatal(result.error());
        return JobResult.done(result);
    }

    /** A create job's request with what the hooks add to its params, each hook in its own transaction. */
    private ModuleRequest withHooks(ProvisioningJob job, Service s, ModuleRequest r) {
        if (job.action() != Action.CREATE || hooks.isEmpty()) return r;
        ObjectNode params = ((ObjectNode) r.params()).deepCopy();
        for (ProvisioningHook h : hooks) {
            java.util.Map<String, Object> extra = db.tx(() -> h.beforeCreate(s));
            extra.forEach((k, v) -> params.set(k, Json.tree(v)));
        }
        return new ModuleRequest(r.jobId(), r.attempt(), r.action(), r.serviceId(), r.clientId(), r.productId(), r.domain(),
                r.username(), r.password(), r.billingCycle(), r.moduleConfig(), r.moduleState(), params, r.idempotencyKey());
    }

    private static ModuleResult call(ServerModule m, Action action, ModuleRequest r) {
        return switch (action) {
            case CREATE -> m.create(r);
            case SUSPEND -> m.suspend(r);
            case UNSUSPEND -> m.unsuspend(r);
            case TERMINATE -> m.terminate(r);
            case RENEW -> m.renew(r);
            case CHANGE_PACKAGE -> m.changePackage(r);
        };
    }

    private ModuleRequest request(ProvisioningJob job, String idempotencyKey, Service s) {
        String password = s.passwordSealed() == null ? null : secrets.decrypt(s.passwordSealed());
        return new ModuleRequest(job.id(), job.attempts(), job.action().code(), s.id(), s.clientId(), s.productId(), s.domain(),
                s.username(), password, s.cycle().code(), object(s.moduleConfig()), object(s.moduleState()), object(job.params()),
                idempotencyKey);
    }

    static JsonNode object(String json) {
        try {
            JsonNode n = json == null ? null : Json.MAPPER.readTree(json);
            return n != null && n.isObject() ? n : Json.MAPPER.createObjectNode();
        } catch (java.io.IOException e) {
            return Json.MAPPER.createObjectNode();
        }
    }

    static JsonNode array(String json) {
        try {
            JsonNode n = json == null ? null : Json.MAPPER.readTree(json);
            return n != null && n.isArray() ? n : Json.MAPPER.createArrayNode();
        } catch (java.io.IOException e) {
            return Json.MAPPER.createArrayNode();
        }
    }

    @Override
    public void succeeded(Job row, Object value) {
        if (value instanceof ModuleResult result) complete(ProvisioningJob.of(row), result);
    }

    /** Records a module's success on the service, in the transaction that marks the job done. */
    private void complete(ProvisioningJob job, ModuleResult result) {
        LocalDateTime now = Times.now(clock);
        Optional<Service> found = services.byIdForUpdate(job.serviceId());
        if (found.isEmpty()) return;
        Service s = found.get();
        String state = result.state() == null ? null : Json.text(result.state());
        String sealed = result.password() == null || result.password().isEmpty() ? null : secrets.encrypt(result.password());
        services.setProvisioned(s.id(), result.username(), sealed, state, now);
        JsonNode params = object(job.params());
        switch (job.action()) {
            case CREATE -> {
                if (s.status().equals(Service.PENDING)) changeStatus(s, Service.ACTIVE, null, now);
            }
            case SUSPEND -> {
                if (s.status().equals(Service.ACTIVE)) changeStatus(s, Service.SUSPENDED, params.path("reason").asText(""), now);
            }
            case UNSUSPEND -> {
                if (s.status().equals(Service.SUSPENDED)) changeStatus(s, Service.ACTIVE, "", now);
            }
            case TERMINATE -> {
                if (!s.isClosed()) {
                    changeStatus(s, params.path("final_status").asText(Service.TERMINATED), null, now);
                    for (ProvisioningHook h : hooks) h.terminated(s);
                }
            }
            case CHANGE_PACKAGE -> {
                // An upgrade's change was applied to the row when it was paid; a later one may have followed since.
                if (!params.path("applied").asBoolean(false)) {
                    services.setPackage(s.id(), params.path("product_id").asLong(), Json.text(params.path("module_config")), now);
                }
            }
            case RENEW -> { /* next_due moved when the period was paid; the module only hears of it */ }
        }
    }

    private void changeStatus(Service s, String status, String reason, LocalDateTime now) {
        services.setStatus(s.id(), status, reason, now);
        listeners.statusChanged(s, s.status(), status, reason == null ? "" : reason);
    }

    /** Tells the dead-job listeners (a staff ticket), in the transaction that parks the job. */
    @Override
    public void dead(Job row, String error) {
        ProvisioningJob job = ProvisioningJob.of(row);
        LOG.warn("provisioning job {} ({} of service {}) is dead after {} attempt(s): {}", job.id(), job.action().code(),
                job.serviceId(), job.attempts(), error);
        if (deadListeners.isEmpty()) return;
        Optional<Service> s = services.byId(job.serviceId());
        if (s.isEmpty()) return;
        var dead = new DeadJobListener.DeadJob(job.id(), job.action().code(), job.attempts(), error, s.get().id(), s.get().clientId(),
                s.get().name(), s.get().domain());
        for (DeadJobListener l : deadListeners) l.jobDead(dead);
    }

    /** The parameters object for a job. */
    static ObjectNode params(Object... kv) {
        return (ObjectNode) Json.tree(Json.obj(kv));
    }

    /** Thrown for a job that cannot be queued in the service's state. */
    static StewardException notAllowed(String message) {
        return new StewardException(ErrorCode.CONFLICT, message);
    }
}
