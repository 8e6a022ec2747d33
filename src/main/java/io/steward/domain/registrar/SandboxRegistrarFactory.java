package io.steward.domain.registrar;

import io.steward.modules.ModuleContext;
import io.steward.modules.ModuleFactory;
import io.steward.modules.ModuleKind;
import io.steward.modules.ModuleSettings;
import java.math.BigDecimal;
import java.time.Duration;
import java.util.Arrays;
import java.util.EnumSet;
import java.util.Optional;
import java.util.Set;
import java.util.function.Function;
import java.util.stream.Collectors;

/**
 * The built-in sandbox registrar (module id {@value #ID}): a registry kept in Steward's own
 * database, for trying Steward out and for tests. Settings under {@code modules.registrar.sandbox.}:
 * {@code transfer-delay} (ISO-8601 or "5d"-style duration; default 5 days) after which a
 * transfer to us completes, {@code reserved} (comma-separated names the registry refuses) and
 * {@code premium} ({@code name=price} pairs in {@code premium-currency}, default USD).
 */
public final class SandboxRegistrarFactory implements ModuleFactory<RegistrarModule> {
    public static final String ID = "sandbox";

    private SandboxRegistry registry;

    @Override public String id() { return ID; }

    @Override public ModuleKind kind() { return ModuleKind.REGISTRAR; }

    @Override public String label() { return "Sandbox registry (no real registrations)"; }

    @Override public boolean sandbox() { return true; }

    @Override
    public Set<String> capabilities() {
        return EnumSet.complementOf(EnumSet.of(Capability.URL_FORWARDING)).stream().map(Capability::code).collect(Collectors.toSet());
    }

    /** The registry is the node's (its state is in the database), so its settings are node settings, read here. */
    @Override
    public void init(ModuleContext context) {
        Function<String, Optional<String>> setting = key -> context.config().find("modules.registrar." + ID + "." + key);
        Duration delay = setting.apply("transfer-delay").map(SandboxRegistrarFactory::duration).orElse(Duration.ofDays(5));
        this.registry = new SandboxRegistry(context.db(), context.clock(), context.secrets(), delay);
        setting.apply("reserved").ifPresent(list -> Arrays.stream(list.split(",")).map(String::trim).filter(s -> !s.isEmpty())
                .forEach(n -> registry.special(n.toLowerCase(java.util.Locale.ROOT), "reserved", null, null)));
        String currency = setting.apply("premium-currency").orElse("USD");
        setting.apply("premium").ifPresent(list -> Arrays.stream(list.split(",")).map(String::trim).filter(s -> s.contains("="))
                .forEach(p -> registry.special(p.substring(0, p.indexOf('=')).trim().toLowerCase(java.util.Locale.ROOT), "premium",
                        new BigDecimal(p.substring(p.indexOf('=') + 1).trim()), currency)));
    }

    static Duration duration(String text) {
        String t = text.trim().toLowerCase(java.util.Locale.ROOT);
        if (t.startsWith("p")) return Duration.parse(text.trim().toUpperCase(java.util.Locale.ROOT));
        long n = Long.parseLong(t.replaceAll("[^0-9]", ""));
        if (t.endsWith("d")) return Duration.ofDays(n);
        if (t.endsWith("h")) return Duration.ofHours(n);
        if (t.endsWith("m")) return Duration.ofMinutes(n);
        return Duration.ofSeconds(n);
    }

    @Override
    public RegistrarModule create(ModuleSettings settings) {
        if (registry == null) throw new IllegalStateException("sandbox registrar used before init");
        return registry;
    }

    /** The registry's own side (taken names, transfers), for staff and demo data. */
    public SandboxRegistry registry() {
        return registry;
    }
}
