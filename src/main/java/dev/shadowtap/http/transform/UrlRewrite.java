package dev.shadowtap.http.transform;

import java.util.Objects;
import java.util.regex.Pattern;

/**
 * A {@code --http-rewrite-url 'regex:replacement'} rule over the request target (path and query).
 * The replacement uses Go's template syntax: {@code $1}, {@code ${1}}, {@code ${name}}, {@code $$}.
 */
public record UrlRewrite(Pattern regex, String replacement) {
    public UrlRewrite {
        Objects.requireNonNull(regex, "regex");
        Objects.requireNonNull(replacement, "replacement");
    }

    /** Parses {@code 'regex:replacement'}, split at the first colon as GoReplay does (so the regex cannot hold one). */
    public static UrlRewrite parse(String spec, String flag) {
        String[] p = FlagSpecs.split(spec, ':', flag, "'regex:replacement'");
        if (p[0].isEmpty()) {
            // An empty regex matches between every two characters: surely a typo, not a rewrite.
            throw new IllegalArgumentException(flag + ": no regex in '" + spec + "'");
        }
        return new UrlRewrite(GoRegex.compile(p[0], flag), p[1]);
    }
}
