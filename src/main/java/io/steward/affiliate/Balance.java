package io.steward.affiliate;

import java.math.BigDecimal;

/**
 * Where an affiliate's money stands, in its currency: {@code pending} commissions still held,
 * {@code approved} commissions ever approved, {@code requested} payouts awaiting staff,
 * {@code withdrawn} payouts paid. {@link #available} is what a new payout may take.
 */
public record Balance(String currency, BigDecimal pending, BigDecimal approved, BigDecimal requested, BigDecimal withdrawn,
                      int referrals, int commissions) {
    public BigDecimal available() {
        return approved.subtract(requested).subtract(withdrawn);
    }

    public BigDecimal earned() {
        return pending.add(approved);
    }
}
