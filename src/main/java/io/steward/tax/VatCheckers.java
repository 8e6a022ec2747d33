package io.steward.tax;

import io.steward.config.Config;
import io.steward.modules.ModuleFactory;
import io.steward.modules.ModuleInstances;
import io.steward.modules.ModuleKind;

/** The VAT-number checker the configuration names, served by its module's default instance. */
public final class VatCheckers {
    private VatCheckers() {}

    /**
     * The checker of the module named by {@code billing.vat-checker} (default {@code syntax}); a
     * module that is not installed fails start-up. Each check uses the module's default instance
     * as it is then, so staff changes to its settings apply at once.
     */
    public static VatNumberChecker configured(Config config, ModuleInstances instances) {
        String id = config.get("billing.vat-checker", "syntax");
        if (!instances.modules().has(ModuleKind.VAT, id)) {
            throw new IllegalArgumentException("billing.vat-checker: no VAT number checker module '" + id + "' (available: "
                    + instances.modules().ofKind(ModuleKind.VAT).stream().map(ModuleFactory::id).toList() + ")");
        }
        return (country, vatNumber) -> instances.openDefault(ModuleKind.VAT, id, VatNumberChecker.class)
                .orElseThrow(() -> new IllegalStateException("VAT number checker " + id + " has no default instance"))
                .check(country, vatNumber);
    }
}
