package io.steward.service.module;

/**
 * Capability: the service's reverse DNS may be set by its client. Steward's own DNS server answers
 * the PTR records from the reverse zones of its IP pools; a module whose platform also keeps PTRs
 * (an upstream provider's panel) is told of every change here.
 */
public interface ReverseDns {
    /** {@code hostname} null removes the PTR. */
    default ModuleResult ptrChanged(ModuleRequest request, String address, String hostname) {
        return ModuleResult.ok();
    }
}
