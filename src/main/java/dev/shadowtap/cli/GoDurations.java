package dev.shadowtap.cli;

import java.time.Duration;

/**
 * Durations exactly as Go's {@code time.ParseDuration} reads them: an optional sign, then one or more
 * decimal numbers each with a unit ({@code ns us µs μs ms s m h}), e.g. {@code 2s}, {@code 500ms},
 * {@code 1m30s}, {@code 1.5h}; a bare {@code 0} is zero. Go limits durations to about 292 years. The
 * arithmetic is Go's own (a uint64 accumulator, fractions through a float64), so values agree to the
 * nanosecond; no BigDecimal, whose class set-up alone costs ~35 ms of every start.
 */
public final class GoDurations {
    static final String EXPECTED = "a duration like 2s, 500ms or 1m30s";
    /** 2^63 as an unsigned long: Go accumulates in a uint64 and refuses anything above it. */
    private static final long LIMIT = Long.MIN_VALUE;

    private GoDurations() {
    }

    public static Duration parse(String text) throws BadValueException {
        String s = text;
        boolean negative = false;
        if (!s.isEmpty() && (s.charAt(0) == '-' || s.charAt(0) == '+')) {
            negative = s.charAt(0) == '-';
            s = s.substring(1);
        }
        if (s.equals("0")) {
            return Duration.ZERO;
        }
        if (s.isEmpty()) {
            throw new BadValueException(EXPECTED);
        }
        long total = 0; // unsigned, at most 2^63 (Go's uint64 accumulator)
        int i = 0;
        while (i < s.length()) {
            char first = s.charAt(i);
            if (!(first == '.' || isDigit(first))) {
                throw new BadValueException(EXPECTED);
            }
            int start = i;
            long whole = 0;
            for (; i < s.length() && isDigit(s.charAt(i)); i++) {
                if (Long.compareUnsigned(whole, Long.divideUnsigned(LIMIT, 10)) > 0) {
                    throw tooLarge();
                }
                whole = whole * 10 + (s.charAt(i) - '0');
                if (Long.compareUnsigned(whole, LIMIT) > 0) {
                    throw tooLarge();
                }
            }
            boolean digitsBefore = i > start;
            long fraction = 0;
            double scale = 1;
            boolean digitsAfter = false;
            if (i < s.length() && s.charAt(i) == '.') {
                i++;
                int fractionStart = i;
                boolean overflow = false;
                for (; i < s.length() && isDigit(s.charAt(i)); i++) {
                    // like Go's leadingFraction: past the precision of an int64 the digits stop counting
                    int digit = s.charAt(i) - '0';
                    if (overflow || fraction > (Long.MAX_VALUE - digit) / 10) {
                        overflow = true;
                        continue;
                    }
                    fraction = fraction * 10 + digit;
                    scale *= 10;
                }
                digitsAfter = i > fractionStart;
            }
            if (!digitsBefore && !digitsAfter) {
                throw new BadValueException(EXPECTED);
            }
            int unitStart = i;
            while (i < s.length() && !(isDigit(s.charAt(i)) || s.charAt(i) == '.')) {
                i++;
            }
            long unit = unitNanos(s.substring(unitStart, i));
            if (Long.compareUnsigned(whole, Long.divideUnsigned(LIMIT, unit)) > 0) {
                throw tooLarge();
            }
            long value = whole * unit;
            if (fraction > 0) {
                // as Go does it: a float64 is exact to the nanosecond for fractions of the largest unit
                value += (long) ((double) fraction * ((double) unit / scale));
                if (Long.compareUnsigned(value, LIMIT) > 0) {
                    throw tooLarge();
                }
            }
            total += value;
            if (Long.compareUnsigned(total, LIMIT) > 0) {
                throw tooLarge();
            }
        }
        if (negative) {
            return Duration.ofNanos(-total); // -2^63 when total is 2^63: Go's minimum duration
        }
        if (total < 0) {
            throw tooLarge();
        }
        return Duration.ofNanos(total);
    }

    private static boolean isDigit(char c) {
        return c >= '0' && c <= '9';
    }

    private static BadValueException tooLarge() {
        return new BadValueException(EXPECTED + ", at most 2562047h47m16.854775807s");
    }

    private static long unitNanos(String unit) throws BadValueException {
        return switch (unit) {
            case "ns" -> 1L;
            case "us", "\u00b5s", "\u03bcs" -> 1_000L;
            case "ms" -> 1_000_000L;
            case "s" -> 1_000_000_000L;
            case "m" -> 60_000_000_000L;
            case "h" -> 3_600_000_000_000L;
            default -> throw new BadValueException(EXPECTED);
        };
    }

    /** A Go-style spelling that {@link #parse} reads back exactly, e.g. {@code 1m30s}, {@code 1.5s}. */
    public static String format(Duration d) {
        if (d.isZero()) {
            return "0s";
        }
        String sign = d.isNegative() ? "-" : "";
        Duration a = d.abs();
        long h = a.toHours();
        long m = a.toMinutesPart();
        long s = a.toSecondsPart();
        long n = a.toNanosPart();
        StringBuilder out = new StringBuilder(sign);
        if (h > 0) {
            out.append(h).append('h');
        }
        if (m > 0) {
            out.append(m).append('m');
        }
        if (s > 0 || n > 0) {
            if (n == 0) {
                out.append(s).append('s');
            } else if (s == 0 && n % 1_000_000 == 0) {
                out.append(n / 1_000_000).append("ms");
            } else if (s == 0 && n < 1_000_000) {
                out.append(n).append("ns");
            } else {
                String nanos = Long.toString(1_000_000_000L + n).substring(1); // nine digits
                int end = nanos.length();
                while (nanos.charAt(end - 1) == '0') {
                    end--;
                }
                out.append(s).append('.').append(nanos, 0, end).append('s');
            }
        }
        return out.toString();
    }
}
