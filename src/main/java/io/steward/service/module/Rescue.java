package io.steward.service.module;

/** Capability: the module can boot the service's machine into a rescue system and back. */
public interface Rescue {
    ModuleResult rescue(ModuleRequest request);

    ModuleResult unrescue(ModuleRequest request);
}
