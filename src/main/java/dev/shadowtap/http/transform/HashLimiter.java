package dev.shadowtap.http.transform;

import java.util.Objects;

/**
 * A {@code --http-header-limiter 'Name: 25%'} or {@code --http-param-limiter 'name: 25%'} rule: keeps
 * a request when FNV-32a(value) % 100 &lt; percent, so a given value (a user, a session) is always kept
 * or always dropped.
 */
public record HashLimiter(String name, int percent) {
    public HashLimiter {
        Objects.requireNonNull(name, "name");
        if (percent < 0 || percent > 100) {
            throw new IllegalArgumentException("a limiter percentage must be 0 to 100, got " + percent);
        }
    }

    /**
     * Parses {@code 'name: 25%'}; GoReplay's deprecated fraction form {@code 'name: 1/4'} is read too.
     * Unlike GoReplay, a value it cannot read is an error rather than a silent 0%.
     */
    public static HashLimiter parse(String spec, String flag) {
        String[] p = FlagSpecs.split(spec, ':', flag, "'name: 25%'");
        String name = p[0].strip();
        if (name.isEmpty()) {
            throw new IllegalArgumentException(flag + ": no name in '" + spec + "'");
        }
        String v = p[1].strip();
        try {
            if (v.endsWith("%")) {
                int percent = Integer.parseInt(v.substring(0, v.length() - 1).strip());
                if (percent >= 0 && percent <= 100) {
                    return new HashLimiter(name, percent);
                }
            } else if (v.contains("/")) {
                String[] f = v.split("/", 2);
                long num = Long.parseLong(f[0].strip());
                long den = Long.parseLong(f[1].strip());
                if (num >= 0 && den > 0 && num <= den) {
                    return new HashLimiter(name, (int) ((double) num / den * 100));
                }
            }
        } catch (NumberFormatException e) {
            // falls through to the one-line error
        }
        throw new IllegalArgumentException(flag + ": expected a percentage from 0% to 100% in '" + spec + "'");
    }
}
