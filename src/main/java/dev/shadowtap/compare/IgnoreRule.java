package dev.shadowtap.compare;

import java.util.Locale;
import java.util.Objects;
import java.util.regex.Pattern;

/**
 * One {@code --compare-ignore} rule: a JSON path in the body ({@code $.meta.generated_at}, a protobuf
 * field's {@code $.1.3},
 * {@code $.items[*].id}, {@code $['odd key']}, {@code $["a"]["b"]}, {@code $..nonce}; {@code [*]} is any
 * index, {@code .*} any field name, {@code ..name} the field at any depth) or a header
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
        if (!rule.startsWith("$") || (rule.contains(" ") && !rule.contains("['") && !rule.contains("[\""))) {
            throw new IllegalArgumentException("a JSON path like $.meta.generated_at or header:NAME");
        }
        return new IgnoreRule(text, Pattern.compile("\\$" + steps(rule) + "(?:[.\\[].*)?"));
    }

    /** The regex of the steps after {@code $}; refuses, in words, any step it would not apply. */
    private static String steps(String rule) {
        StringBuilder regex = new StringBuilder();
        int i = 1;
        while (i < rule.length()) {
            if (rule.startsWith("..", i)) {
                int end = nameEnd(rule, i + 2);
                if (end == i + 2) {
                    throw unsupported();
                }
                regex.append(ANY_STEPS).append(name(rule.substring(i + 2, end)));
                i = end;
            } else if (rule.startsWith(".*", i)) {
                regex.append(ANY_NAME);
                i += 2;
            } else if (rule.charAt(i) == '.') {
                int end = nameEnd(rule, i + 1);
                if (end == i + 1) {
                    throw unsupported();
                }
                regex.append(name(rule.substring(i + 1, end)));
                i = end;
            } else if (rule.startsWith("[*]", i)) {
                regex.append("\\[\\d+\\]");
                i += 3;
            } else if (rule.startsWith("['", i) || rule.startsWith("[\"", i)) {
                char quote = rule.charAt(i + 1);
                StringBuilder name = new StringBuilder();
                int j = i + 2;
                for (; j < rule.length() && rule.charAt(j) != quote; j++) {
                    char c = rule.charAt(j);
                    if (c == '\\' && j + 1 < rule.length()) {
                        c = rule.charAt(++j);
                    }
                    name.append(c);
                }
                if (j + 1 >= rule.length() || rule.charAt(j + 1) != ']') {
                    throw unsupported();
                }
                regex.append(name(name.toString()));
                i = j + 2;
            } else if (rule.charAt(i) == '[') {
                int close = rule.indexOf(']', i);
                if (close < 0 || close == i + 1 || !rule.substring(i + 1, close).chars().allMatch(Character::isDigit)) {
                    throw unsupported();
                }
                regex.append(Pattern.quote(rule.substring(i, close + 1)));
                i = close + 1;
            } else {
                throw unsupported();
            }
        }
        return regex.toString();
    }

    /**
     * The regex of one field step: as {@link JsonDiff#child} writes it, and for a name of digits also
     * {@code .N}, how a protobuf field number is written ({@code $.1.3}, a JSON key "1" being {@code $['1']}).
     */
    private static String name(String name) {
        String json = Pattern.quote(JsonDiff.child("", name));
        return !name.isEmpty() && name.chars().allMatch(c -> c >= '0' && c <= '9')
                ? "(?:" + json + "|" + Pattern.quote("." + name) + ")" : json;
    }

    /** Any number of steps: fields (plain or bracketed) and indices, for {@code ..name}. */
    private static final String ANY_STEPS = "(?:\\.[^.\\[]+|\\[\\d+\\]|\\['(?:[^'\\\\]|\\\\.)*'\\])*";
    /** One field step of any name, for {@code .*}. */
    private static final String ANY_NAME = "(?:\\.[^.\\[]+|\\['(?:[^'\\\\]|\\\\.)*'\\])";

    /** Where a dotted field name starting at {@code from} ends: at the next {@code .} or {@code [}. */
    private static int nameEnd(String rule, int from) {
        int i = from;
        while (i < rule.length() && rule.charAt(i) != '.' && rule.charAt(i) != '[') {
            char c = rule.charAt(i);
            if (c == ']' || c == '*' || c == '\'' || c == '"' || Character.isWhitespace(c)) {
                throw unsupported();
            }
            i++;
        }
        return i;
    }

    private static IllegalArgumentException unsupported() {
        return new IllegalArgumentException("a JSON path of .name, ['name'], [*], [N], .* and ..name steps"
                + " (like $.meta.generated_at, $['odd key'], $..nonce) or header:NAME");
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
