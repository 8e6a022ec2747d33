package io.steward.catalog;

import static org.assertj.core.api.Assertions.assertThat;

import io.steward.core.BillingCycle;
import org.junit.jupiter.api.Test;

class PayTypeTest {
    @Test
    void pay_types_allow_only_their_own_cycles() {
        assertThat(Product.PayType.Regular.allows(BillingCycle.TRIENNIALLY)).isTrue();
        assertThat(Product.PayType.Regular.allows(BillingCycle.ONCE)).isFalse();
        assertThat(Product.PayType.Once.allows(BillingCycle.ONCE)).isTrue();
        assertThat(Product.PayType.Once.allows(BillingCycle.MONTHLY)).isFalse();
        assertThat(Product.PayType.Free.allows(BillingCycle.FREE)).isTrue();
        assertThat(Product.PayType.Free.allows(BillingCycle.ANNUALLY)).isFalse();
    }
}
