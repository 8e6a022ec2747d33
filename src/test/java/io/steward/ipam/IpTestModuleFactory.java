package io.steward.ipam;

import io.steward.service.module.IpAddresses;
import io.steward.service.module.ModuleCallLog;
import io.steward.modules.ModuleContext;
import io.steward.modules.ModuleFactory;
import io.steward.modules.ModuleKind;
import io.steward.modules.ModuleSettings;
import io.steward.service.module.ModuleRequest;
import io.steward.service.module.ModuleResult;
import io.steward.service.module.ReverseDns;
import io.steward.service.module.ServerModule;
import java.util.List;

/**
 * A test module (registered through test resources' META-INF/services) that takes addresses from
 * Steward's pools and keeps reverse DNS: it records every call in {@code module_call} (module
 * {@code iptest}) with the addresses it was given, and refuses a PTR whose host name starts with
 * {@code refused.}, as a platform that rejects it would.
 */
public final class IpTestModuleFactory implements ModuleFactory<ServerModule> {
    public static final String ID = "iptest";

    private ModuleCallLog log;

    @Override public String id() { return ID; }

    @Override public ModuleKind kind() { return ModuleKind.SERVER; }

    @Override public java.util.Set<String> capabilities() { return java.util.Set.of("ip_addresses", "reverse_dns"); }

    @Override public String label() { return "Test module taking IP addresses and keeping reverse DNS"; }

    @Override
    public void init(ModuleContext context) {
        log = new ModuleCallLog(context.db(), context.clock());
    }

    @Override
    public ServerModule create(ModuleSettings settings) {
        return new IpModule();
    }

    private final class IpModule implements ServerModule, IpAddresses, ReverseDns {
        private ModuleResult call(ModuleRequest r) {
            log.record(r.serviceId(), r.jobId(), ID, r.action(), r.params().toString());
            return r.action().equals("create") ? ModuleResult.provisioned("ip" + r.serviceId(), "Ip-pass-1", null) : ModuleResult.ok();
        }

        @Override public ModuleResult create(ModuleRequest r) { return call(r); }

        @Override public ModuleResult suspend(ModuleRequest r) { return call(r); }

        @Override public ModuleResult unsuspend(ModuleRequest r) { return call(r); }

        @Override public ModuleResult terminate(ModuleRequest r) { return call(r); }

        @Override public ModuleResult renew(ModuleRequest r) { return call(r); }

        @Override public ModuleResult changePackage(ModuleRequest r) { return call(r); }

        @Override
        public ModuleResult addressesChanged(ModuleRequest r, List<String> addresses) {
            log.record(r.serviceId(), r.jobId(), ID, "addresses", String.join(",", addresses));
            return ModuleResult.ok();
        }

        @Override
        public ModuleResult ptrChanged(ModuleRequest r, String address, String hostname) {
            if (hostname != null && hostname.startsWith("refused.")) return ModuleResult.fatal("the platform refused " + hostname);
            log.record(r.serviceId(), r.jobId(), ID, "ptr", address + "=" + hostname);
            return ModuleResult.ok();
        }
    }
}
