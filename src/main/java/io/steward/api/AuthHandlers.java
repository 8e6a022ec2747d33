package io.steward.api;

import static io.steward.core.Json.obj;

import io.steward.auth.AuthService;
import io.steward.auth.Principal;
import io.steward.auth.TokenPair;
import io.steward.web.Call;

/** {@code /login}, {@code /token}, {@code /revoke}, {@code /logout}. */
final class AuthHandlers {
    private final AuthService auth;

    AuthHandlers(AuthService auth) {
        this.auth = auth;
    }

    Object login(Call call) {
        var p = call.params();
        String code = p.string("code").orElse(call.header(ClientApi.CODE_HEADER).orElse(null));
        TokenPair pair = auth.login(p.required("username"), p.required("password"), code, call.ip());
        return obj("token", pair.token(), "refresh", pair.refresh());
    }

    Object token(Call call) {
        TokenPair pair = auth.refresh(call.params().required("refresh_token"), call.ip());
        return obj("token", pair.token(), "refresh", pair.refresh());
    }

    /** With a refresh token, ends its session; otherwise ends the calling access token's session. */
    Object revoke(Call call) {
        var refresh = call.params().string("refresh_token").filter(s -> !s.isBlank());
        if (refresh.isPresent()) {
            auth.revokeByRefresh(refresh.get(), call.ip());
        } else {
            Principal principal = call.find(Principal.class).orElseThrow(() ->
                    io.steward.core.StewardException.badRequest("Pass refresh_token, or call with a valid access token"));
            auth.revokeSession(principal, call.ip());
        }
        return obj("status", true);
    }

    Object logout(Call call) {
        auth.revokeSession(call.get(Principal.class), call.ip());
        return obj("status", true);
    }
}
