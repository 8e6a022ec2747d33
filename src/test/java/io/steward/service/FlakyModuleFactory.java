package io.steward.service;

import io.steward.service.module.ModuleCallLog;
import io.steward.modules.ModuleContext;
import io.steward.modules.ModuleFactory;
import io.steward.modules.ModuleKind;
import io.steward.modules.ModuleSettings;
import io.steward.service.module.ModuleRequest;
import io.steward.service.module.ModuleResult;
import io.steward.service.module.ServerModule;

/**
 * A test module (registered through test resources' META-INF/services) that fails the first
 * {@code fail_times} calls it gets for a service (module setting), then succeeds. Failures are
 * retryable, or fatal with {@code fatal: true}, or thrown exceptions with {@code throw: true}.
 * It counts calls in {@code module_call} (module {@code flaky}), so a staff retry after the dead
 * letter continues the count, as a platform that came back would.
 */
public final class FlakyModuleFactory implements ModuleFactory<ServerModule> {
    public static final String ID = "flaky";

    private ModuleCallLog log;

    @Override public String id() { return ID; }

    @Override public ModuleKind kind() { return ModuleKind.SERVER; }

    @Override public String label() { return "Test module failing a set number of calls"; }

    @Override
    public void init(ModuleContext context) {
        log = new ModuleCallLog(context.db(), context.clock());
    }

    @Override
    public ServerModule create(ModuleSettings settings) {
        return new Flaky();
    }

    private final class Flaky implements ServerModule {
        private ModuleResult call(ModuleRequest r) {
            long earlier = log.calls(r.serviceId()).stream().filter(c -> c.module().equals(ID)).count();
            log.record(r.serviceId(), r.jobId(), ID, r.action(), "{\"attempt\": " + r.attempt() + "}");
            if (earlier < r.moduleConfig().path("fail_times").asInt(0)) {
                String error = "platform unavailable (call " + (earlier + 1) + ")";
                if (r.moduleConfig().path("throw").asBoolean(false)) throw new IllegalStateException(error);
                return r.moduleConfig().path("fatal").asBoolean(false) ? ModuleResult.fatal(error) : ModuleResult.retry(error);
            }
            return r.action().equals("create") ? ModuleResult.provisioned("flaky" + r.serviceId(), "Flaky-pass-1", null) : ModuleResult.ok();
        }

        @Override public ModuleResult create(ModuleRequest r) { return call(r); }

        @Override public ModuleResult suspend(ModuleRequest r) { return call(r); }

        @Override public ModuleResult unsuspend(ModuleRequest r) { return call(r); }

        @Override public ModuleResult terminate(ModuleRequest r) { return call(r); }

        @Override public ModuleResult renew(ModuleRequest r) { return call(r); }

        @Override public ModuleResult changePackage(ModuleRequest r) { return call(r); }
    }
}
