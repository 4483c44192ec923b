package dev.shadowtap.http;

/**
 * The numbers of HTTP framing as strict parsers read them: the limit is on the value, not on the count
 * of digits, so leading zeros never make a valid length invalid ({@code 0000000000000000005} is 5).
 */
final class HttpNumbers {
    /** Significant decimal digits a length may have: anything shorter fits a long. */
    static final int MAX_DECIMAL_DIGITS = 18;
    /** Significant hex digits a chunk size may have (under 2^60). */
    static final int MAX_HEX_DIGITS = 15;

    private HttpNumbers() {
    }

    /** {@code 1*DIGIT} over {@code [from, to)}, or -1 when empty, not all digits, or too large. */
    static long decimal(byte[] b, int from, int to) {
        if (from >= to) {
            return -1;
        }
        long value = 0;
        int significant = 0;
        for (int i = from; i < to; i++) {
            int d = b[i] - '0';
            if (d < 0 || d > 9) {
                return -1;
            }
            if ((value != 0 || d != 0) && ++significant > MAX_DECIMAL_DIGITS) {
                return -1;
            }
            value = value * 10 + d;
        }
        return value;
    }

    /** The same for a string (a value of a comma list: rare, so the copy costs nothing that matters). */
    static long decimal(String s) {
        byte[] b = s.getBytes(java.nio.charset.StandardCharsets.ISO_8859_1);
        return decimal(b, 0, b.length);
    }

    /** Whether one more hex digit {@code d} after {@code size} would pass {@link #MAX_HEX_DIGITS} significant ones. */
    static boolean hexTooLong(long size, int d, int significantSoFar) {
        return (size != 0 || d != 0) && significantSoFar >= MAX_HEX_DIGITS;
    }
}
