package io.steward.service.module.sandbox;

import com.fasterxml.jackson.databind.JsonNode;
import com.fasterxml.jackson.databind.node.ObjectNode;
import io.steward.core.Json;
import io.steward.core.Secrets;
import io.steward.modules.ModuleContext;
import io.steward.modules.ModuleFactory;
import io.steward.modules.ModuleKind;
import io.steward.modules.ModuleSettings;
import io.steward.service.module.IpAddresses;
import io.steward.service.module.ModuleRequest;
import io.steward.service.module.ModuleResult;
import io.steward.service.module.PowerControl;
import io.steward.service.module.ReverseDns;
import io.steward.service.module.ServerModule;
import io.steward.service.module.TrafficCounters;
import io.steward.service.module.sandbox.SandboxAccounts.Account;
import java.time.LocalDateTime;
import java.util.ArrayList;
import java.util.List;
import java.util.Locale;

/**
 * The {@code sandbox} server module: a simulated hosting platform, labelled as such, that keeps
 * its accounts in {@code sandbox_account} and behaves like a real one. Accounts are created,
 * suspended, unsuspended and terminated for real (every action idempotent: creating an account
 * that exists answers it again, terminating a gone one succeeds); machines can be started,
 * stopped and rebooted; the addresses Steward assigns are recorded; and each account's network
 * interface {@code eth0} counts bytes at a per-account rate while it runs, starting from zero
 * after every boot, so traffic accounting sees real growth and real counter resets.
 */
public final class SandboxModuleFactory implements ModuleFactory<ServerModule> {
    public static final String ID = "sandbox";
    public static final String COUNTER = "eth0";

    private SandboxAccounts accounts;

    @Override public String id() { return ID; }

    @Override public ModuleKind kind() { return ModuleKind.SERVER; }

    @Override public String label() { return "Sandbox: a simulated hosting platform (accounts, power, addresses, traffic counters)"; }

    @Override public boolean sandbox() { return true; }

    @Override
    public java.util.Set<String> capabilities() {
        return java.util.Set.of("traffic_counters", "ip_addresses", "reverse_dns", "power_control");
    }

    @Override
    public void init(ModuleContext context) {
        this.accounts = new SandboxAccounts(context.db(), context.clock());
    }

    @Override
    public ServerModule create(ModuleSettings settings) {
        return new Sandbox(accounts);
    }

    /** Bytes per second into the account's interface: spread over 20-50 kB/s by service id, so accounts differ but stay stable. */
    public static long rateIn(long serviceId) {
        return 20_000 + Math.floorMod(serviceId * 7919, 30_000);
    }

    private record Sandbox(SandboxAccounts accounts) implements ServerModule, TrafficCounters, IpAddresses, ReverseDns, PowerControl {

        @Override
        public ModuleResult create(ModuleRequest r) {
            var existing = accounts.find(r.serviceId());
            if (existing.isEmpty()) {
                String username = blank(r.username()) ? username(r) : r.username();
                long in = rateIn(r.serviceId());
                if (!accounts.insert(r.serviceId(), username, packageOf(r), String.join(",", addresses(r.params())), in, in * 3)) {
                    existing = accounts.find(r.serviceId());
                } else {
                    return ModuleResult.provisioned(blank(r.username()) ? username : null,
                            blank(r.password()) ? Secrets.randomToken(9) : null, state(accounts.find(r.serviceId()).orElseThrow()));
                }
            }
            // Created before (a retry after a lost answer): the same account, brought back if it was terminated.
            Account a = accounts.update(r.serviceId(), cur -> cur.status().equals(SandboxAccounts.TERMINATED)
                    ? boot(withStatus(cur, SandboxAccounts.ACTIVE)) : cur).orElseThrow();
            return ModuleResult.provisioned(blank(r.username()) ? a.username() : null, null, state(a));
        }

        @Override
        public ModuleResult suspend(ModuleRequest r) {
            return act(r, a -> a.status().equals(SandboxAccounts.ACTIVE) ? freeze(withStatus(a, SandboxAccounts.SUSPENDED)) : a);
        }

        @Override
        public ModuleResult unsuspend(ModuleRequest r) {
            // A suspended machine was halted; lifting the suspension boots it, so its counters start again from zero.
            return act(r, a -> a.status().equals(SandboxAccounts.SUSPENDED) ? boot(withStatus(a, SandboxAccounts.ACTIVE)) : a);
        }

        @Override
        public ModuleResult terminate(ModuleRequest r) {
            accounts.update(r.serviceId(), a -> freeze(withStatus(a, SandboxAccounts.TERMINATED)));
            return ModuleResult.ok();
        }

        @Override
        public ModuleResult renew(ModuleRequest r) {
            return act(r, a -> a);
        }

        @Override
        public ModuleResult changePackage(ModuleRequest r) {
            String pkg = r.params() != null && r.params().hasNonNull("package") ? r.params().get("package").asText() : packageOf(r);
            return act(r, a -> new Account(a.serviceId(), a.username(), limit(pkg), a.status(), a.power(), a.addresses(), a.rateIn(),
                    a.rateOut(), a.countedIn(), a.countedOut(), a.countingSince()));
        }

