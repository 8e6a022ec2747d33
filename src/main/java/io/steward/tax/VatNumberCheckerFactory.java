package io.steward.tax;

import io.steward.config.Config;

/**
 * A VAT-number checker module, found by {@link java.util.ServiceLoader} (listed in
 * {@code META-INF/services/io.steward.tax.VatNumberCheckerFactory}) and chosen by its {@link #id}
 * in config {@code billing.vat-checker} (default {@code syntax}). One factory per node: the node
 * calls {@link #init} once at start, {@link #create} for the checker it uses, and {@link #close}
 * on shutdown.
 */
public interface VatNumberCheckerFactory {
    String id();

    /** Reads the module's settings (e.g. {@code billing.vat-checker.<id>.*}); fails start-up when they are wrong. */
    void init(Config config);

    VatNumberChecker create();

    default void close() {}
}
