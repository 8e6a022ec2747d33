package io.steward.modules;

import java.time.LocalDateTime;
import java.util.Map;

/**
 * A configured module as stored: the settings map holds secrets sealed ({@code v1:...}).
 *
 * @param configured whether the node keeps it in step with its configuration file (staff cannot change it)
 * @param isDefault  the instance used wherever only the module is named (a TLD's registrar, a
 *                   gateway row, a service on no server, {@code mail.transport}, {@code billing.vat-checker})
 */
public record ModuleInstance(long id, ModuleKind kind, String module, String name, boolean configured, boolean isDefault,
                             Map<String, String> sealedSettings, LocalDateTime lastTestAt, Boolean lastTestOk, String lastTestMessage,
                             LocalDateTime createdAt, LocalDateTime updatedAt) {}
