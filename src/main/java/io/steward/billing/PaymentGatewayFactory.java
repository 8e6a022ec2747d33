package io.steward.billing;

import io.steward.config.Config;

/**
 * A payment-gateway module, found by {@link java.util.ServiceLoader} (list the class in
 * {@code META-INF/services/io.steward.billing.PaymentGatewayFactory}). One factory per node:
 * {@link #init} once at start-up with the node's configuration, {@link #create} for each use with
 * the staff-configured gateway row, {@link #close} on shutdown. On start-up every module without
 * a gateway row gets one (enabled as {@link #enabledByDefault}), so staff can configure it through
 * the admin API: display name, fixed and percent fee, enabled.
 */
public interface PaymentGatewayFactory {
    /** The module id, stable forever: it names the gateway row ({@code banktransfer}). */
    String id();

    /** The display name a new gateway row starts with. */
    String defaultName();

    default boolean enabledByDefault() { return false; }

    default void init(Config config) {}

    PaymentGateway create(Gateway gateway);

    default void close() {}
}
