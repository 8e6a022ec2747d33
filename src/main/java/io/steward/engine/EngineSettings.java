package io.steward.engine;

import io.steward.config.Config;
import java.math.BigDecimal;
import java.time.LocalTime;

/**
 * The billing run's settings ({@code billing.renewal-lead-days} and {@code billing.engine.*}). A
 * negative number of days switches a step off.
 *
 * @param leadDays        renewal invoices this many days before the period starts (products may override)
 * @param reminderDays    a reminder when an unpaid invoice is due within this many days
 * @param overdueDays     an overdue notice this many days after the due date
 * @param lateFeeDays     the late fee this many days after the due date ({@code lateFeeType} none switches it off)
 * @param lateFeeType     {@code none}, {@code fixed} (an amount in the invoice's currency) or {@code percent} (of the invoice total)
 * @param suspendDays     suspend services this many days after their period started unpaid
 * @param terminateDays   terminate suspended services this many days after their period started unpaid
 * @param chunkSize       services or invoices per transaction
 * @param maxPeriods      periods one run invoices per service when catching up
 * @param scheduled       run daily on the scheduler at {@code runAt} (UTC)
 */
public record EngineSettings(int leadDays, int reminderDays, int overdueDays, int lateFeeDays, String lateFeeType,
                             BigDecimal lateFeeAmount, int suspendDays, int terminateDays, int chunkSize, int maxPeriods,
                             boolean scheduled, LocalTime runAt) {

    public static EngineSettings from(Config c) {
        String type = c.get("billing.engine.late-fee.type", "none").trim().toLowerCase(java.util.Locale.ROOT);
        if (!type.equals("none") && !type.equals("fixed") && !type.equals("percent")) {
            throw new IllegalArgumentException("billing.engine.late-fee.type must be none, fixed or percent");
        }
        BigDecimal amount = new BigDecimal(c.get("billing.engine.late-fee.amount", "0"));
        if (amount.signum() < 0) throw new IllegalArgumentException("billing.engine.late-fee.amount cannot be negative");
        var s = new EngineSettings(c.getInt("billing.renewal-lead-days", 14), c.getInt("billing.engine.reminder-days", 3),
                c.getInt("billing.engine.overdue-notice-days", 1), c.getInt("billing.engine.late-fee.days", 7), type, amount,
                c.getInt("billing.engine.suspend-days", 5), c.getInt("billing.engine.terminate-days", 30),
                c.getInt("billing.engine.chunk-size", 1000), c.getInt("billing.engine.max-periods", 12),
                c.getBool("billing.engine.scheduled", true), LocalTime.parse(c.get("billing.engine.run-at", "02:00")));
        if (s.chunkSize < 1 || s.maxPeriods < 1) throw new IllegalArgumentException("billing.engine.chunk-size and max-periods must be positive");
        return s;
    }

    boolean lateFees() {
        return lateFeeDays >= 0 && !lateFeeType.equals("none") && lateFeeAmount.signum() > 0;
    }
}
