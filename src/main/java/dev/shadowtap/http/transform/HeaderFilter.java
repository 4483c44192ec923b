package dev.shadowtap.http.transform;

import java.util.Objects;
import java.util.regex.Pattern;

/**
 * A {@code --http-allow-header} or {@code --http-disallow-header} rule: the first header called
 * {@code name} (any case) is matched against {@code regex}.
 */
public record HeaderFilter(String name, Pattern regex) {
    public HeaderFilter {
        Objects.requireNonNull(name, "name");
        Objects.requireNonNull(regex, "regex");
    }

    /** Parses {@code 'Name: regex'} (the regex is trimmed, as GoReplay does). */
    public static HeaderFilter parse(String spec, String flag) {
        String[] p = FlagSpecs.split(spec, ':', flag, "'Name: regex'");
        return new HeaderFilter(FlagSpecs.headerName(p[0], flag, spec), GoRegex.compile(p[1].strip(), flag));
    }
}
