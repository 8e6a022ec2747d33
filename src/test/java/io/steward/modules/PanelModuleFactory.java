package io.steward.modules;

import io.steward.service.module.IpAddresses;
import io.steward.service.module.ModuleCallLog;
import io.steward.service.module.ModuleRequest;
import io.steward.service.module.ModuleResult;
import io.steward.service.module.ReverseDns;
import io.steward.service.module.ServerModule;
import io.steward.service.module.TrafficCounters;
import java.util.List;
import java.util.Set;

/**
 * A test server module (registered through test resources' META-INF/services) standing for a
 * hosting panel reached with a URL and an API key: its settings schema has every field type, its
 * connection test passes only with the key {@value #RIGHT_KEY}, and it has the IP, reverse DNS and
 * traffic capabilities. Calls are recorded in {@code module_call} under module {@code panel},
 * with the instance's URL, so tests see which instance served a service.
 */
public final class PanelModuleFactory implements ModuleFactory<ServerModule> {
    public static final String ID = "panel";
    public static final String RIGHT_KEY = "right-key-123";

    static final SettingsSchema SCHEMA = SettingsSchema.of(
            SettingField.string("url", true, null, "Panel address"),
            SettingField.secret("api_key", true, "API key"),
            SettingField.integer("port", false, 8443, "Panel port"),
            SettingField.bool("verify_tls", true, "Check the panel's certificate"),
            SettingField.choice("mode", "shared", "Account type", "shared", "reseller"));

    private ModuleCallLog log;

    @Override public String id() { return ID; }

    @Override public ModuleKind kind() { return ModuleKind.SERVER; }

    @Override public String label() { return "Test hosting panel"; }

    @Override public SettingsSchema schema() { return SCHEMA; }

    @Override public Set<String> capabilities() { return Set.of("ip_addresses", "reverse_dns", "traffic_counters"); }

    @Override
    public void init(ModuleContext context) {
        log = new ModuleCallLog(context.db(), context.clock());
    }

    @Override
    public ServerModule create(ModuleSettings settings) {
        return new Panel(log, settings.string("url"), settings.string("api_key"));
    }

    private record Panel(ModuleCallLog log, String url, String key) implements ServerModule, IpAddresses, ReverseDns, TrafficCounters {
        private ModuleResult call(ModuleRequest r) {
            log.record(r.serviceId(), r.jobId(), ID, r.action(), "{\"url\": \"" + url + "\", \"params\": " + r.params() + "}");
            return ModuleResult.ok();
        }

        @Override
        public Check testConnection() {
            return key.equals(RIGHT_KEY) ? Check.ok("Logged in to " + url) : Check.failed("The panel at " + url + " refused the API key");
        }

        @Override
        public Check health() {
            return url.isBlank() ? Check.failed("No URL") : Check.ok("Configured for " + url);
        }

        @Override public ModuleResult create(ModuleRequest r) { return call(r); }

        @Override public ModuleResult suspend(ModuleRequest r) { return call(r); }

        @Override public ModuleResult unsuspend(ModuleRequest r) { return call(r); }

        @Override public ModuleResult terminate(ModuleRequest r) { return call(r); }

        @Override public ModuleResult renew(ModuleRequest r) { return call(r); }

        @Override public ModuleResult changePackage(ModuleRequest r) { return call(r); }

        @Override public ModuleResult addressesChanged(ModuleRequest r, List<String> addresses) { return call(r); }

        @Override public List<Counter> counters(ModuleRequest r) { return List.of(new Counter("eth0", 1000, 2000)); }
    }
}
