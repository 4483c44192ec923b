package dev.shadowtap.cli;

import java.math.BigDecimal;
import java.math.BigInteger;
import java.time.Duration;

/**
 * Durations exactly as Go's {@code time.ParseDuration} reads them: an optional sign, then one or more
 * decimal numbers each with a unit ({@code ns us µs μs ms s m h}), e.g. {@code 2s}, {@code 500ms},
 * {@code 1m30s}, {@code 1.5h}; a bare {@code 0} is zero. Go limits durations to about 292 years.
 */
public final class GoDurations {
    static final String EXPECTED = "a duration like 2s, 500ms or 1m30s";
    private static final BigInteger MAX_NANOS = BigInteger.valueOf(Long.MAX_VALUE);

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
        BigDecimal total = BigDecimal.ZERO;
        int i = 0;
        while (i < s.length()) {
            int start = i;
            while (i < s.length() && (Character.isDigit(s.charAt(i)) && s.charAt(i) < 128 || s.charAt(i) == '.')) {
                i++;
            }
            String number = s.substring(start, i);
            if (number.isEmpty() || number.equals(".") || number.indexOf('.') != number.lastIndexOf('.')) {
                throw new BadValueException(EXPECTED);
            }
            int unitStart = i;
            while (i < s.length() && !(Character.isDigit(s.charAt(i)) || s.charAt(i) == '.')) {
                i++;
            }
            long nanosPerUnit = unitNanos(s.substring(unitStart, i));
            total = total.add(new BigDecimal(number.endsWith(".") ? number + "0" : number.startsWith(".") ? "0" + number : number)
                    .multiply(BigDecimal.valueOf(nanosPerUnit)));
        }
        BigInteger nanos = total.toBigInteger();
        if (nanos.compareTo(MAX_NANOS) > 0) {
            throw new BadValueException(EXPECTED + ", below 2562047h");
        }
        return Duration.ofNanos(negative ? -nanos.longValue() : nanos.longValue());
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
                out.append(BigDecimal.valueOf(s).add(BigDecimal.valueOf(n, 9)).stripTrailingZeros().toPlainString()).append('s');
            }
        }
        return out.toString();
    }
}
