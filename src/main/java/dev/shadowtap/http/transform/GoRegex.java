package dev.shadowtap.http.transform;

import java.util.regex.Pattern;
import java.util.regex.PatternSyntaxException;

/**
 * Compiles the regular expressions GoReplay flags carry. They are Go (RE2) syntax; java.util.regex
 * reads the common subset alike. Go's named group {@code (?P<name>...)} is translated to Java's
 * {@code (?<name>...)}. Matching is unanchored ("find"), as Go's {@code Regexp.Match}.
 */
final class GoRegex {
    private GoRegex() {
    }

    /**
     * @param flag the flag the regex came from, named in the error
     * @throws IllegalArgumentException with a one-line reason when the regex does not compile
     */
    static Pattern compile(String regex, String flag) {
        try {
            return Pattern.compile(regex.replace("(?P<", "(?<"));
        } catch (PatternSyntaxException e) {
            throw new IllegalArgumentException(flag + ": bad regex '" + regex + "': " + e.getDescription()
                    + (e.getIndex() >= 0 ? " at index " + e.getIndex() : ""));
        }
    }
}
