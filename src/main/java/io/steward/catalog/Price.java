package io.steward.catalog;

import java.math.BigDecimal;
import java.util.Objects;

/** A recurring (or one-time) price and the setup fee charged with the first period, unrounded as stored. */
public record Price(BigDecimal price, BigDecimal setup) {
    public static final Price ZERO = new Price(BigDecimal.ZERO, BigDecimal.ZERO);

    public Price {
        Objects.requireNonNull(price);
        Objects.requireNonNull(setup);
    }
}
