package dev.shadowtap.http.transform;

import java.util.ArrayList;
import java.util.List;
import java.util.Map;
import java.util.regex.Matcher;
import java.util.regex.Pattern;

/**
 * A replacement template in Go's {@code Regexp.Expand} syntax, parsed once: {@code $1} or {@code ${1}}
 * for a numbered group, {@code $name} or {@code ${name}} for a named one, {@code $$} for a dollar.
 * As in Go, the name after {@code $} is the longest run of letters, digits and underscores (so
 * {@code $1x} names group "1x"; write {@code ${1}x}), a group that does not exist or did not take
 * part expands to nothing, and a malformed reference is kept as literal text. Backslashes are literal.
 */
final class GoTemplate {
    /** Literal text, or a group reference: by number ({@code group >= 0}) or by name. */
    private record Part(String literal, int group, String name) {
    }

    private final List<Part> parts;

    private GoTemplate(List<Part> parts) {
        this.parts = List.copyOf(parts);
    }

    static GoTemplate parse(String template) {
        List<Part> parts = new ArrayList<>();
        StringBuilder literal = new StringBuilder();
        int i = 0;
        while (i < template.length()) {
            char c = template.charAt(i);
            if (c != '$') {
                literal.append(c);
                i++;
                continue;
            }
            if (i + 1 < template.length() && template.charAt(i + 1) == '$') {
                literal.append('$');
                i += 2;
                continue;
            }
            int end = reference(template, i + 1, parts, literal);
            if (end < 0) {
                literal.append('$');
                i++;
            } else {
                i = end;
            }
        }
        flush(literal, parts);
        return new GoTemplate(parts);
    }

    /** Reads a reference after a '$' at {@code from}; adds it and returns where it ends, or -1 if malformed. */
    private static int reference(String t, int from, List<Part> parts, StringBuilder literal) {
        boolean brace = from < t.length() && t.charAt(from) == '{';
        int start = brace ? from + 1 : from;
        int end = start;
        while (end < t.length() && (Character.isLetterOrDigit(t.charAt(end)) || t.charAt(end) == '_')) {
            end++;
        }
        if (end == start) {
            return -1;
        }
        String name = t.substring(start, end);
        if (brace) {
            if (end >= t.length() || t.charAt(end) != '}') {
                return -1;
            }
            end++;
        }
        flush(literal, parts);
        parts.add(new Part(null, number(name), name));
        return end;
    }

    /** The group number a name spells, or -1 (leading zeros and numbers of 1e8 and above are names, as in Go). */
    private static int number(String name) {
        if (name.length() > 1 && name.charAt(0) == '0') {
            return -1;
        }
        int num = 0;
        for (int j = 0; j < name.length(); j++) {
            char c = name.charAt(j);
            if (c < '0' || c > '9' || num >= 100_000_000) {
                return -1;
            }
            num = num * 10 + (c - '0');
        }
        return num;
    }

    private static void flush(StringBuilder literal, List<Part> parts) {
        if (!literal.isEmpty()) {
            parts.add(new Part(literal.toString(), -1, null));
            literal.setLength(0);
        }
    }

    /** Appends the expansion for the current match of {@code m}. */
    void expand(Matcher m, Map<String, Integer> names, StringBuilder out) {
        for (Part p : parts) {
            if (p.literal != null) {
                out.append(p.literal);
                continue;
            }
            int group = p.group >= 0 ? p.group : names.getOrDefault(p.name, -1);
            if (group >= 0 && group <= m.groupCount() && m.start(group) >= 0) {
                out.append(m.group(group));
            }
        }
    }

    /** Every non-overlapping match of {@code regex} in {@code input} replaced by this template, or null if none matched. */
    String replaceAll(Pattern regex, String input) {
        Matcher m = regex.matcher(input);
        if (!m.find()) {
            return null;
        }
        Map<String, Integer> names = regex.namedGroups();
        StringBuilder out = new StringBuilder(input.length() + 16);
        int last = 0;
        do {
            out.append(input, last, m.start());
            expand(m, names, out);
            last = m.end();
        } while (m.find());
        out.append(input, last, input.length());
        return out.toString();
    }
}
