package io.steward.tax;

import io.steward.config.Config;
import java.util.ServiceLoader;
import java.util.TreeSet;

/** Finds the VAT-number checker module the configuration names. */
public final class VatCheckers {
    private VatCheckers() {}

    /** The initialised factory named by {@code billing.vat-checker} (default {@code syntax}); the caller closes it. */
    public static VatNumberCheckerFactory load(Config config) {
        String id = config.get("billing.vat-checker", "syntax");
        var known = new TreeSet<String>();
        for (VatNumberCheckerFactory f : ServiceLoader.load(VatNumberCheckerFactory.class)) {
            if (f.id().equals(id)) {
                f.init(config);
                return f;
            }
            known.add(f.id());
        }
        throw new IllegalArgumentException("billing.vat-checker: no VAT number checker module '" + id + "' (available: " + known + ")");
    }
}
