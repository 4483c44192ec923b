package dev.shadowtap.compare;

import java.util.Locale;
import java.util.Set;
import java.util.regex.Pattern;

/**
 * What changes on every response by nature: headers such as {@code Date} or {@code ETag}, and values
 * shaped like timestamps (ISO-8601 with a time of day, RFC 1123, epoch seconds, fractional too, or milliseconds near the given time),
 * UUIDs and long hex ids. A difference is volatile only when both sides have the same volatile shape.
 */
public final class VolatileShapes {
    /** Header names (lower case) whose values differ between any two responses. */
    public static final Set<String> HEADERS = Set.of("date", "set-cookie", "etag", "last-modified", "expires", "age",
            "x-request-id", "x-correlation-id", "x-trace-id", "traceparent", "tracestate", "x-amzn-trace-id",
            "x-amzn-requestid", "server-timing", "x-runtime", "x-response-time", "cf-ray", "x-served-by", "x-cache",
            "x-cache-hits", "x-timer", "report-to", "nel", "x-b3-traceid", "x-b3-spanid");

    /** Framing headers, not compared: they follow from the body and the connection. */
    public static final Set<String> FRAMING = Set.of("content-length", "transfer-encoding", "connection", "keep-alive");

    private static final Pattern ISO_8601 = Pattern.compile(
            "\\d{4}-\\d{2}-\\d{2}[T ]\\d{2}:\\d{2}(:\\d{2}([.,]\\d{1,9})?)?(Z|[+-]\\d{2}(:?\\d{2})?)?");
    private static final Pattern RFC_1123 = Pattern.compile(
            "(Mon|Tue|Wed|Thu|Fri|Sat|Sun), \\d{1,2} (Jan|Feb|Mar|Apr|May|Jun|Jul|Aug|Sep|Oct|Nov|Dec) \\d{4} "
                    + "\\d{2}:\\d{2}:\\d{2} (GMT|UTC|[+-]\\d{4})");
    private static final Pattern UUID = Pattern.compile(
            "[0-9a-fA-F]{8}-[0-9a-fA-F]{4}-[0-9a-fA-F]{4}-[0-9a-fA-F]{4}-[0-9a-fA-F]{12}");
    private static final Pattern LONG_HEX = Pattern.compile("[0-9a-fA-F]{16,}");
    private static final Pattern INTEGER = Pattern.compile("\\d{9,13}");
    /** Fractional epoch seconds as JSON writes a double: 1796628283.2418652 or 1.7966282832418652E9. */
    private static final Pattern FRACTIONAL = Pattern.compile("\\d{9,10}\\.\\d+|\\d\\.\\d+[eE]\\+?9");
    /** Any volatile-looking token inside a line of text, for masking. */
    private static final Pattern TOKEN = Pattern.compile(ISO_8601.pattern() + "|" + RFC_1123.pattern() + "|"
            + UUID.pattern() + "|" + LONG_HEX.pattern() + "|\\b\\d{10}(\\d{3})?\\b");
    /** 2000-01-01, in seconds: older epoch-like numbers are plain numbers. */
    private static final long EPOCH_FLOOR_SECONDS = 946_684_800L;
    private static final long DAY_SECONDS = 86_400L;

    /** Shapes, for "the same shape on both sides". */
    enum Shape { NONE, ISO_8601, RFC_1123, EPOCH_SECONDS, EPOCH_MILLIS, UUID, HEX }

    private VolatileShapes() {
    }

    public static boolean isVolatileHeader(String name) {
        return HEADERS.contains(name.toLowerCase(Locale.ROOT));
    }

    /**
     * Whether two differing values (as {@link Difference} holds them: JSON text or header values) have
     * the same volatile shape; {@code nowSeconds} bounds epoch timestamps (2000 to a day after now).
     */
    public static boolean bothVolatile(String reference, String candidate, long nowSeconds) {
        Shape a = shape(unquote(reference), nowSeconds);
        return a != Shape.NONE && a == shape(unquote(candidate), nowSeconds);
    }

    /** Whether two lines are equal once every volatile-looking token is replaced by a placeholder. */
    public static boolean equalWhenMasked(String reference, String candidate) {
        return mask(reference).equals(mask(candidate));
    }

    static String mask(String line) {
        return TOKEN.matcher(line).replaceAll("\u0000");
    }

    static Shape shape(String value, long nowSeconds) {
        String v = value.strip();
        if (v.isEmpty()) {
            return Shape.NONE;
        }
        if (INTEGER.matcher(v).matches()) {
            long n = Long.parseLong(v);
            long latest = nowSeconds + DAY_SECONDS;
            if (v.length() <= 10 && n >= EPOCH_FLOOR_SECONDS && n <= latest) {
                return Shape.EPOCH_SECONDS;
            }
            if (v.length() >= 12 && n >= EPOCH_FLOOR_SECONDS * 1000 && n <= latest * 1000) {
                return Shape.EPOCH_MILLIS;
            }
            return Shape.NONE;
        }
        if (FRACTIONAL.matcher(v).matches()) {
            double seconds = Double.parseDouble(v);
            return seconds >= EPOCH_FLOOR_SECONDS && seconds <= nowSeconds + DAY_SECONDS ? Shape.EPOCH_SECONDS : Shape.NONE;
        }
        if (ISO_8601.matcher(v).matches()) {
            return Shape.ISO_8601;
        }
        if (RFC_1123.matcher(v).matches()) {
            return Shape.RFC_1123;
        }
        if (UUID.matcher(v).matches()) {
            return Shape.UUID;
        }
        if (LONG_HEX.matcher(v).matches() && v.chars().anyMatch(Character::isDigit)) {
            return Shape.HEX;
        }
        return Shape.NONE;
    }

    private static String unquote(String value) {
        return value.length() >= 2 && value.startsWith("\"") && value.endsWith("\"")
                ? value.substring(1, value.length() - 1) : value;
    }
}
