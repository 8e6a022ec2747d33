package io.steward.dns;

import io.steward.service.module.ModuleCallLog;
import io.steward.service.module.ModuleEnvironment;
import io.steward.service.module.ModuleRequest;
import io.steward.service.module.ModuleResult;
import io.steward.service.module.ServerModule;
import io.steward.service.module.ServerModuleFactory;

/**
 * The {@code dns} server module: DNS hosting is served by Steward itself, so creating the service
 * needs no outside platform and succeeds at once; the client then adds zones. Suspending the
 * service stops serving its zones (kept), unsuspending serves them again, terminating deletes them.
 * The module changes the zone tables directly (it is part of the DNS feature) and logs each change,
 * so every node's DNS server follows within {@code dns.poll-ms}; every action is idempotent, as
 * module calls are at-least-once.
 */
public final class DnsModuleFactory implements ServerModuleFactory {
    public static final String ID = "dns";

    private ModuleCallLog log;
    private io.steward.db.Db db;
    private DnsStore store;

    @Override public String id() { return ID; }

    @Override public String description() { return "Built-in: DNS hosting on Steward's own authoritative DNS server"; }

    @Override
    public void init(ModuleEnvironment environment) {
        this.log = new ModuleCallLog(environment.db(), environment.clock());
        this.db = environment.db();
        this.store = new DnsStore(db);
    }

    @Override
    public ServerModule create() {
        return new Module();
    }

    @Override
    public void close() {
        // nothing held open
    }

    private final class Module implements ServerModule {
        private ModuleResult run(ModuleRequest r, Runnable action) {
            db.txRun(action);
            log.record(r.serviceId(), r.jobId(), ID, r.action(), "{\"service_id\": " + r.serviceId() + "}");
            return ModuleResult.ok();
        }

        private void suspended(long serviceId, boolean suspended) {
            for (long zoneId : store.setSuspended(serviceId, suspended)) store.logChanges(zoneId, null, false);
        }

        @Override public ModuleResult create(ModuleRequest r) { return run(r, () -> suspended(r.serviceId(), false)); }

        @Override public ModuleResult suspend(ModuleRequest r) { return run(r, () -> suspended(r.serviceId(), true)); }

        @Override public ModuleResult unsuspend(ModuleRequest r) { return run(r, () -> suspended(r.serviceId(), false)); }

        @Override
        public ModuleResult terminate(ModuleRequest r) {
            return run(r, () -> {
                for (Zone z : store.zonesOfService(r.serviceId())) {
                    store.deleteZone(z.id());
                    store.logChanges(z.id(), null, false);
                }
            });
        }

        @Override public ModuleResult renew(ModuleRequest r) { return run(r, () -> { }); }

        @Override public ModuleResult changePackage(ModuleRequest r) { return run(r, () -> { }); }
    }
}
