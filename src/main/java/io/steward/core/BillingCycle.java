package io.steward.core;

import java.time.LocalDate;
import java.util.Arrays;
import java.util.List;
import java.util.Locale;
import java.util.Optional;

/**
 * A billing cycle as the references code it: {@code m q s a b t} (1, 3, 6, 12, 24 and 36 months),
 * plus {@code Free} (nothing to pay) and {@code Once} (a one-time price), with the name the client
 * API prints ("Monthly", "Semi-Annually", "One Time").
 */
public enum BillingCycle {
    MONTHLY("m", "Monthly", 1),
    QUARTERLY("q", "Quarterly", 3),
    SEMI_ANNUALLY("s", "Semi-Annually", 6),
    ANNUALLY("a", "Annually", 12),
    BIENNIALLY("b", "Biennially", 24),
    TRIENNIALLY("t", "Triennially", 36),
    FREE("Free", "Free", 0),
    ONCE("Once", "One Time", 0);

    /** The six recurring cycles, shortest first. */
    public static final List<BillingCycle> RECURRING = List.of(MONTHLY, QUARTERLY, SEMI_ANNUALLY, ANNUALLY, BIENNIALLY, TRIENNIALLY);

    private final String code;
    private final String label;
    private final int months;

    BillingCycle(String code, String label, int months) {
        this.code = code;
        this.label = label;
        this.months = months;
    }

    /** The wire code: {@code m}, {@code a}, {@code Free}, {@code Once}... */
    public String code() { return code; }

    /**
     * The references' name for the cycle: a service's {@code billingcycle} and the titles of a
     * quote's recurring totals and one-time invoice lines.
     */
    public String label() { return label; }

    /** Months in one period; 0 for {@link #FREE} and {@link #ONCE}, which do not renew. */
    public int months() { return months; }

    /** True for the cycles that renew (m q s a b t); Free and one-time services never come due. */
    public boolean recurring() { return months > 0; }

    /**
     * By code ({@code m}, {@code Free}...) or by label ({@code Monthly}), case-insensitively,
     * except that the one-letter codes must be lower case (the admin API's {@code billing_cycle}).
     */
    public static Optional<BillingCycle> parse(String text) {
        if (text == null) return Optional.empty();
        String t = text.trim();
        return Arrays.stream(values()).filter(c -> c.code.equals(t) || c.label.equalsIgnoreCase(t) || c.code.equalsIgnoreCase(t)
                && c.months == 0).findFirst();
    }

    /**
     * By code only, without regard to case ({@code free}, {@code M}); labels do not parse. The
     * catalog's price tables and order requests name cycles this way.
     */
    public static Optional<BillingCycle> parseCode(String code) {
        if (code == null) return Optional.empty();
        String c = code.trim().toLowerCase(Locale.ROOT);
        for (BillingCycle cycle : values()) {
            if (cycle.code.toLowerCase(Locale.ROOT).equals(c)) return Optional.of(cycle);
        }
        return Optional.empty();
    }

    /** The cycle with exactly this code, as stored; anything else is a programming error. */
    public static BillingCycle ofCode(String code) {
        return Arrays.stream(values()).filter(c -> c.code.equals(code)).findFirst()
                .orElseThrow(() -> new IllegalArgumentException("unknown billing cycle " + code));
    }

    public static String codes() {
        return "m, q, s, a, b, t, Free, Once";
    }

    /**
     * The start of the period after the one starting at {@code periodStart}: one cycle later, on
     * {@code billingDay} or the month's last day when the month is shorter. Keeping the billing day
     * means a service due on the 31st is due on Feb 28 and then on Mar 31 again, not drifting to
     * the 28th for good.
     */
    public LocalDate next(LocalDate periodStart, int billingDay) {
        if (!recurring()) throw new IllegalStateException(label + " services have no periods");
        LocalDate d = periodStart.plusMonths(months);
        int day = Math.min(Math.max(billingDay, 1), d.lengthOfMonth());
        return d.withDayOfMonth(day);
    }
}