        @Override
        public List<Counter> counters(ModuleRequest r) {
            var a = accounts.find(r.serviceId());
            if (a.isEmpty() || a.get().status().equals(SandboxAccounts.TERMINATED)) return List.of();
            long[] c = a.get().countersAt(accounts.now());
            return List.of(new Counter(COUNTER, c[0], c[1]));
        }

        @Override
        public ModuleResult addressesChanged(ModuleRequest r, List<String> addresses) {
            String joined = String.join(",", addresses);
            if (joined.length() > 2000) return ModuleResult.fatal("too many addresses for one account");
            return act(r, a -> new Account(a.serviceId(), a.username(), a.pkg(), a.status(), a.power(), joined, a.rateIn(),
                    a.rateOut(), a.countedIn(), a.countedOut(), a.countingSince()));
        }

        @Override
        public ModuleResult power(ModuleRequest r, PowerAction action) {
            var a = accounts.find(r.serviceId());
            if (a.isEmpty() || a.get().status().equals(SandboxAccounts.TERMINATED)) return ModuleResult.fatal("no such account");
            if (!a.get().status().equals(SandboxAccounts.ACTIVE)) return ModuleResult.fatal("the account is suspended");
            return act(r, cur -> switch (action) {
                case STOP -> cur.power().equals(SandboxAccounts.STOPPED) ? cur : freeze(withPower(cur, SandboxAccounts.STOPPED));
                case START -> cur.power().equals(SandboxAccounts.RUNNING) ? cur : boot(cur);
                case REBOOT -> boot(cur);
            });
        }

        @Override
        public String powerState(ModuleRequest r) {
            return accounts.find(r.serviceId()).filter(a -> !a.status().equals(SandboxAccounts.TERMINATED))
                    .map(a -> a.status().equals(SandboxAccounts.ACTIVE) ? a.power() : SandboxAccounts.STOPPED).orElse("unknown");
        }

        private ModuleResult act(ModuleRequest r, java.util.function.UnaryOperator<Account> change) {
            return accounts.update(r.serviceId(), change).map(a -> ModuleResult.ok(state(a)))
                    .orElseGet(() -> ModuleResult.fatal("no such account on the sandbox platform"));
        }

        /** Counters stop where they are (machine halted). */
        private Account freeze(Account a) {
            long[] c = a.countersAt(accounts.now());
            return new Account(a.serviceId(), a.username(), a.pkg(), a.status(), a.status().equals(SandboxAccounts.ACTIVE) ? a.power()
                    : SandboxAccounts.STOPPED, a.addresses(), a.rateIn(), a.rateOut(), c[0], c[1], null);
        }

        /** The machine (re)starts: running, counters from zero. */
        private Account boot(Account a) {
            LocalDateTime now = accounts.now();
            return new Account(a.serviceId(), a.username(), a.pkg(), a.status(), SandboxAccounts.RUNNING, a.addresses(), a.rateIn(),
                    a.rateOut(), 0, 0, now);
        }
    }

    private static Account withStatus(Account a, String status) {
        return new Account(a.serviceId(), a.username(), a.pkg(), status, a.power(), a.addresses(), a.rateIn(), a.rateOut(),
                a.countedIn(), a.countedOut(), a.countingSince());
    }

    private static Account withPower(Account a, String power) {
        return new Account(a.serviceId(), a.username(), a.pkg(), a.status(), power, a.addresses(), a.rateIn(), a.rateOut(),
                a.countedIn(), a.countedOut(), a.countingSince());
    }

    private static ObjectNode state(Account a) {
        ObjectNode n = Json.MAPPER.createObjectNode();
        n.put("platform", ID);
        n.put("account", a.username());
        n.put("package", a.pkg());
        n.put("status", a.status());
        n.put("power", a.power());
        var ips = n.putArray("addresses");
        if (!a.addresses().isEmpty()) for (String ip : a.addresses().split(",")) ips.add(ip);
        return n;
    }

    private static String packageOf(ModuleRequest r) {
        JsonNode c = r.moduleConfig();
        return limit(c != null && c.hasNonNull("package") ? c.get("package").asText() : "default");
    }

    private static String limit(String pkg) {
        String p = pkg == null || pkg.isBlank() ? "default" : pkg.trim();
        return p.length() > 64 ? p.substring(0, 64) : p;
    }

    /** The {@code params.addresses} the provisioning hooks gave, when any. */
    private static List<String> addresses(JsonNode params) {
        var out = new ArrayList<String>();
        if (params != null && params.get("addresses") instanceof JsonNode list && list.isArray()) {
            for (JsonNode ip : list) if (ip.isTextual()) out.add(ip.asText());
        }
        return out;
    }

    private static boolean blank(String s) {
        return s == null || s.isEmpty();
    }

    /** The domain's first eight letters and digits, else {@code sb<id>}, as a control panel would name the account. */
    private static String username(ModuleRequest r) {
        String letters = r.domain() == null ? "" : r.domain().toLowerCase(Locale.ROOT).replaceAll("[^a-z0-9]", "");
        if (!letters.isEmpty() && Character.isDigit(letters.charAt(0))) letters = "u" + letters;
        return letters.isEmpty() ? "sb" + r.serviceId() : letters.substring(0, Math.min(8, letters.length()));
    }
}
