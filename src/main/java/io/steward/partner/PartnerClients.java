package io.steward.partner;

import io.steward.account.BillingInput;
import io.steward.account.Client;
import io.steward.account.ClientAdminService;
import io.steward.core.StewardException;
import io.steward.core.Times;
import io.steward.core.Validation;
import io.steward.db.Db;
import java.time.Clock;
import java.util.ArrayList;
import java.util.List;
import java.util.Locale;

/**
 * A partner's end clients: real client accounts (they can log in to the client area with the
 * password the partner set), linked to the partner. Account rules stay the account feature's;
 * this adds the partner API's rules and the link.
 */
public final class PartnerClients {
    /** An end client with its partner-API attributes. */
    public record EndClient(Client client, String clientType, String vatNumber) {}

    private final Db db;
    private final Clock clock;
    private final PartnerStore store;
    private final ClientAdminService accounts;

    PartnerClients(Db db, Clock clock, PartnerStore store, ClientAdminService accounts) {
        this.db = db;
        this.clock = clock;
        this.store = store;
        this.accounts = accounts;
    }

    /** The partner's end clients whose first name, last name or company contains {@code keyword} (case-insensitive). */
    public List<EndClient> list(PartnerCaller caller, String keyword) {
        String k = keyword == null ? "" : keyword.trim().toLowerCase(Locale.ROOT);
        var out = new ArrayList<EndClient>();
        for (var link : store.links(caller.partner().id())) {
            Client c = accounts.get(link.clientId());
            var p = c.profile();
            String hay = (p.firstname() + "\n" + p.lastname() + "\n" + p.companyname()).toLowerCase(Locale.ROOT);
            if (k.isEmpty() || hay.contains(k)) out.add(new EndClient(c, link.clientType(), link.vatNumber()));
        }
        return out;
    }

    /** A new end client, billed in the partner's currency (the partner pays for what it orders). */
    public EndClient add(PartnerCaller caller, ClientInput input) {
        var v = new Validation();
        input.validate(true, v);
        v.throwIfAny();
        String currency = accounts.get(caller.partner().clientId()).billing().currency();
        return db.tx(() -> {
            Client c = accounts.create(input.profile(), new BillingInput(currency, null, null), input.password(), "Active",
                    "End client of partner " + caller.partner().name());
            String vat = input.vatNumber() == null ? "" : input.vatNumber();
            store.link(c.id(), caller.partner().id(), input.clientType(), vat, Times.now(clock));
            return new EndClient(c, input.clientType(), vat);
        });
    }

    public EndClient update(PartnerCaller caller, long clientId, ClientInput input) {
        var link = store.linkOf(caller.partner().id(), clientId).orElseThrow(() -> StewardException.notFound("Client not found"));
        var v = new Validation();
        input.validate(false, v);
        v.throwIfAny();
        return db.tx(() -> {
            Client c = accounts.update(clientId, input.profile(), BillingInput.NONE, null);
            String vat = input.vatNumber() == null ? link.vatNumber() : input.vatNumber();
            store.updateLink(clientId, vat);
            return new EndClient(c, link.clientType(), vat);
        });
    }

    /** Deletes the account; one that still has services, domains or invoices answers 409 (the account feature's dependents decide). */
    public void delete(PartnerCaller caller, long clientId) {
        store.linkOf(caller.partner().id(), clientId).orElseThrow(() -> StewardException.notFound("Client not found"));
        db.txRun(() -> {
            store.unlink(clientId);
            accounts.delete(clientId);
        });
    }
}
