package io.steward.cdn;

import io.steward.core.ErrorCode;
import io.steward.core.StewardException;
import io.steward.core.Times;
import io.steward.core.Validation;
import io.steward.db.Db;
import io.steward.jobs.Job;
import io.steward.jobs.JobHandler;
import io.steward.jobs.JobResult;
import io.steward.jobs.Jobs;
import io.steward.modules.ModuleInstance;
import io.steward.modules.ModuleInstances;
import io.steward.modules.ModuleKind;
import io.steward.names.NameClaims;
import io.steward.service.Service;
import io.steward.service.ServiceListener;
import io.steward.service.ServiceOperations;
import java.time.Clock;
import java.time.LocalDateTime;
import java.util.LinkedHashSet;
import java.util.List;
import java.util.Map;
import java.util.Optional;

/**
 * CDN services' resources and purges. Staff add a resource (a hostname in front of an origin) to
 * a CDN service, on a CDN module instance (the edge); the edge is then told the instance's whole
 * set of live resources (those of Active services), so adding, removing, suspending and
 * terminating all come down to one idempotent "serve exactly these". A status change of a service
 * queues that for its edges as a job ({@code cdn.sync}) in the transaction that changed it.
 * A purge empties a resource's cache on every node of its edge and is logged.
 */
public final class CdnService implements ServiceListener, JobHandler {
    public static final String SYNC_JOB = "cdn.sync";

    /** A purge done: the resource, the nodes emptied and when. */
    public record Purged(CdnResource resource, int nodes, LocalDateTime at) {}

    private final Db db;
    private final Clock clock;
    private final CdnStore store;
    private final ModuleInstances instances;
    private final ServiceOperations services;
    private final Jobs jobs;
    private final String defaultModule;
    private final NameClaims claims;

    CdnService(Db db, Clock clock, ModuleInstances instances, ServiceOperations services, Jobs jobs, String defaultModule, NameClaims claims) {
        this.claims = claims;
        this.db = db;
        this.clock = clock;
        this.store = new CdnStore(db);
        this.instances = instances;
        this.services = services;
        this.jobs = jobs;
        this.defaultModule = defaultModule;
    }

    public List<CdnResource> resources(long serviceId) {
        return store.ofService(serviceId);
    }

    public List<CdnResource> all() {
        return store.all();
    }

    public CdnResource resource(long id) {
        return store.byId(id).orElseThrow(() -> StewardException.notFound("CDN resource not found"));
    }

    /** Purges logged for a resource, newest first. */
    List<CdnStore.PurgeRow> purges(long resourceId) {
        return store.purges(resourceId, 50);
    }

    /**
     * Staff: adds a resource to a service and tells its edge. {@code instanceId} null: the default
     * instance of {@code cdn.default-module}. The service's client must hold the name (403 with how
     * to prove it otherwise). A name already served (by any service) is a 409; an
     * edge that refuses leaves nothing behind (503 with its message).
     */
    public CdnResource add(long serviceId, String name, String origin, Long instanceId) {
        Service s = services.find(serviceId).orElseThrow(() -> StewardException.notFound("Service not found"));
        var v = new Validation();
        String host = CdnNames.hostname(name, "resource_name", v);
        String from = CdnNames.origin(origin, v);
        long instance = instanceId != null ? instanceId : defaultInstance().orElse(-1L);
        if (instanceId != null && !instances.usable(instanceId, ModuleKind.CDN)) {
            v.add("module_instance_id", "No CDN module instance with this id is installed");
        } else if (instance < 0) {
            v.add("module_instance_id", "No CDN module instance given, and the " + defaultModule + " module has no default instance");
        }
        v.check(!s.isClosed(), "service_id", "The service is " + s.status());
        v.throwIfAny();
        // A hostname is a claim on a name: the service's client must hold it (staff can assign it first).
        claims.requireClaim(s.clientId(), host);
        long id = db.tx(() -> {
            if (store.byName(host).isPresent()) throw StewardException.conflict("The resource " + host + " exists already");
            return store.insert(serviceId, instance, host, from, Times.now(clock));
        });
        try {
            sync(instance);
        } catch (RuntimeException e) {
            db.txRun(() -> store.delete(id));
            throw edgeRefused(e);
        }
        return resource(id);
    }

