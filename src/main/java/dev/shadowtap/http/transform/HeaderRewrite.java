package dev.shadowtap.http.transform;

import java.util.Objects;
import java.util.regex.Pattern;

/**
 * A {@code --http-rewrite-header 'Name: regex,replacement'} rule: rewrites the value of the first
 * header called {@code name}. The replacement uses Go's template syntax ({@code $1}, {@code ${name}}).
 */
public record HeaderRewrite(String name, Pattern regex, String replacement) {
    public HeaderRewrite {
        Objects.requireNonNull(name, "name");
        Objects.requireNonNull(regex, "regex");
        Objects.requireNonNull(replacement, "replacement");
    }

    /** Parses {@code 'Name: regex,replacement'}: name before the first colon, regex before the first comma. */
    public static HeaderRewrite parse(String spec, String flag) {
        String[] p = FlagSpecs.split(spec, ':', flag, "'Name: regex,replacement'");
        String[] r = FlagSpecs.split(p[1].strip(), ',', flag, "'Name: regex,replacement'");
        if (r[1].indexOf('\r') >= 0 || r[1].indexOf('\n') >= 0) {
            throw new IllegalArgumentException(flag + ": a header value cannot hold a line break");
        }
        return new HeaderRewrite(FlagSpecs.headerName(p[0], flag, spec), GoRegex.compile(r[0], flag), r[1]);
    }
}
