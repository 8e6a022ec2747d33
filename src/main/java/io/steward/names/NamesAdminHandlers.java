package io.steward.names;

import static io.steward.core.Json.obj;

import io.steward.core.Validation;
import io.steward.web.Call;
import io.steward.web.Reply;
import java.util.Map;
import java.util.function.LongPredicate;

/** Staff handlers for {@code /admin/api/names/claims}: list, give a name (and what is held under it) to a client, revoke. */
public final class NamesAdminHandlers {
    private final NameClaimService claims;
    private final LongPredicate clientExists;

    NamesAdminHandlers(NameClaimService claims, LongPredicate clientExists) {
        this.claims = claims;
        this.clientExists = clientExists;
    }

    public Object list(Call call) {
        var p = call.params();
        return obj("claims", claims.search(p.id("client_id").orElse(null), p.string("q").orElse(null)).stream()
                .map(NamesAdminHandlers::claim).toList());
    }

    public Object assign(Call call) {
        var p = call.params();
        var v = new Validation();
        Long clientId = p.id("client_id").orElse(null);
        v.check(clientId != null && clientExists.test(clientId), "client_id", "No such client");
        v.check(p.string("name").filter(s -> !s.isBlank()).isPresent(), "name", "A name is required");
        v.throwIfAny();
        return Reply.json(201, obj("claim", claim(claims.assign(clientId, p.string("name").orElseThrow()))));
    }

    public Object revoke(Call call) {
        return obj("claim", claim(claims.revoke(call.pathId("id"))), "deleted", true);
    }

    private static Map<String, Object> claim(Claim c) {
        return obj("id", c.id(), "client_id", c.clientId(), "name", c.name(), "method", c.method(), "created_at", io.steward.core.Times.stamp(c.createdAt()));
    }
}
