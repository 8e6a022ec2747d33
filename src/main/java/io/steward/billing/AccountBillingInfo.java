package io.steward.billing;

import io.steward.account.AccountService;
import io.steward.account.Client;
import io.steward.account.Profile;
import java.util.Collection;
import java.util.Map;

/**
 * {@link ClientBillingInfo} from the account feature: the client's details for the invoice snapshot
 * (with the VAT number of its billing profile) and the currency it is billed in.
 */
public final class AccountBillingInfo implements ClientBillingInfo {
    private final AccountService accounts;

    public AccountBillingInfo(AccountService accounts) {
        this.accounts = accounts;
    }

    @Override
    public ClientSnapshot snapshot(long clientId) {
        return snapshot(accounts.details(clientId));
    }

    private static ClientSnapshot snapshot(Client client) {
        long clientId = client.id();
        Profile p = client.profile();
        String vat = client.billing().vatNumber() == null ? "" : client.billing().vatNumber();
        return new ClientSnapshot(clientId, p.email(), p.firstname(), p.lastname(), p.companyname(), p.address1(),
                p.address2(), p.city(), p.state(), p.postcode(), p.country(), p.phonenumber(), vat);
    }

    @Override
    public String currency(long clientId) {
        return accounts.details(clientId).billing().currency();
    }

    /** Reads the clients in bulk; one missing from the read is asked for alone (and is a 404 as before). */
    @Override
    public ClientBillingInfo forBatch(Collection<Long> clientIds) {
        Map<Long, Client> read = accounts.detailsOf(clientIds);
        return new ClientBillingInfo() {
            private Client client(long id) {
                Client c = read.get(id);
                return c != null ? c : accounts.details(id);
            }

            @Override
            public ClientSnapshot snapshot(long clientId) {
                return AccountBillingInfo.snapshot(client(clientId));
            }

            @Override
            public String currency(long clientId) {
                return client(clientId).billing().currency();
            }

            @Override
            public Map<Long, Client> accounts() {
                return read;
            }
        };
    }
}
