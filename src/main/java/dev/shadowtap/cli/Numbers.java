package dev.shadowtap.cli;

import java.math.BigInteger;
import java.time.Duration;

/** Small parsers for whole numbers in a range (in Go's forms) and for durations that cannot be negative. */
final class Numbers {
    private Numbers() {
    }

    static ValueParser<Integer> inRange(int min, int max) {
        String expected = max == Integer.MAX_VALUE ? "a whole number, " + min + " or more"
                : "a whole number from " + min + " to " + max;
        return text -> {
            // Go's forms, as its flag package reads an int: 0x1f, 0o17, 017, 0b11, 1_000
            BigInteger n = GoIntegers.parse(text.strip()).orElseThrow(() -> new BadValueException(expected));
            if (n.compareTo(BigInteger.valueOf(min)) < 0 || n.compareTo(BigInteger.valueOf(max)) > 0) {
                throw new BadValueException(expected);
            }
            return n.intValueExact();
        };
    }

    static Duration nonNegativeDuration(String text) throws BadValueException {
        Duration d = GoDurations.parse(text);
        if (d.isNegative()) {
            throw new BadValueException(GoDurations.EXPECTED + ", not negative");
        }
        return d;
    }

    static Duration positiveDuration(String text) throws BadValueException {
        Duration d = GoDurations.parse(text);
        if (d.isNegative() || d.isZero()) {
            throw new BadValueException(GoDurations.EXPECTED + ", above zero");
        }
        return d;
    }

    /** {@code --verbose}: a level, or true (1) / false (0) as older GoReplay versions took it. */
    static int verbosity(String text) throws BadValueException {
        return switch (text) {
            case "true" -> 1;
            case "false" -> 0;
            default -> inRange(0, Integer.MAX_VALUE).parse(text);
        };
    }
}
