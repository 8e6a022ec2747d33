package io.steward.domain.registrar;

import io.steward.modules.ModuleFactory;
import io.steward.modules.ModuleInstances;
import io.steward.modules.ModuleKind;
import java.util.List;
import java.util.Optional;

/** The registrar modules of this node, as the domain feature sees them: a view of the node's module instances. */
public final class Registrars {
    private final ModuleInstances instances;

    public Registrars(ModuleInstances instances) {
        this.instances = instances;
    }

    /** The registrar's default instance, made for one use; empty when the module is not installed. */
    public Optional<RegistrarModule> module(String id) {
        return instances.openDefault(ModuleKind.REGISTRAR, id, RegistrarModule.class);
    }

    public Optional<ModuleFactory<?>> factory(String id) {
        return instances.modules().factory(ModuleKind.REGISTRAR, id);
    }

    public boolean has(String id) {
        return factory(id).isPresent();
    }

    /** Whether the registrar module declares the capability. */
    public boolean supports(String id, Capability c) {
        return factory(id).map(f -> f.capabilities().contains(c.code())).orElse(false);
    }

    public List<ModuleFactory<?>> list() {
        return instances.modules().ofKind(ModuleKind.REGISTRAR);
    }

    /** The sandbox registry, when the sandbox module is installed. */
    public Optional<SandboxRegistry> sandbox() {
        return factory(SandboxRegistrarFactory.ID).map(f -> ((SandboxRegistrarFactory) f).registry());
    }
}
