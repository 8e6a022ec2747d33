package io.steward.domain.registrar;

import java.time.LocalDate;
import java.util.List;

/**
 * What the registry says about a name. {@code status}: {@code ok}, {@code pendingTransfer} (a
 * transfer to us waits for the losing side), {@code expired}, or {@code transferredAway} (the
 * name is no longer held through this registrar).
 */
public record RegistryInfo(String name, String status, LocalDate expires, boolean locked, boolean privacy, List<String> nameservers) {
    public static final String OK = "ok";
    public static final String PENDING_TRANSFER = "pendingTransfer";
    public static final String EXPIRED = "expired";
    public static final String TRANSFERRED_AWAY = "transferredAway";
}
