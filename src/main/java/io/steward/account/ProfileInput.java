package io.steward.account;

import io.steward.core.Validation;
import java.util.Locale;
import java.util.Set;
import java.util.regex.Pattern;

/**
 * A requested change to a {@link Profile}: every field nullable, null meaning "leave as is".
 * {@link #applyTo} merges and validates, reporting every bad field at once.
 */
public record ProfileInput(String email, String firstname, String lastname, String companyname, String address1,
                           String address2, String city, String state, String postcode, String country,
                           String phonenumber, String type, String mobilephone, Boolean ripetech, Boolean ripeadmin,
                           String ripeperson, String riperole) {

    private static final Pattern EMAIL = Pattern.compile("^[^@\\s\"<>()\\[\\],;:]+@[A-Za-z0-9](?:[A-Za-z0-9-]{0,61}[A-Za-z0-9])?(?:\\.[A-Za-z0-9](?:[A-Za-z0-9-]{0,61}[A-Za-z0-9])?)+$");
    private static final Pattern PHONE = Pattern.compile("^[+0-9][0-9 .()\\-]{0,39}$");
    private static final Pattern POSTCODE = Pattern.compile("^[A-Za-z0-9][A-Za-z0-9 \\-]{0,19}$");
    private static final Set<String> COUNTRIES = Set.of(Locale.getISOCountries());
    private static final Set<String> TYPES = Set.of("Private", "Company");

    public static boolean validEmail(String email) {
        return email != null && email.length() <= 254 && EMAIL.matcher(email).matches();
    }

    public Profile applyTo(Profile base, Validation v) {
        String e = email == null ? base.email() : email.trim();
        if (email != null && !validEmail(e)) v.add("email", "Email address is not valid");
        String c = country == null ? base.country() : country.trim().toUpperCase(Locale.ROOT);
        if (country != null && !c.isEmpty() && !COUNTRIES.contains(c)) v.add("country", "Country must be an ISO 3166-1 alpha-2 code, e.g. US or DE");
        String t = type == null ? base.type() : normaliseType(type.trim());
        if (type != null && !TYPES.contains(t)) v.add("type", "Account type must be Private or Company");
        String phone = text(phonenumber, base.phonenumber(), "phonenumber", 40, v);
        if (phonenumber != null && !phone.isEmpty() && !PHONE.matcher(phone).matches()) v.add("phonenumber", "Phone number may contain only digits, spaces, dots, dashes, brackets and a leading +");
        String mobile = text(mobilephone, base.mobilephone(), "mobilephone", 40, v);
        if (mobilephone != null && !mobile.isEmpty() && !(mobile.startsWith("+") && PHONE.matcher(mobile).matches())) v.add("mobilephone", "Mobile phone number must start with the country code prefix, e.g. +1");
        String pc = text(postcode, base.postcode(), "postcode", 20, v);
        if (postcode != null && !pc.isEmpty() && !POSTCODE.matcher(pc).matches()) v.add("postcode", "Post code may contain only letters, digits, spaces and dashes");
        return new Profile(e,
                text(firstname, base.firstname(), "firstname", 100, v),
                text(lastname, base.lastname(), "lastname", 100, v),
                text(companyname, base.companyname(), "companyname", 200, v),
                text(address1, base.address1(), "address1", 200, v),
                text(address2, base.address2(), "address2", 200, v),
                text(city, base.city(), "city", 100, v),
                text(state, base.state(), "state", 100, v),
                pc, c, phone, t, mobile,
                ripetech == null ? base.ripetech() : ripetech,
                ripeadmin == null ? base.ripeadmin() : ripeadmin,
                text(ripeperson, base.ripeperson(), "ripeperson", 100, v),
                text(riperole, base.riperole(), "riperole", 100, v));
    }

    private static String normaliseType(String t) {
        if (t.equalsIgnoreCase("private")) return "Private";
        if (t.equalsIgnoreCase("company")) return "Company";
        return t;
    }

    private static String text(String given, String current, String field, int max, Validation v) {
        if (given == null) return current;
        String s = given.strip();
        if (s.length() > max) v.add(field, field + " must be at most " + max + " characters");
        if (s.chars().anyMatch(ch -> ch < 0x20)) v.add(field, field + " must not contain control characters");
        return s;
    }
}
