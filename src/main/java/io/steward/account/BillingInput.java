package io.steward.account;

import io.steward.core.Validation;
import io.steward.core.VatNumbers;
import java.util.ArrayList;
import java.util.Currency;
import java.util.List;
import java.util.Locale;
import java.util.Objects;
import java.util.regex.Pattern;

/**
 * A requested change to a client's {@link Client.Billing}: every field nullable, null meaning
 * "leave as is"; an empty VAT number removes it. Clients may change only their VAT number and
 * language; the currency and the tax exemption are staff decisions (the dialects enforce who sends
 * what).
 */
public record BillingInput(String currency, Boolean taxExempt, String vatNumber, String language) {
    public static final BillingInput NONE = new BillingInput(null, null, null, null);

    /** Leaves the language as is. */
    public BillingInput(String currency, Boolean taxExempt, String vatNumber) {
        this(currency, taxExempt, vatNumber, null);
    }
    private static final Pattern CODE = Pattern.compile("[A-Z]{3}");

    /** Whether {@code code} is an ISO 4217 currency code (upper case). */
    public static boolean validCurrency(String code) {
        if (code == null || !CODE.matcher(code).matches()) return false;
        try {
            Currency.getInstance(code);
            return true;
        } catch (IllegalArgumentException e) {
            return false;
        }
    }

    /**
     * Merges and validates. {@code country} is the account's country after the same change: a
     * VAT number typed without its prefix takes that country's prefix.
     */
    public Client.Billing applyTo(Client.Billing base, String country, Validation v) {
        String cur = currency == null ? base.currency() : currency.strip().toUpperCase(Locale.ROOT);
        if (currency != null && !validCurrency(cur)) v.add("currency", "Currency must be an ISO 4217 code, e.g. USD or EUR");
        String vat = base.vatNumber();
        if (vatNumber != null) {
            vat = VatNumbers.normalize(vatNumber, country);
            if (!vat.isEmpty() && (vat.length() > 32 || !VatNumbers.acceptable(vat))) {
                v.add("vat_number", VatNumbers.countryOf(vat).isPresent()
                        ? "VAT number does not have the format of a " + VatNumbers.countryOf(vat).get() + " VAT number"
                        : "VAT number must be 4 to 20 letters and digits, an EU number starting with its country prefix");
            }
        }
        String lang = base.language();
        if (language != null) {
            lang = language.strip().toLowerCase(Locale.ROOT);
            if (!Client.LANGUAGES.contains(lang)) v.add("language", "Language must be one of " + String.join(", ", Client.LANGUAGES));
        }
        return new Client.Billing(cur, taxExempt == null ? base.taxExempt() : taxExempt, vat, lang);
    }

    /** Names of the billing fields that differ, for the activity log. */
    static List<String> changedFields(Client.Billing a, Client.Billing b) {
        var out = new ArrayList<String>();
        if (!Objects.equals(a.currency(), b.currency())) out.add("currency");
        if (a.taxExempt() != b.taxExempt()) out.add("tax_exempt");
        if (!Objects.equals(a.vatNumber(), b.vatNumber())) out.add("vat_number");
        if (!Objects.equals(a.language(), b.language())) out.add("language");
        return out;
    }
}
