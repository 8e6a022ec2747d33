package io.steward.service;

import com.fasterxml.jackson.databind.JsonNode;
import com.fasterxml.jackson.databind.node.ObjectNode;
import io.steward.core.ErrorCode;
import io.steward.core.Json;
import io.steward.core.Secrets;
import io.steward.core.StewardException;
import io.steward.core.Times;
import io.steward.db.Db;
import io.steward.service.ProvisioningJob.Action;
import io.steward.service.module.ModuleRequest;
import io.steward.service.module.ModuleResult;
import io.steward.service.module.ServerModule;
import java.time.Clock;
import java.time.Duration;
import java.time.LocalDateTime;
import java.util.ArrayList;
import java.util.List;
import java.util.Optional;
import java.util.concurrent.ExecutorService;
import java.util.concurrent.Executors;
import java.util.concurrent.Future;
import java.util.concurrent.Semaphore;
import org.slf4j.Logger;
import org.slf4j.LoggerFactory;

/**
 * Provisioning jobs: written in the transaction of the change that causes them ({@link #enqueue}),
 * run by the scheduler ({@link #runDueJobsNow}, on every node), retried with exponential backoff,
 * and parked as {@code dead} after their last attempt, where staff see them and can retry them.
 *
 * <p>Exactly one runner takes a job: a runner claims it with a conditional update that only one
 * concurrent update can match, then calls the module outside any transaction, then records the
 * result only if it still holds the claim. A runner that dies mid-job leaves it {@code running};
 * after {@code provisioning.running-timeout} another runner counts that as a failed attempt.
 */
public final class ProvisioningQueue {
    private static final Logger LOG = LoggerFactory.getLogger(ProvisioningQueue.class);

    /** How jobs are run and retried. */
    public record Settings(int maxAttempts, Backoff backoff, Duration runningTimeout, int batchSize, int concurrency) {}

    private final Db db;
    private final Clock clock;
    private final Secrets secrets;
    private final ServiceStore services;
    private final JobStore jobs;
    private final ServiceModules modules;
    private final String node;
    private final Settings settings;
    private final ServiceListener.Registry listeners;
    private final List<DeadJobListener> deadListeners = new java.util.concurrent.CopyOnWriteArrayList<>();
    private final List<ProvisioningHook> hooks = new java.util.concurrent.CopyOnWriteArrayList<>();

    ProvisioningQueue(Db db, Clock clock, Secrets secrets, ServiceStore services, JobStore jobs, ServiceModules modules, String node,
                      Settings settings, ServiceListener.Registry listeners) {
        this.listeners = listeners;
        this.db = db;
        this.clock = clock;
        this.secrets = secrets;
        this.services = services;
        this.jobs = jobs;
        this.modules = modules;
        this.node = node;
        this.settings = settings;
    }

