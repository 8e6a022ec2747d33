package io.steward.dns;

import io.steward.service.module.ModuleCallLog;
import io.steward.modules.ModuleContext;
import io.steward.modules.ModuleFactory;
import io.steward.modules.ModuleKind;
import io.steward.modules.ModuleSettings;
import io.steward.service.module.ModuleRequest;
import io.steward.service.module.ModuleResult;
import io.steward.service.module.ServerModule;

/**
 * The {@code dns} server module: DNS hosting is served by Steward itself, so creating the service
 * needs no outside platform and succeeds at once; the client then adds zones. Suspending the
 * service stops serving its zones (kept), unsuspending serves them again, terminating deletes them.
 * The module changes the zone tables directly (it is part of the DNS feature) and logs each change,
 * so every node's DNS server follows within {@code dns.poll-ms}; every action is idempotent, as
 * module calls are at-least-once.
 */
public final class DnsModuleFactory implements ModuleFactory<ServerModule> {
    public static final String ID = "dns";

    private ModuleCallLog log;
    private io.steward.db.Db db;
    private DnsStore store;

    @Override public String id() { return ID; }

    @Override public ModuleKind kind() { return ModuleKind.SERVER; }

    @Override public String label() { return "Built-in: DNS hosting on Steward's own authoritative DNS server"; }

    @Override
    public void init(ModuleContext context) {
        this.log = new ModuleCallLog(context.db(), context.clock());
        this.db = context.db();
        this.store = new DnsStore(db);
    }

    @Override
    public ServerModule create(ModuleSettings settings) {
        return new Module();
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
