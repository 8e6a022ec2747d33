package io.steward.core;

import java.util.Locale;
import java.util.Map;
import java.util.Optional;
import java.util.regex.Pattern;

/**
 * EU VAT numbers: which countries are EU member states, their VAT prefixes and the syntax of each
 * state's numbers (the formats the EU's VIES service documents; no check digits). Pure: knows
 * nothing of clients or tax rules. Whether a number is actually registered is a different
 * question, answered by a {@code tax.VatNumberChecker} module.
 *
 * <p>Numbers are normalised to upper case without spaces, dots or dashes and carry their
 * two-letter prefix ({@code NL123456789B01}); Greece's prefix is {@code EL}, not its ISO code.
 */
public final class VatNumbers {
    /** ISO country → pattern of the part after the prefix. */
    private static final Map<String, Pattern> SYNTAX = Map.ofEntries(
            Map.entry("AT", Pattern.compile("U[0-9]{8}")),
            Map.entry("BE", Pattern.compile("[01][0-9]{9}")),
            Map.entry("BG", Pattern.compile("[0-9]{9,10}")),
            Map.entry("CY", Pattern.compile("[0-9]{8}[A-Z]")),
            Map.entry("CZ", Pattern.compile("[0-9]{8,10}")),
            Map.entry("DE", Pattern.compile("[0-9]{9}")),
            Map.entry("DK", Pattern.compile("[0-9]{8}")),
            Map.entry("EE", Pattern.compile("[0-9]{9}")),
            Map.entry("GR", Pattern.compile("[0-9]{9}")),
            Map.entry("ES", Pattern.compile("[0-9A-Z][0-9]{7}[0-9A-Z]")),
            Map.entry("FI", Pattern.compile("[0-9]{8}")),
            Map.entry("FR", Pattern.compile("[0-9A-HJ-NP-Z]{2}[0-9]{9}")),
            Map.entry("HR", Pattern.compile("[0-9]{11}")),
            Map.entry("HU", Pattern.compile("[0-9]{8}")),
            Map.entry("IE", Pattern.compile("[0-9]{7}[A-W][A-I]?|[0-9][A-Z+*][0-9]{5}[A-W]")),
            Map.entry("IT", Pattern.compile("[0-9]{11}")),
            Map.entry("LT", Pattern.compile("[0-9]{9}|[0-9]{12}")),
            Map.entry("LU", Pattern.compile("[0-9]{8}")),
            Map.entry("LV", Pattern.compile("[0-9]{11}")),
            Map.entry("MT", Pattern.compile("[0-9]{8}")),
            Map.entry("NL", Pattern.compile("[0-9]{9}B[0-9]{2}")),
            Map.entry("PL", Pattern.compile("[0-9]{10}")),
            Map.entry("PT", Pattern.compile("[0-9]{9}")),
            Map.entry("RO", Pattern.compile("[1-9][0-9]{1,9}")),
            Map.entry("SE", Pattern.compile("[0-9]{10}01")),
            Map.entry("SI", Pattern.compile("[0-9]{8}")),
            Map.entry("SK", Pattern.compile("[0-9]{10}")));
    /** What a number that is not an EU one may look like: a tax id of some other country. */
    private static final Pattern OTHER = Pattern.compile("[A-Z0-9]{4,20}");

    private VatNumbers() {}

    /** Whether the ISO 3166-1 country is an EU member state. */
    public static boolean isEu(String country) {
        return country != null && SYNTAX.containsKey(country.toUpperCase(Locale.ROOT));
    }

    /** The VAT prefix of an EU member state ({@code EL} for Greece), or empty. */
    public static Optional<String> prefix(String country) {
        if (!isEu(country)) return Optional.empty();
        String c = country.toUpperCase(Locale.ROOT);
        return Optional.of(c.equals("GR") ? "EL" : c);
    }

    /** The member state a prefixed number belongs to ({@code EL} → {@code GR}), or empty. */
    public static Optional<String> countryOf(String number) {
        if (number == null || number.length() < 2) return Optional.empty();
        String p = number.substring(0, 2);
        String c = p.equals("EL") ? "GR" : p;
        return !p.equals("GR") && SYNTAX.containsKey(c) ? Optional.of(c) : Optional.empty();
    }

    /**
     * Normalises what a person typed: upper case, without spaces, dots and dashes; a number given
     * without its prefix gets the prefix of {@code country} when that is an EU member state.
     */
    public static String normalize(String raw, String country) {
        if (raw == null) return "";
        String n = raw.strip().toUpperCase(Locale.ROOT).replaceAll("[\\s.\\-]", "");
        // People write Greek numbers with the ISO code; VIES uses EL.
        if (n.startsWith("GR") && n.length() > 2 && n.substring(2).chars().allMatch(Character::isDigit)) n = "EL" + n.substring(2);
        if (n.isEmpty() || countryOf(n).isPresent()) return n;
        boolean lettersFirst = n.length() >= 2 && Character.isLetter(n.charAt(0)) && Character.isLetter(n.charAt(1));
        Optional<String> p = prefix(country);
        return p.isPresent() && !lettersFirst ? p.get() + n : n;
    }

    /** Whether a normalised, prefixed number has the syntax of its member state. */
    public static boolean validEuSyntax(String number) {
        return countryOf(number).map(c -> SYNTAX.get(c).matcher(number.substring(2)).matches()).orElse(false);
    }

    /**
     * Whether a normalised number is acceptable to keep on an account: an EU number (by its prefix)
     * must have its state's syntax; anything else must look like a tax id (4-20 letters and digits).
     */
    public static boolean acceptable(String number) {
        if (countryOf(number).isPresent()) return validEuSyntax(number);
        return OTHER.matcher(number).matches();
    }
}
