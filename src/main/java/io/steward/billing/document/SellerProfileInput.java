package io.steward.billing.document;

import io.steward.core.Validation;
import io.steward.core.VatNumbers;
import java.math.BigInteger;
import java.util.Locale;
import java.util.Set;
import java.util.regex.Pattern;

/**
 * A change to the seller profile: every field nullable, null meaning "keep the current value";
 * an empty string clears an optional field. Normalised and validated against the fields it
 * changes, so a profile written before a rule existed can still be edited elsewhere.
 */
public record SellerProfileInput(String legalName, String address1, String address2, String postcode, String city,
                                 String country, String vatNumber, String registrationNumber, String register,
                                 String iban, String bic, String bankName, String email, String phone, String peppolId,
                                 String peppolScheme) {
    private static final Set<String> COUNTRIES = Set.of(Locale.getISOCountries());
    private static final Pattern BIC = Pattern.compile("[A-Z]{4}[A-Z]{2}[A-Z0-9]{2}([A-Z0-9]{3})?");
    private static final Pattern IBAN = Pattern.compile("[A-Z]{2}[0-9]{2}[A-Z0-9]{11,30}");
    private static final Pattern EMAIL = Pattern.compile("[^@\\s]+@[^@\\s]+\\.[^@\\s]+");
    private static final Pattern SCHEME = Pattern.compile("[0-9]{4}");

    /** The profile after this change (id and validity are the store's), or field errors in {@code v}. */
    SellerProfile applyTo(SellerProfile base, Validation v) {
        String name = pick(legalName, base.legalName());
        v.check(!name.isEmpty(), "legal_name", "The seller's legal name is required");
        String cc = pick(country, base.country()).toUpperCase(Locale.ROOT);
        v.check(COUNTRIES.contains(cc), "country", "Country must be an ISO 3166-1 alpha-2 code, e.g. NL");
        String vat = base.vatNumber();
        if (vatNumber != null) {
            vat = VatNumbers.normalize(vatNumber, cc);
            if (!vat.isEmpty() && (vat.length() > 32 || !VatNumbers.acceptable(vat))) {
                v.add("vat_number", "VAT number does not have the format of a VAT number of " + cc);
            }
        }
        String iban = base.iban();
        if (this.iban != null) {
            iban = this.iban.replaceAll("[\\s-]", "").toUpperCase(Locale.ROOT);
            if (!iban.isEmpty() && !validIban(iban)) v.add("iban", "IBAN is not valid (country, check digits, length)");
        }
        String bic = base.bic();
        if (this.bic != null) {
            bic = this.bic.replaceAll("\\s", "").toUpperCase(Locale.ROOT);
            if (!bic.isEmpty() && !BIC.matcher(bic).matches()) v.add("bic", "BIC must be 8 or 11 letters and digits, e.g. INGBNL2A");
        }
        String mail = pick(email, base.email());
        if (!mail.isEmpty() && !EMAIL.matcher(mail).matches()) v.add("email", "Email address is not valid");
        String scheme = pick(peppolScheme, base.peppolScheme());
        String pid = pick(peppolId, base.peppolId());
        if (!scheme.isEmpty() && !SCHEME.matcher(scheme).matches()) v.add("peppol_scheme", "Peppol scheme must be a 4-digit ISO 6523 ICD, e.g. 0106");
        if (scheme.isEmpty() != pid.isEmpty()) v.add(pid.isEmpty() ? "peppol_id" : "peppol_scheme", "Peppol id and scheme go together");
        return new SellerProfile(0, null, name, pick(address1, base.address1()), pick(address2, base.address2()),
                pick(postcode, base.postcode()), pick(city, base.city()), cc, vat, pick(registrationNumber, base.registrationNumber()),
                pick(register, base.register()), iban, bic, pick(bankName, base.bankName()), mail, pick(phone, base.phone()), pid, scheme);
    }

    private static String pick(String given, String current) {
        return given == null ? current : given.strip();
    }

    /** ISO 13616: the letters as numbers, the first four characters moved to the end, mod 97 is 1. */
    static boolean validIban(String iban) {
        if (!IBAN.matcher(iban).matches() || !COUNTRIES.contains(iban.substring(0, 2))) return false;
        var digits = new StringBuilder();
        for (char ch : (iban.substring(4) + iban.substring(0, 4)).toCharArray()) {
            digits.append(Character.isDigit(ch) ? String.valueOf(ch) : String.valueOf(ch - 'A' + 10));
        }
        return new BigInteger(digits.toString()).mod(BigInteger.valueOf(97)).intValue() == 1;
    }
}
