package dev.shadowtap.compare;

import java.util.regex.Pattern;

/**
 * The endpoint of a request: its method and its path with the segments that look like ids folded to
 * {@code {id}} (numbers, UUIDs, long hex strings, long opaque tokens mixing letters and digits); the
 * query string and fragment are ignored. {@code GET /api/products/42?x=1} is {@code GET /api/products/{id}}.
 */
public final class PathTemplate {
    private static final Pattern NUMBER = Pattern.compile("-?\\d+");
    private static final Pattern UUID = Pattern.compile(
            "[0-9a-fA-F]{8}-[0-9a-fA-F]{4}-[0-9a-fA-F]{4}-[0-9a-fA-F]{4}-[0-9a-fA-F]{12}");
    private static final Pattern LONG_HEX = Pattern.compile("[0-9a-fA-F]{12,}");
    private static final Pattern OPAQUE = Pattern.compile("[A-Za-z0-9_\\-=~.]{16,}");

    private PathTemplate() {
    }

    /** {@code METHOD /path/{id}}. */
    public static String endpoint(String method, String target) {
        return method + " " + template(target);
    }

    /** The path of a request target with id-like segments folded; an absolute-form target loses its scheme and host. */
    public static String template(String target) {
        String path = target;
        int scheme = path.indexOf("://");
        if (scheme > 0 && !path.startsWith("/")) {
            int slash = path.indexOf('/', scheme + 3);
            path = slash < 0 ? "/" : path.substring(slash);
        }
        int cut = indexOfAny(path, '?', '#');
        if (cut >= 0) {
            path = path.substring(0, cut);
        }
        if (path.isEmpty()) {
            return "/";
        }
        String[] segments = path.split("/", -1);
        StringBuilder out = new StringBuilder(path.length());
        for (int i = 0; i < segments.length; i++) {
            if (i > 0) {
                out.append('/');
            }
            out.append(isId(segments[i]) ? "{id}" : segments[i]);
        }
        return out.toString();
    }

    /** Whether a path segment looks like an id rather than a name. */
    static boolean isId(String segment) {
        if (segment.isEmpty()) {
            return false;
        }
        if (NUMBER.matcher(segment).matches() || UUID.matcher(segment).matches()) {
            return true;
        }
        boolean digit = segment.chars().anyMatch(Character::isDigit);
        if (LONG_HEX.matcher(segment).matches()) {
            return digit;
        }
        return OPAQUE.matcher(segment).matches() && digit && segment.chars().anyMatch(Character::isLetter);
    }

    private static int indexOfAny(String s, char a, char b) {
        for (int i = 0; i < s.length(); i++) {
            char c = s.charAt(i);
            if (c == a || c == b) {
                return i;
            }
        }
        return -1;
    }
}
