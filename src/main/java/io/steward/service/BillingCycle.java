package io.steward.service;

import java.time.LocalDate;
import java.util.Arrays;
import java.util.Optional;

/**
 * A service's billing cycle as the references code it ({@code m q s a b t}, plus {@code Free} and
 * {@code Once} for one-time), with the name the client API prints ("Monthly", "Semi-Annually"...).
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

    private final String code;
    private final String label;
    private final int months;

    BillingCycle(String code, String label, int months) {
        this.code = code;
        this.label = label;
        this.months = months;
    }

    public String code() { return code; }

    /** The name the client API prints in {@code billingcycle}. */
    public String label() { return label; }

    public int months() { return months; }

    /** True for the cycles that renew (m q s a b t); Free and one-time services never come due. */
    public boolean recurring() { return months > 0; }

    /** By code ({@code m}, {@code Free}...) or by label ({@code Monthly}), case-insensitively. */
    public static Optional<BillingCycle> parse(String text) {
        if (text == null) return Optional.empty();
        String t = text.trim();
        return Arrays.stream(values()).filter(c -> c.code.equals(t) || c.label.equalsIgnoreCase(t) || c.code.equalsIgnoreCase(t)
                && c.months == 0).findFirst();
    }

    public static BillingCycle ofCode(String code) {
        return Arrays.stream(values()).filter(c -> c.code.equals(code)).findFirst()
                .orElseThrow(() -> new IllegalArgumentException("unknown billing cycle " + code));
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
