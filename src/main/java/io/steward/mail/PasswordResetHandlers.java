package io.steward.mail;

import static io.steward.core.Json.obj;

import io.steward.web.Call;
import java.util.List;

/** {@code POST /api/password/reset} and {@code POST /api/password/reset/confirm}: public, no credentials. */
public final class PasswordResetHandlers {
    private final PasswordResets resets;

    public PasswordResetHandlers(PasswordResets resets) {
        this.resets = resets;
    }

    public Object request(Call call) {
        var p = call.params();
        String email = p.string("email").or(() -> p.string("username")).orElse(null);
        resets.request(email, call.ip());
        return obj("success", true, "info", List.of("password_reset_sent"));
    }

    public Object confirm(Call call) {
        var p = call.params();
        resets.confirm(p.string("token").orElse(null), p.string("password").orElse(null), call.ip());
        return obj("success", true, "info", List.of("password_changed"));
    }
}
