package io.steward.service.module;

/** Capability: the module can start, stop and reboot the service's machine and tell its power state. */
public interface PowerControl {
    enum PowerAction { START, STOP, REBOOT }

    ModuleResult power(ModuleRequest request, PowerAction action);

    /** {@code running}, {@code stopped} or {@code unknown}. */
    String powerState(ModuleRequest request);
}
