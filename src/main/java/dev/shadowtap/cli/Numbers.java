package dev.shadowtap.cli;

import java.time.Duration;

/** Small parsers for whole numbers in a range and for durations that cannot be negative. */
final class Numbers {
    private Numbers() {
    }

    static ValueParser<Integer> inRange(int min, int max) {
        String expected = max == Integer.MAX_VALUE ? "a whole number, " + min + " or more"
                : "a whole number from " + min + " to " + max;
        return text -> {
            String s = text.strip();
            if (!s.matches("-?\\d{1,10}")) {
                throw new BadValueException(expected);
            }
            long n = Long.parseLong(s);
            if (n < min || n > max) {
                throw new BadValueException(expected);
            }
            return (int) n;
        };
    }

    static Duration nonNegativeDuration(String text) throws BadValueException {
        Duration d = GoDurations.parse(text);
        if (d.isNegative()) {
            throw new BadValueException(GoDurations.EXPECTED + ", not negative");
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
