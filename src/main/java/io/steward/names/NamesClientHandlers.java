package io.steward.names;

import static io.steward.core.Json.obj;

import io.steward.account.Actor;
import io.steward.core.Times;
import io.steward.web.Call;
import java.util.List;
import java.util.Map;

/** The client API's routes for proving control of names ({@code /dns/claims...}), in the references' style. */
public final class NamesClientHandlers {
    private final NameClaimService claims;

    NamesClientHandlers(NameClaimService claims) {
        this.claims = claims;
    }

    public Object list(Call call) {
        long clientId = call.get(Actor.class).clientId();
        return obj("claims", claims.claimsOf(clientId).stream().map(NamesClientHandlers::claim).toList(),
                "challenges", claims.challengesOf(clientId).stream().map(this::challenge).toList());
    }

    public Object challenge(Call call) {
        Challenge ch = claims.challenge(call.get(Actor.class).clientId(), call.params().required("name"));
        return obj("success", true, "challenge", challenge(ch),
                "info", List.of("Publish the TXT record " + ch.txtName() + " with the value " + ch.token()
                        + ", then verify with POST /api/dns/claims/verify"));
    }

    public Object verify(Call call) {
        var p = call.params();
        Claim c = claims.verify(call.get(Actor.class).clientId(), p.required("name"), p.string("method").orElse(null));
        return obj("success", true, "claim", claim(c), "info", List.of("Control of " + c.name() + " was verified (" + c.method() + ")."));
    }

    static Map<String, Object> claim(Claim c) {
        return obj("id", Long.toString(c.id()), "name", c.name(), "method", c.method(), "date", Times.stamp(c.createdAt()));
    }

    private Map<String, Object> challenge(Challenge ch) {
        return obj("name", ch.name(), "txt_name", ch.txtName(), "txt_value", ch.token(), "nameservers", claims.nameservers(),
                "ns_method", ch.nsBefore() ? "0" : "1", "date", Times.stamp(ch.createdAt()));
    }
}