    public Settings settings() { return settings; }

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
        return db.tx(() -> {
            if (dedupeKey != null) {
                Optional<ProvisioningJob> existing = jobs.byDedupeKey(dedupeKey);
                if (existing.isPresent()) return new JobRef(existing.get().id(), false);
            }
            return new JobRef(jobs.insert(serviceId, action, Json.text(params), dedupeKey, settings.maxAttempts(), Times.now(clock)), true);
        });
    }

    public Optional<ProvisioningJob> job(long id) {
        return jobs.byId(id);
    }

    public Optional<ProvisioningJob> latest(long serviceId) {
        return jobs.latest(serviceId);
    }

    public List<ProvisioningJob> search(String status, Long serviceId, String action, int page, int perPage) {
        return jobs.search(status, serviceId, action, page, perPage);
    }

    public int count(String status, Long serviceId, String action) {
        return jobs.count(status, serviceId, action);
    }

    /** Staff retry of a dead or failed job: it runs again at once, with a fresh set of attempts. */
    public ProvisioningJob retry(long jobId) {
        return db.tx(() -> {
            ProvisioningJob job = jobs.byId(jobId).orElseThrow(() -> StewardException.notFound("Provisioning job not found"));
            if (!jobs.requeue(jobId, settings.maxAttempts(), Times.now(clock))) {
                throw StewardException.conflict("Only dead or failed jobs can be retried; this one is " + job.status());
            }
            return jobs.byId(jobId).orElseThrow();
        });
    }

    /**
     * Runs every job due now, on this node, and answers how many ran. The scheduler calls it on
     * each node every {@code provisioning.poll-interval}; tests call it directly. Jobs of different
     * services run concurrently (up to {@code provisioning.concurrency}); a service's jobs run in
     * the order they were queued, so a job queued by another one's success runs in the same call.
     */
    public int runDueJobsNow() {
        recoverStale();
        int total = 0;
        try (ExecutorService pool = Executors.newVirtualThreadPerTaskExecutor()) {
            var permits = new Semaphore(settings.concurrency());
            // Bounded so a job that requeues itself forever cannot keep one call running.
            for (int round = 0; round < 1000; round++) {
                LocalDateTime now = Times.now(clock);
                var claimed = new ArrayList<Claim>();
                for (long id : jobs.due(now, settings.batchSize())) {
                    // A fresh token per claim: a result comes back only to the claim that ran it,
                    // even when this node has since claimed the same (recovered) job again.
                    String token = node + "/" + Secrets.randomToken(6);
                    if (jobs.claim(id, token, now)) claimed.add(new Claim(id, token));
                }
                if (claimed.isEmpty()) break;
                var running = new ArrayList<Future<?>>();
                for (Claim c : claimed) {
                    running.add(pool.submit(() -> {
                        permits.acquireUninterruptibly();
                        try {
                            run(c);
                        } finally {
                            permits.release();
                        }
                    }));
                }
                for (Future<?> f : running) await(f);
                total += claimed.size();
            }
        }
        return total;
    }

    private static void await(Future<?> f) {
        try {
            f.get();
        } catch (InterruptedException e) {
            Thread.currentThread().interrupt();
        } catch (java.util.concurrent.ExecutionException e) {
            LOG.error("provisioning job runner failed", e.getCause());
        }
    }

    /** Running jobs whose runner went quiet count as a failed attempt, so they are retried (or die). */
    private void recoverStale() {
        LocalDateTime now = Times.now(clock);
        for (ProvisioningJob job : jobs.stale(now.minus(settings.runningTimeout()))) {
            db.txRun(() -> fail(job, job.claimedBy(), ModuleResult.retry("The runner " + job.claimedBy()
                    + " stopped answering while running this job"), now));
        }
    }

    private record Claim(long jobId, String token) {}

    private void run(Claim claim) {
        ProvisioningJob job = jobs.byId(claim.jobId()).orElseThrow();
        Service service = services.byId(job.serviceId()).orElseThrow();
        ModuleResult result;
        try {
            // Hooks first: one of them may place the service on a server, whose module then serves it.
            ModuleRequest request = withHooks(job, service, request(job, service));
            Optional<ServerModule> module = modules.forService(service);
            result = module.isEmpty()
                    ? ModuleResult.retry("No server module '" + service.module() + "' is installed on node " + node
                            + " (or the service's server has no usable module instance)")
                    : call(module.get(), job.action(), request);
            if (result == null) result = ModuleResult.retry("The module answered nothing");
        } catch (RuntimeException e) {
            result = ModuleResult.retry(e.getClass().getSimpleName() + (e.getMessage() == null ? "" : ": " + e.getMessage()));
        }
        ModuleResult outcome = result;
        try {
            db.txRun(() -> complete(job, claim.token(), outcome));
        } catch (RuntimeException e) {
            // The claim stays; the job is recovered as stale and tried again.
            LOG.error("could not record the result of provisioning job {}", claim.jobId(), e);
        }
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
                r.username(), r.password(), r.billingCycle(), r.moduleConfig(), r.moduleState(), params);
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

    private ModuleRequest request(ProvisioningJob job, Service s) {
        String password = s.passwordSealed() == null ? null : secrets.decrypt(s.passwordSealed());
        return new ModuleRequest(job.id(), job.attempts(), job.action().code(), s.id(), s.clientId(), s.productId(), s.domain(),
                s.username(), password, s.cycle().code(), object(s.moduleConfig()), object(s.moduleState()), object(job.params()));
    }

    static JsonNode object(String json) {
        try {
            JsonNode n = json == null ? null : Json.MAPPER.readTree(json);
            return n != null && n.isObject() ? n : Json.MAPPER.createObjectNode();
        } catch (java.io.IOException e) {
            return Json.MAPPER.createObjectNode();
        }
    }

    private void complete(ProvisioningJob job, String token, ModuleResult result) {
        LocalDateTime now = Times.now(clock);
        if (!result.success()) {
            fail(job, token, result, now);
            return;
        }
        if (!jobs.done(job.id(), token, now)) {
            LOG.warn("provisioning job {} finished as {} after it was taken back; its result is dropped", job.id(), token);
            return;
        }
        Service s = services.byIdForUpdate(job.serviceId()).orElseThrow();
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
            case CHANGE_PACKAGE -> services.setPackage(s.id(), params.path("product_id").asLong(), Json.text(params.path("module_config")), now);
            case RENEW -> { /* next_due moved when the period was paid; the module only hears of it */ }
        }
    }

    private void changeStatus(Service s, String status, String reason, LocalDateTime now) {
        services.setStatus(s.id(), status, reason, now);
        listeners.statusChanged(s, s.status(), status, reason == null ? "" : reason);
    }

    /** Records a failed attempt held by {@code holder}: a retry after the backoff, or the dead letter. */
    private void fail(ProvisioningJob job, String holder, ModuleResult result, LocalDateTime now) {
        String error = truncate(result.error() == null ? "failed" : result.error());
        boolean last = !result.retryable() || job.attempts() >= job.maxAttempts();
        LocalDateTime retryAt = last ? null : now.plus(settings.backoff().delay(Math.max(job.attempts(), 1)));
        if (!jobs.failed(job.id(), holder, error, retryAt, now)) return;
        if (last) {
            LOG.warn("provisioning job {} ({} of service {}) is dead after {} attempt(s): {}", job.id(), job.action().code(),
                    job.serviceId(), job.attempts(), error);
            if (!deadListeners.isEmpty()) {
                Service s = services.byId(job.serviceId()).orElseThrow();
                var dead = new DeadJobListener.DeadJob(job.id(), job.action().code(), job.attempts(), error, s.id(), s.clientId(),
                        s.name(), s.domain());
                for (DeadJobListener l : deadListeners) l.jobDead(dead);
            }
        } else {
            LOG.info("provisioning job {} ({} of service {}) failed attempt {}; retry at {}: {}", job.id(), job.action().code(),
                    job.serviceId(), job.attempts(), retryAt, error);
        }
    }

    private static String truncate(String s) {
        return s.length() > 2000 ? s.substring(0, 2000) : s;
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
