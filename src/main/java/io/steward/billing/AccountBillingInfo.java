package io.steward.billing;

import io.steward.account.AccountService;
import io.steward.account.Profile;

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
        var client = accounts.details(clientId);
        Profile p = client.profile();
        String vat = client.billing().vatNumber() == null ? "" : client.billing().vatNumber();
        return new ClientSnapshot(clientId, p.email(), p.firstname(), p.lastname(), p.companyname(), p.address1(),
                p.address2(), p.city(), p.state(), p.postcode(), p.country(), p.phonenumber(), vat);
    }

    @Override
    public String currency(long clientId) {
        return accounts.details(clientId).billing().currency();
    }
}
