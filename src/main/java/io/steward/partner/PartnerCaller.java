package io.steward.partner;

import io.steward.core.StewardException;
import java.util.ArrayList;
import java.util.List;

/**
 * The authenticated caller of a partner-API request: the partner and the OAuth client it used.
 * Every object a partner touches belongs to its own account or to one of its end clients;
 * {@link #clientFor} is the one check, answering 404 for anyone else's.
 */
public final class PartnerCaller {
    private final Partner partner;
    private final String credentialId;
    private final PartnerStore store;

    PartnerCaller(Partner partner, String credentialId, PartnerStore store) {
        this.partner = partner;
        this.credentialId = credentialId;
        this.store = store;
    }

    public Partner partner() { return partner; }

    public String credentialId() { return credentialId; }

    /** The partner's own client account: it is invoiced for everything ordered through the partner API. */
    public long billedClientId() { return partner.clientId(); }

    /** Whether {@code clientId} is the partner's account or one of its end clients. */
    public boolean owns(long clientId) {
        return clientId == partner.clientId() || store.linkOf(partner.id(), clientId).isPresent();
    }

    /** The account a request acts for: the given end client (404 unless the partner's), or the partner's own account. */
    public long clientFor(Long clientId) {
        if (clientId == null) return partner.clientId();
        if (!owns(clientId)) throw StewardException.notFound("Client not found");
        return clientId;
    }

    /** The partner's own account first, then its end clients by id. */
    public List<Long> clientIds() {
        var out = new ArrayList<Long>();
        out.add(partner.clientId());
        store.links(partner.id()).forEach(l -> out.add(l.clientId()));
        return out;
    }
}
