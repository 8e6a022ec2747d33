package io.steward.partner;

import static io.steward.core.Json.obj;

import io.steward.web.Call;
import io.steward.web.Params;
import java.util.List;
import java.util.Map;

/** The partner API's own handlers: OAuth tokens and end clients. Routes are in {@code partner.api.PartnerApi}. */
public final class PartnerHandlers {
    private final PartnerTokens tokens;
    private final PartnerClients clients;

    PartnerHandlers(PartnerTokens tokens, PartnerClients clients) {
        this.tokens = tokens;
        this.clients = clients;
    }

    private static PartnerCaller caller(Call call) {
        return call.get(PartnerCaller.class);
    }

    private static String text(Params p, String name) {
        return p.string(name).orElse(null);
    }

    private static Map<String, Object> tokenBody(PartnerTokens.Issued i) {
        return obj("token_type", "Bearer", "expires_in", i.expiresIn(), "access_token", i.accessToken(), "refresh_token", i.refreshToken());
    }

    /** {@code POST auth/token}: {@code client_id}, {@code client_secret}; {@code grant_type} may be given and must then be client_credentials. */
    public Object token(Call call) {
        Params p = call.params();
        grantType(p, "client_credentials");
        return tokenBody(tokens.issue(p.required("client_id"), p.required("client_secret")));
    }

    /** {@code POST auth/token/refresh}: {@code refresh_token}, {@code client_id}, {@code client_secret}. */
    public Object refresh(Call call) {
        Params p = call.params();
        grantType(p, "refresh_token");
        return tokenBody(tokens.refresh(p.required("refresh_token"), p.required("client_id"), p.required("client_secret")));
    }

    private static void grantType(Params p, String expected) {
        p.string("grant_type").filter(g -> !g.isBlank() && !g.equals(expected)).ifPresent(g -> {
            throw io.steward.core.StewardException.invalid(Map.of("grant_type", List.of("The grant type must be " + expected + ".")));
        });
    }

    // End clients

    private static ClientInput input(Params p) {
        return new ClientInput(text(p, "firstname"), text(p, "lastname"), text(p, "company"), text(p, "password"), text(p, "postcode"),
                text(p, "address1"), text(p, "address2"), text(p, "city"), text(p, "country"), text(p, "email"), text(p, "phone"),
                text(p, "client_type"), text(p, "vat_number"));
    }

    static Map<String, Object> client(PartnerClients.EndClient e, boolean stringId) {
        var p = e.client().profile();
        return obj("id", stringId ? (Object) String.valueOf(e.client().id()) : (Object) e.client().id(), "firstname", p.firstname(),
                "lastname", p.lastname(), "company", p.companyname(), "address1", p.address1(), "address2", p.address2(), "city", p.city(),
                "postcode", p.postcode(), "country", p.country(), "phone", p.phonenumber(), "email", p.email(), "client_type", e.clientType(),
                "vat_number", e.vatNumber());
    }

    public Object listClients(Call call) {
        var list = clients.list(caller(call), call.params().string("keyword").orElse(null));
        return PartnerReplies.ok("List clients", list.stream().map(e -> client(e, true)).toList());
    }

    public Object addClient(Call call) {
        var e = clients.add(caller(call), input(call.params()));
        return PartnerReplies.ok("Added Client", List.of(client(e, false)));
    }

    public Object updateClient(Call call) {
        var e = clients.update(caller(call), call.pathId("clientId"), input(call.params()));
        return PartnerReplies.ok("Updated Client", List.of(client(e, false)));
    }

    public Object deleteClient(Call call) {
        clients.delete(caller(call), call.pathId("clientId"));
        return obj("success", true, "message", "Deleted Client");
    }
}
