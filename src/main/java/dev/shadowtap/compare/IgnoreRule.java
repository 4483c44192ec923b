package dev.shadowtap.compare;

import java.util.Locale;
import java.util.Objects;
import java.util.regex.Pattern;

/**
 * One {@code --compare-ignore} rule: a JSON path in the body ({@code $.meta.generated_at},
 * {@code $.items[*].id}; {@code [*]} is any index, {@code .*} any field name) or a header
 * ({@code header:X-Trace}, any case). A body rule also covers everything below its path.
 *
 * @param text the rule as the user wrote it
 */
public record IgnoreRule(String text, Pattern pattern) {
    public IgnoreRule {
        Objects.requireNonNull(text, "text");
        Objects.requireNonNull(pattern, "pattern");
    }

    /**
     * Parses a rule.
     *
     * @throws IllegalArgumentException when it is neither {@code $...} nor {@code header:NAME}
     */
    public static IgnoreRule parse(String text) {
        String rule = text.strip();
        if (rule.regionMatches(true, 0, "header:", 0, 7)) {
            String name = rule.substring(7).strip();
            if (name.isEmpty() || !name.chars().allMatch(c -> c > ' ' && c < 0x7f && c != ':')) {
                throw new IllegalArgumentException("a header name after header:");
            }
            return new IgnoreRule(text, Pattern.compile(Pattern.quote("header:" + name.toLowerCase(Locale.ROOT))));
        }
        if (!rule.startsWith("$") || rule.contains(" ")) {
            throw new IllegalArgumentException("a JSON path like $.meta.generated_at or header:NAME");
        }
        StringBuilder regex = new StringBuilder();
        for (int i = 0; i < rule.length(); i++) {
            if (rule.startsWith("[*]", i)) {
                regex.append("\\[\\d+\\]");
                i += 2;
            } else if (rule.startsWith(".*", i)) {
                regex.append("\\.[^.\\[]+");
                i += 1;
            } else {
                regex.append(Pattern.quote(String.valueOf(rule.charAt(i))));
            }
        }
        regex.append("(?:[.\\[].*)?");
        return new IgnoreRule(text, Pattern.compile(regex.toString()));
    }

    /** Whether a difference at {@code path} (as {@link Difference#path()} names it) is covered by this rule. */
    public boolean matches(String path) {
        return pattern.matcher(path).matches();
    }

    @Override
    public boolean equals(Object o) {
        return o instanceof IgnoreRule r && r.text.equals(text);
    }

    @Override
    public int hashCode() {
        return text.hashCode();
    }

    @Override
    public String toString() {
        return text;
    }
}
