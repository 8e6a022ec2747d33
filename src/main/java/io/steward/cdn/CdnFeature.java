package io.steward.cdn;

import io.steward.config.Config;
import io.steward.db.Db;
import io.steward.jobs.JobKind;
import io.steward.jobs.Jobs;
import io.steward.modules.ModuleInstances;
import io.steward.names.NameClaims;
import io.steward.service.ServiceOperations;
import java.time.Clock;

/**
 * The CDN feature assembled: resources of CDN services on CDN module instances (sandbox, Varnish),
 * purges, the {@code cdn.sync} job kind. Configuration: {@code cdn.default-module}
 * ({@code sandbox-cdn}), the module whose default instance serves a resource added without one.
 */
public final class CdnFeature {
    private final CdnService service;
    private final CdnAdminHandlers adminHandlers;
    private final CdnDemo demo;

    public CdnFeature(Db db, Clock clock, Config config, ModuleInstances instances, ServiceOperations services, Jobs jobs,
                      NameClaims claims) {
        this.service = new CdnService(db, clock, instances, services, jobs, config.get("cdn.default-module", SandboxCdnFactory.ID),
                claims);
        jobs.register(JobKind.of(CdnService.SYNC_JOB, service).orderedBySubject());
        instances.registerDependents(service::blockingInstanceDeletion);
        this.adminHandlers = new CdnAdminHandlers(service);
        this.demo = new CdnDemo(service, services, db, clock, claims);
    }

    /** Resources, purges and the service-status listener the composition root registers. */
    public CdnService cdn() { return service; }

    public CdnAdminHandlers adminHandlers() { return adminHandlers; }

    public CdnDemo demo() { return demo; }
}
