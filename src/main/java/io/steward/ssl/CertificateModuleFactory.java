package io.steward.ssl;

import io.steward.modules.ModuleContext;
import io.steward.modules.ModuleFactory;
import io.steward.modules.ModuleKind;
import io.steward.modules.ModuleSettings;
import io.steward.service.module.ModuleCallLog;
import io.steward.service.module.ModuleRequest;
import io.steward.service.module.ModuleResult;
import io.steward.service.module.ServerModule;

/**
 * The {@code certificate} server module of certificate products. A certificate service needs no
 * account anywhere: the certificate's own work (issue, reissue, renew, revoke) runs as
 * {@code certificate} jobs that follow the service's status, so every action here succeeds at once
 * and is logged (idempotent, as module calls are at-least-once).
 */
public final class CertificateModuleFactory implements ModuleFactory<ServerModule> {
    public static final String ID = "certificate";

    private ModuleCallLog log;

    @Override public String id() { return ID; }

    @Override public ModuleKind kind() { return ModuleKind.SERVER; }

    @Override public String label() { return "Built-in: SSL certificates (issued through the product's CA module)"; }

    @Override
    public void init(ModuleContext context) {
        this.log = new ModuleCallLog(context.db(), context.clock());
    }

    @Override
    public ServerModule create(ModuleSettings settings) {
        return new ServerModule() {
            private ModuleResult logged(ModuleRequest r) {
                log.record(r.serviceId(), r.jobId(), ID, r.action(), "{\"service_id\": " + r.serviceId() + "}");
                return ModuleResult.ok();
            }

            @Override public ModuleResult create(ModuleRequest r) { return logged(r); }

            @Override public ModuleResult suspend(ModuleRequest r) { return logged(r); }

            @Override public ModuleResult unsuspend(ModuleRequest r) { return logged(r); }

            @Override public ModuleResult terminate(ModuleRequest r) { return logged(r); }

            @Override public ModuleResult renew(ModuleRequest r) { return logged(r); }

            @Override public ModuleResult changePackage(ModuleRequest r) { return logged(r); }
        };
    }
}
