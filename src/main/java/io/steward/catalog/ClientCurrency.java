package io.steward.catalog;

/**
 * The currency a client is billed and shown prices in. The billing profile owns it; until a
 * client has one, every client gets {@link CatalogService#defaultCurrency()}.
 */
@FunctionalInterface
public interface ClientCurrency {
    String of(long clientId);
}
