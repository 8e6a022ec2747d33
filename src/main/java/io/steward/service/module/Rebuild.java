package io.steward.service.module;

/** Capability: the module can reinstall the service's machine from a template ({@code params.template}). */
public interface Rebuild {
    ModuleResult rebuild(ModuleRequest request);
}
