package dev.shadowtap.http.transform;

import java.util.Objects;

/** A name and a value: a {@code --http-set-header} header or a {@code --http-set-param} query parameter. */
public record HeaderValue(String name, String value) {
    public HeaderValue {
        Objects.requireNonNull(name, "name");
        Objects.requireNonNull(value, "value");
    }

    /** Parses {@code --http-set-header 'Name: value'} (both sides trimmed). */
    public static HeaderValue parseHeader(String spec, String flag) {
        String[] p = FlagSpecs.split(spec, ':', flag, "'Name: value'");
        String value = p[1].strip();
        if (value.indexOf('\r') >= 0 || value.indexOf('\n') >= 0) {
            throw new IllegalArgumentException(flag + ": a header value cannot hold a line break");
        }
        return new HeaderValue(FlagSpecs.headerName(p[0], flag, spec), value);
    }

    /** Parses {@code --http-set-param name=value} (both sides trimmed). */
    public static HeaderValue parseParam(String spec, String flag) {
        String[] p = FlagSpecs.split(spec, '=', flag, "'name=value'");
        String name = p[0].strip();
        String value = p[1].strip();
        if (name.isEmpty()) {
            throw new IllegalArgumentException(flag + ": no parameter name in '" + spec + "'");
        }
        if (!isQuerySafe(name) || !isQuerySafe(value)) {
            throw new IllegalArgumentException(flag + ": '" + spec + "' holds a space, '&', '#' or a control byte;"
                    + " percent-encode it");
        }
        return new HeaderValue(name, value);
    }

    private static boolean isQuerySafe(String s) {
        for (int i = 0; i < s.length(); i++) {
            char c = s.charAt(i);
            if (c <= ' ' || c == 0x7f || c == '&' || c == '#') {
                return false;
            }
        }
        return true;
    }
}
