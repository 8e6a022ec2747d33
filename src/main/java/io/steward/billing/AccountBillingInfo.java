package io.steward.billing;

import io.steward.account.AccountService;
import io.steward.account.Profile;

/**
 * The interim {@link ClientBillingInfo}: details from the account feature, one currency for every
 * client ({@code billing.default-currency}) and no VAT number, until the client billing profile
 * of the tax feature is wired in.
 */
public final class AccountBillingInfo implements ClientBillingInfo {
    private final AccountService accounts;
    private final String currency;

    public AccountBillingInfo(AccountService accounts, String currency) {
        this.accounts = accounts;
        this.currency = currency;
    }

    @Override
    public ClientSnapshot snapshot(long clientId) {
        Profile p = accounts.details(clientId).profile();
        return new ClientSnapshot(clientId, p.email(), p.firstname(), p.lastname(), p.companyname(), p.address1(),
                p.address2(), p.city(), p.state(), p.postcode(), p.country(), p.phonenumber(), "");
    }

    @Override
    public String currency(long clientId) {
        return currency;
    }
}