    /** Staff: removes a resource; its edge stops serving it. */
    public void remove(long resourceId) {
        CdnResource r = resource(resourceId);
        db.txRun(() -> store.delete(r.id()));
        try {
            sync(r.instanceId());
        } catch (RuntimeException e) {
            // The row is gone; the edge catches up through the job engine.
            db.txRun(() -> jobs.enqueue(SYNC_JOB, Long.toString(r.instanceId()), "sync", null, null));
        }
    }

    /**
     * Empties the cache of the service's resource {@code name} on every node of its edge. The
     * caller has checked it may touch the service; a name that is not this service's is a 404, a
     * service that is not Active a 422, an edge that fails on any node a 503 (logged either way).
     */
    public Purged purge(long serviceId, String name, String by) {
        Service s = services.find(serviceId).orElseThrow(() -> StewardException.notFound("Service not found"));
        String host = name == null ? "" : name.strip().toLowerCase(java.util.Locale.ROOT);
        CdnResource r = store.ofService(serviceId).stream().filter(x -> x.name().equals(host)).findFirst()
                .orElseThrow(() -> StewardException.notFound("CDN resource not found in this service"));
        if (!s.status().equals(Service.ACTIVE)) {
            throw new StewardException(ErrorCode.UNPROCESSABLE, "The service is " + s.status() + "; only an Active service's cache can be purged");
        }
        LocalDateTime at = Times.now(clock);
        CdnModule.Purge result;
        try {
            result = module(r.instanceId()).purge(r.edge());
        } catch (RuntimeException e) {
            result = new CdnModule.Purge(0, List.of(String.valueOf(e.getMessage())));
        }
        CdnModule.Purge done = result;
        String message = done.ok() ? "purged on " + done.nodes() + " node(s)" : String.join("; ", done.failures());
        db.txRun(() -> store.logPurge(r.id(), by, at, done.nodes(), done.ok(), message));
        if (!done.ok()) throw new StewardException(ErrorCode.UNAVAILABLE, "The CDN edge could not purge " + host + ": " + message);
        return new Purged(r, done.nodes(), at);
    }

    /** Tells instance {@code instanceId}'s edge to serve exactly the live resources on it (those of Active services). */
    public void sync(long instanceId) {
        var live = store.ofInstance(instanceId).stream()
                .filter(r -> services.find(r.serviceId()).map(s -> s.status().equals(Service.ACTIVE)).orElse(false))
                .map(CdnResource::edge).toList();
        module(instanceId).apply(live);
    }

    /** Whether a module instance serves resources (it cannot be deleted then). */
    Optional<String> blockingInstanceDeletion(long instanceId) {
        return store.usesInstance(instanceId) ? Optional.of("CDN resources are served by it") : Optional.empty();
    }

    private CdnModule module(long instanceId) {
        return instances.open(instanceId, CdnModule.class);
    }

    private Optional<Long> defaultInstance() {
        return instances.list(ModuleKind.CDN.code(), defaultModule).stream().filter(ModuleInstance::isDefault).map(ModuleInstance::id)
                .findFirst();
    }

    private static StewardException edgeRefused(RuntimeException e) {
        if (e instanceof StewardException se) return se;
        return new StewardException(ErrorCode.UNAVAILABLE, "The CDN edge refused the change: " + e.getMessage());
    }

    // A service's status changed (in its transaction): its edges catch up through the job engine.
    @Override
    public void statusChanged(Service service, String from, String to, String reason) {
        var edges = new LinkedHashSet<Long>();
        for (CdnResource r : store.ofService(service.id())) edges.add(r.instanceId());
        for (long instance : edges) jobs.enqueue(SYNC_JOB, Long.toString(instance), "sync", null, null);
    }

    @Override
    public JobResult call(Job job) {
        long instance = Long.parseLong(job.subject());
        if (!instances.usable(instance, ModuleKind.CDN)) return JobResult.fatal("The CDN module instance " + instance + " is gone");
        try {
            sync(instance);
            return JobResult.done(Map.of("instance", instance));
        } catch (RuntimeException e) {
            return JobResult.retry(String.valueOf(e.getMessage()));
        }
    }
}
