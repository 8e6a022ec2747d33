package io.steward.partner;

import io.steward.account.ProfileInput;
import io.steward.core.Validation;
import java.util.Locale;
import java.util.Set;
import java.util.regex.Pattern;

/**
 * An end client as the partner API sends it ({@code clients/add}, {@code PUT clients/{id}}), with
 * the reference's rules: lengths, the password's three-of-five character categories, an
 * upper-case ISO 3166 country, an alphanumeric post code and VAT number, the two client types.
 * Null means "not given".
 */
public record ClientInput(String firstname, String lastname, String company, String password, String postcode, String address1,
                          String address2, String city, String country, String email, String phone, String clientType, String vatNumber) {
    public static final Set<String> CLIENT_TYPES = Set.of("Managed Client", "Self Servicing Client");
    private static final Set<String> COUNTRIES = Set.of(Locale.getISOCountries());
    private static final Pattern ALNUM = Pattern.compile("[A-Za-z0-9]+");

    /** Every rule at once; {@code creating} adds the password and client type, which only {@code clients/add} takes. */
    void validate(boolean creating, Validation v) {
        length(v, "firstname", firstname, 1, 100, true);
        length(v, "lastname", lastname, 1, 100, true);
        length(v, "company", company, 1, 100, false);
        if (length(v, "postcode", postcode, 1, 100, true) && !ALNUM.matcher(postcode).matches()) {
            v.add("postcode", "The postcode must only contain letters and numbers.");
        }
        length(v, "address1", address1, 1, 100, true);
        length(v, "address2", address2, 1, 100, false);
        length(v, "city", city, 1, 100, true);
        if (present(country, v, "country", true) && !(country.length() == 2 && country.equals(country.toUpperCase(Locale.ROOT))
                && COUNTRIES.contains(country))) {
            v.add("country", "The country must be a 2-character upper-case ISO 3166 country code.");
        }
        if (length(v, "email", email, 5, 100, true) && !ProfileInput.validEmail(email)) v.add("email", "The email must be a valid email address.");
        length(v, "phone", phone, 5, 25, true);
        if (vatNumber != null && !vatNumber.isEmpty() && length(v, "vat_number", vatNumber, 3, 100, false) && !ALNUM.matcher(vatNumber).matches()) {
            v.add("vat_number", "The vat number must only contain letters and numbers.");
        }
        if (creating) {
            if (length(v, "password", password, 6, 100, true) && categories(password) < 3) {
                v.add("password", "The password must contain characters from at least three of: upper case, lower case, digits, "
                        + "non-alphanumeric, other Unicode characters.");
            }
            if (present(clientType, v, "client_type", true) && !CLIENT_TYPES.contains(clientType)) {
                v.add("client_type", "The client type must be \"Managed Client\" or \"Self Servicing Client\".");
            }
        }
    }

    /** How many of the five categories the password draws on (Microsoft's complexity rule, which the reference quotes). */
    static int categories(String password) {
        boolean upper = false, lower = false, digit = false, symbol = false, unicode = false;
        for (int i = 0; i < password.length(); ) {
            int c = password.codePointAt(i);
            i += Character.charCount(c);
            if (c >= 'A' && c <= 'Z') upper = true;
            else if (c >= 'a' && c <= 'z') lower = true;
            else if (c >= '0' && c <= '9') digit = true;
            else if (c < 128) symbol = true;
            else if (Character.isLetter(c)) unicode = true;
            else symbol = true;
        }
        int n = 0;
        for (boolean b : new boolean[] {upper, lower, digit, symbol, unicode}) if (b) n++;
        return n;
    }

    private static boolean present(String value, Validation v, String field, boolean required) {
        if (value == null || value.isEmpty()) {
            if (required) v.add(field, "The " + field.replace('_', ' ') + " field is required.");
            return false;
        }
        return true;
    }

    /** True when the value is given and its length is in range (so further rules apply). */
    private static boolean length(Validation v, String field, String value, int min, int max, boolean required) {
        if (!present(value, v, field, required)) return false;
        int n = value.codePointCount(0, value.length());
        if (n < min || n > max) {
            v.add(field, "The " + field.replace('_', ' ') + " must be between " + min + " and " + max + " characters.");
            return false;
        }
        return true;
    }

    /** The account profile fields this input sets (the account feature applies its own rules on top). */
    ProfileInput profile() {
        return new ProfileInput(email, firstname, lastname, company == null ? "" : company, address1, address2 == null ? "" : address2, city,
                null, postcode, country, phone, company == null || company.isEmpty() ? "Private" : "Company", null, null, null, null, null);
    }
}
