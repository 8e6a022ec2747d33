package io.steward.tax;

/**
 * Who is taxed: where the client is (country and state as on the account), whether staff exempted
 * it from tax, and whether its VAT number was found valid for its country (by the configured
 * {@link VatNumberChecker}; false when it has none or it was not checked).
 */
public record TaxSubject(String country, String state, boolean taxExempt, boolean vatNumberValid) {
    public TaxSubject {
        country = country == null ? "" : country.strip().toUpperCase(java.util.Locale.ROOT);
        state = state == null ? "" : state.strip();
    }
}
