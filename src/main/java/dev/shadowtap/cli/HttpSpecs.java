package dev.shadowtap.cli;

import dev.shadowtap.pipeline.Limit;

import java.util.regex.Pattern;
import java.util.regex.PatternSyntaxException;

/**
 * Parsers for the header, parameter, rewrite and limiter values of the HTTP flags, splitting as
 * GoReplay does (at the first {@code :} or {@code =}, names and header values trimmed). Regexes are
 * compiled here, once; a bad one is refused with the pattern in the message.
 */
public final class HttpSpecs {
    private HttpSpecs() {
    }

    /** {@code 'Name: value'}. */
    public static HeaderValue headerValue(String text) throws BadValueException {
        String[] parts = split(text, ':', "'Name: value'");
        return new HeaderValue(parts[0], parts[1].strip());
    }

    /** {@code name=value}. */
    public static ParamValue paramValue(String text) throws BadValueException {
        String[] parts = split(text, '=', "name=value");
        return new ParamValue(parts[0], parts[1]);
    }

    /** {@code regex:replacement} (the regex cannot contain {@code :}, as in GoReplay). */
    public static UrlRewrite urlRewrite(String text) throws BadValueException {
        int colon = text.indexOf(':');
        if (colon <= 0) {
            throw new BadValueException("'regex:replacement', e.g. /v1/(.*):/v2/$1");
        }
        return new UrlRewrite(regex(text.substring(0, colon)), text.substring(colon + 1));
    }

    /** {@code 'Name: regex,replacement'}. */
    public static HeaderRewrite headerRewrite(String text) throws BadValueException {
        String expected = "'Name: regex,replacement', e.g. 'Host: (.*).example.com,$1.beta.example.com'";
        String[] parts = split(text, ':', expected);
        String rule = parts[1].strip();
        int comma = rule.indexOf(',');
        if (comma < 0) {
            throw new BadValueException(expected);
        }
        return new HeaderRewrite(parts[0], regex(rule.substring(0, comma)), rule.substring(comma + 1));
    }

    /** {@code 'Name: regex'} of {@code --http-allow-header} and {@code --http-disallow-header}. */
    public static HeaderFilter headerFilter(String text) throws BadValueException {
        String[] parts = split(text, ':', "'Name: regex', e.g. 'api-version: ^v1'");
        return new HeaderFilter(parts[0], regex(parts[1].strip()));
    }

    /** {@code 'name: 25%'} of the header and parameter limiters; the percentage is 0 to 100. */
    public static HashLimiter hashLimiter(String text) throws BadValueException {
        String expected = "'name: N%' with N from 0 to 100, e.g. 'user-id: 25%'";
        String[] parts = split(text, ':', expected);
        String percent = parts[1].strip();
        if (!percent.matches("\\d{1,3}%") || Integer.parseInt(percent.substring(0, percent.length() - 1)) > 100) {
            throw new BadValueException(expected);
        }
        return new HashLimiter(parts[0], Integer.parseInt(percent.substring(0, percent.length() - 1)));
    }

    /** {@code -1}, {@code -2} or an offset, optionally with {@code |N%}. */
    public static KafkaOffset kafkaOffset(String text) throws BadValueException {
        String expected = "-1 (newest), -2 (oldest) or an offset, optionally with |N%";
        int bar = text.lastIndexOf('|');
        String number = (bar < 0 ? text : text.substring(0, bar)).strip();
        if (!number.matches("-?\\d{1,18}") || Long.parseLong(number) < -2) {
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
        return new KafkaOffset(Long.parseLong(number), limit);
    }

    /** A regex compiled once; a syntax error names the pattern. */
    public static Pattern regex(String pattern) throws BadValueException {
        try {
            return Pattern.compile(pattern);
        } catch (PatternSyntaxException e) {
            throw new BadValueException("a valid regex; '" + pattern + "' fails: " + e.getDescription());
        }
    }

    private static String[] split(String text, char separator, String expected) throws BadValueException {
        int at = text.indexOf(separator);
        if (at < 0 || text.substring(0, at).isBlank()) {
            throw new BadValueException(expected);
        }
        return new String[] {text.substring(0, at).strip(), text.substring(at + 1)};
    }
}
