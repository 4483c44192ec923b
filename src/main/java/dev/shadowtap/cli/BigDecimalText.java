package dev.shadowtap.cli;

import java.math.BigDecimal;

/** Plain decimal text without a trailing {@code .0}: 200.0 is {@code 200}, 12.5 is {@code 12.5}. */
final class BigDecimalText {
    private BigDecimalText() {
    }

    static String of(double value) {
        return BigDecimal.valueOf(value).stripTrailingZeros().toPlainString();
    }
}
