package io.steward.service.module;

import java.util.List;

/**
 * Capability: the module takes addresses from Steward's IP pools. A product whose module has it
 * gets its addresses assigned by the provisioning job before {@link ServerModule#create}; the
 * addresses reach the module in the request's {@code params.addresses}, and again here whenever
 * staff change them.
 */
public interface IpAddresses {
    ModuleResult addressesChanged(ModuleRequest request, List<String> addresses);
}
