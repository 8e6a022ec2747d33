package io.steward.core;

import java.util.OptionalLong;

/**
 * The one reading of an id written as text (a path segment, a parameter, a nested field): ASCII
 * digits only, in canonical form ({@code 0} or no leading zero), within {@code long}. No sign, no
 * spaces, and none of the other Unicode digits that {@link Long#parseLong} and
 * {@link Character#isDigit} accept ({@code １}, {@code ١}), so one object has exactly one spelling
 * and a rule written for {@code /invoice/1} (a proxy's, a log search's) cannot be walked around.
 */
public final class Ids {
    private Ids() {}

    /** The id {@code text} spells, or empty when it is not exactly one. */
    public static OptionalLong parse(String text) {
        if (text == null || text.isEmpty() || text.length() > 19) return OptionalLong.empty();
        if (text.length() > 1 && text.charAt(0) == '0') return OptionalLong.empty();
        long value = 0;
        for (int i = 0; i < text.length(); i++) {
            char c = text.charAt(i);
            if (c < '0' || c > '9') return OptionalLong.empty();
            value = value * 10 + (c - '0');
            // 19 digits can pass Long.MAX_VALUE; the overflow shows as a negative value.
            if (value < 0) return OptionalLong.empty();
        }
        return OptionalLong.of(value);
    }

    /** {@link #parse}, for code written around {@link Long#parseLong}: anything but an id throws {@link NumberFormatException}. */
    public static long strict(String text) {
        return parse(text).orElseThrow(() -> new NumberFormatException("not an id: " + text));
    }

    /**
     * A whole number (not an id: a count, a sort order, a limit): an optional {@code -} and ASCII
     * digits, within {@code long}; empty for anything else.
     */
    public static OptionalLong parseWhole(String text) {
        if (text == null || text.isEmpty() || text.length() > 20) return OptionalLong.empty();
        boolean negative = text.charAt(0) == '-';
        String digits = negative ? text.substring(1) : text;
        if (digits.isEmpty()) return OptionalLong.empty();
        for (int i = 0; i < digits.length(); i++) {
            char c = digits.charAt(i);
            if (c < '0' || c > '9') return OptionalLong.empty();
        }
        try {
            return OptionalLong.of(Long.parseLong(text));
        } catch (NumberFormatException e) {
            return OptionalLong.empty();
        }
    }
}
