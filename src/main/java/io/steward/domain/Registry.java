package io.steward.domain;

import io.steward.core.ErrorCode;
import io.steward.core.StewardException;
import io.steward.domain.registrar.Capability;
import io.steward.domain.registrar.RegistrarException;
import io.steward.domain.registrar.RegistrarModule;
import io.steward.domain.registrar.Registrars;
import java.util.List;
import java.util.Map;
import java.util.function.Function;

/**
 * Calls a domain's registrar module on behalf of the client API: checks the module supports the
 * action (422 otherwise) and turns a registrar's refusal into a 422 carrying its message, a
 * registrar that cannot be reached into a 503.
 */
final class Registry {
    private final Registrars registrars;

    Registry(Registrars registrars) {
        this.registrars = registrars;
    }

    RegistrarModule module(String id) {
        return registrars.module(id).orElseThrow(() -> new StewardException(ErrorCode.UNAVAILABLE,
                "The registrar module '" + id + "' is not installed on this node"));
    }

    boolean supports(String registrar, Capability c) {
        return registrars.supports(registrar, c);
    }

    <T> T call(String registrar, Capability needed, Function<RegistrarModule, T> work) {
        RegistrarModule m = module(registrar);
        if (needed != null && !registrars.supports(registrar, needed)) {
            throw new StewardException(ErrorCode.UNPROCESSABLE, List.of("The registrar of this domain does not support this action"),
                    Map.of());
        }
        try {
            return work.apply(m);
        } catch (RegistrarException e) {
            if (e.retryable()) throw new StewardException(ErrorCode.UNAVAILABLE, "The registrar could not be reached; try again later");
            throw new StewardException(ErrorCode.UNPROCESSABLE, List.of(e.getMessage()), Map.of());
        }
    }

    void run(String registrar, Capability needed, java.util.function.Consumer<RegistrarModule> work) {
        call(registrar, needed, m -> {
            work.accept(m);
            return null;
        });
    }
}
