package io.steward.catalog;

import java.util.List;
import java.util.Locale;
import java.util.Optional;

/**
 * A billing cycle as the references spell it: {@code m q s a b t} (1, 3, 6, 12, 24 and 36 months),
 * plus {@code Free} (nothing to pay) and {@code Once} (a one-time price).
 */
public enum Cycle {
    MONTHLY("m", 1, "Monthly"),
    QUARTERLY("q", 3, "Quarterly"),
    SEMI_ANNUALLY("s", 6, "Semi-Annually"),
    ANNUALLY("a", 12, "Annually"),
    BIENNIALLY("b", 24, "Biennially"),
    TRIENNIALLY("t", 36, "Triennially"),
    FREE("Free", 0, "Free"),
    ONCE("Once", 0, "One Time");

    /** The six recurring cycles, shortest first. */
    public static final List<Cycle> RECURRING = List.of(MONTHLY, QUARTERLY, SEMI_ANNUALLY, ANNUALLY, BIENNIALLY, TRIENNIALLY);

    private final String code;
    private final int months;
    private final String title;

    Cycle(String code, int months, String title) {
        this.code = code;
        this.months = months;
        this.title = title;
    }

    /** The wire code: {@code m}, {@code a}, {@code Free}, {@code Once}... */
    public String code() { return code; }

    /** Months in one period; 0 for {@link #FREE} and {@link #ONCE}, which do not renew. */
    public int months() { return months; }

    /** The references' name for the cycle ("Annually"), as in a quote's recurring totals. */
    public String title() { return title; }

    public boolean recurring() { return months > 0; }

    /** The cycle with this code; codes are matched without regard to case ({@code free}, {@code M}). */
    public static Optional<Cycle> parse(String code) {
        if (code == null) return Optional.empty();
        String c = code.trim().toLowerCase(Locale.ROOT);
        for (Cycle cycle : values()) {
            if (cycle.code.toLowerCase(Locale.ROOT).equals(c)) return Optional.of(cycle);
        }
        return Optional.empty();
    }

    public static String codes() {
        return "m, q, s, a, b, t, Free, Once";
    }
}
