package io.steward.m365;

import io.steward.modules.ModuleContext;
import io.steward.modules.ModuleFactory;
import io.steward.modules.ModuleKind;
import io.steward.modules.ModuleSettings;
import java.util.Set;

/** The built-in sandbox CSP (module kind {@code m365}, id {@value #ID}): see {@link SandboxCsp}. */
public final class SandboxCspFactory implements ModuleFactory<CspModule> {
    public static final String ID = "sandbox";

    private SandboxCsp csp;

    @Override public String id() { return ID; }

    @Override public ModuleKind kind() { return ModuleKind.M365; }

    @Override public String label() { return "Sandbox Microsoft CSP (no real tenants or subscriptions)"; }

    @Override public boolean sandbox() { return true; }

    @Override public Set<String> capabilities() { return Set.of("tenants", "catalog", "subscriptions", "seat_changes", "cancel", "suspend", "currencies"); }

    @Override
    public void init(ModuleContext context) {
        this.csp = new SandboxCsp(context.db(), context.clock());
    }

    @Override
    public CspModule create(ModuleSettings settings) {
        if (csp == null) throw new IllegalStateException("sandbox CSP used before init");
        return csp;
    }
}
