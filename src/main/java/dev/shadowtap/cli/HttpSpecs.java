package dev.shadowtap.cli;

import dev.shadowtap.http.transform.HttpTransformConfigBuilder;
import dev.shadowtap.pipeline.Limit;

import java.util.List;

import static dev.shadowtap.cli.Flag.*;

/**
 * The values of the HTTP filter, rewrite and sampling flags, handed to the transform package's
 * {@link HttpTransformConfigBuilder} (which owns their syntax: GoReplay's splitting, Go regexes with
 * {@code (?P<name>...)}), and the Kafka offset.
 */
public final class HttpSpecs {
    private HttpSpecs() {
    }

    /** The flags whose values {@link #add} reads, in the order their errors are reported. */
    static final List<Flag> TRANSFORM_FLAGS = List.of(HTTP_ALLOW_METHOD, HTTP_ALLOW_URL, HTTP_DISALLOW_URL,
            HTTP_ALLOW_HEADER, HTTP_DISALLOW_HEADER, HTTP_BASIC_AUTH_FILTER, HTTP_SET_HEADER, HTTP_SET_PARAM,
            HTTP_REWRITE_URL, HTTP_REWRITE_HEADER, HTTP_HEADER_LIMITER, HTTP_PARAM_LIMITER);

    /**
     * Adds {@code text}, one value of {@code flag} (one of {@link #TRANSFORM_FLAGS}), to {@code config}.
     * The transform package parses it (its one parser per spec, Go regexes included); its refusal becomes
     * the "expected ..." of the one-line usage error.
     */
    static void add(HttpTransformConfigBuilder config, Flag flag, String text) throws BadValueException {
        try {
            switch (flag) {
                case HTTP_ALLOW_METHOD -> config.allowMethod(text);
                case HTTP_ALLOW_URL -> config.allowUrl(text);
                case HTTP_DISALLOW_URL -> config.disallowUrl(text);
                case HTTP_ALLOW_HEADER -> config.allowHeader(text);
                case HTTP_DISALLOW_HEADER -> config.disallowHeader(text);
                case HTTP_BASIC_AUTH_FILTER -> config.basicAuthFilter(text);
                case HTTP_SET_HEADER -> config.setHeader(text);
                case HTTP_SET_PARAM -> config.setParam(text);
                case HTTP_REWRITE_URL -> config.rewriteUrl(text);
                case HTTP_REWRITE_HEADER -> config.rewriteHeader(text);
                case HTTP_HEADER_LIMITER -> config.headerLimiter(text);
                case HTTP_PARAM_LIMITER -> config.paramLimiter(text);
                default -> throw new IllegalStateException(flag.display() + " is not an HTTP transform flag");
            }
        } catch (IllegalArgumentException e) {
            throw new BadValueException(expected(flag, text, String.valueOf(e.getMessage())));
        }
    }

    /**
     * The transform's one-line reason ({@code "--flag: reason"}) as the "expected ..." of the usage error,
     * which already names the flag and the value: {@code "--x: expected 'Name: value', got 'v'"} becomes
     * {@code 'Name: value'}, any other reason follows the flag's value label.
     */
    private static String expected(Flag flag, String text, String message) {
        String reason = removeSuffix(removePrefix(message, flag.display() + ": "), ", got '" + text + "'");
        reason = removeSuffix(reason, " in '" + text + "'");
        return reason.startsWith("expected ") ? reason.substring("expected ".length()) : flag.valueLabel() + "; " + reason;
    }

    private static String removePrefix(String s, String prefix) {
        return s.startsWith(prefix) ? s.substring(prefix.length()) : s;
    }

    private static String removeSuffix(String s, String suffix) {
        return s.endsWith(suffix) ? s.substring(0, s.length() - suffix.length()) : s;
    }

    /** {@code -1}, {@code -2} or an offset, optionally with {@code |N%}. */
    public static KafkaOffset kafkaOffset(String text) throws BadValueException {
        String expected = "-1 (newest), -2 (oldest) or an offset, optionally with |N%";
        int bar = text.lastIndexOf('|');
        String number = (bar < 0 ? text : text.substring(0, bar)).strip();
        java.math.BigInteger offset = GoIntegers.parse(number).orElseThrow(() -> new BadValueException(expected));
        if (offset.compareTo(java.math.BigInteger.valueOf(-2)) < 0 || offset.bitLength() > 63) {
            throw new BadValueException(expected);
        }
        Limit limit = Limit.NONE;
        if (bar >= 0) {
            try {
                limit = Addresses.limit(text.substring(bar + 1).strip());
            } catch (BadValueException e) {
                throw new BadValueException(expected);
            }
        }
        return new KafkaOffset(offset.longValueExact(), limit);
    }
}
