package dev.shadowtap.cli;

import java.math.BigInteger;
import java.util.Optional;

/**
 * Whole numbers as Go's flag package reads them ({@code strconv.ParseInt(s, 0, 64)}): an optional sign,
 * then {@code 0x} hex, {@code 0o} or a leading {@code 0} octal, {@code 0b} binary, else decimal (prefixes
 * in either case), with underscores only between digits or after the prefix ({@code 1_000}, {@code 0x_ff}).
 */
final class GoIntegers {
    private GoIntegers() {
    }

    /** The value, or empty when {@code text} is not a Go integer; the caller checks the range. */
    static Optional<BigInteger> parse(String text) {
        String s = text;
        boolean negative = false;
        if (!s.isEmpty() && (s.charAt(0) == '+' || s.charAt(0) == '-')) {
            negative = s.charAt(0) == '-';
            s = s.substring(1);
        }
        if (s.isEmpty() || !underscoresOk(s)) {
            return Optional.empty();
        }
        int radix = 10;
        String digits = s;
        if (s.length() >= 2 && s.charAt(0) == '0') {
            char base = Character.toLowerCase(s.charAt(1));
            radix = base == 'x' ? 16 : base == 'b' ? 2 : 8; // a leading 0 without a letter: octal
            digits = s.substring("xob".indexOf(base) >= 0 ? 2 : 1);
        }
        digits = digits.replace("_", "");
        if (digits.isEmpty()) {
            return Optional.empty();
        }
        for (int i = 0; i < digits.length(); i++) {
            if (digits.charAt(i) > 'z' || Character.digit(digits.charAt(i), radix) < 0) { // ASCII digits only
                return Optional.empty();
            }
        }
        BigInteger value = new BigInteger(digits, radix);
        return Optional.of(negative ? value.negate() : value);
    }

    /** Go's {@code underscoreOK}: each underscore sits between digits (a base prefix counts as one). */
    private static boolean underscoresOk(String s) {
        char saw = '^';
        int i = 0;
        boolean hex = false;
        if (s.length() >= 2 && s.charAt(0) == '0' && "box".indexOf(Character.toLowerCase(s.charAt(1))) >= 0) {
            i = 2;
            saw = '0';
            hex = Character.toLowerCase(s.charAt(1)) == 'x';
        }
        for (; i < s.length(); i++) {
            char c = s.charAt(i);
            char lower = Character.toLowerCase(c);
            if (c >= '0' && c <= '9' || hex && lower >= 'a' && lower <= 'f') {
                saw = '0';
            } else if (c == '_') {
                if (saw != '0') {
                    return false;
                }
                saw = '_';
            } else {
                if (saw == '_') {
                    return false;
                }
                saw = '!';
            }
        }
        return saw != '_';
    }
}
