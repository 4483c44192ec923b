package dev.shadowtap.cli;

/**
 * Go's {@code strconv.ParseBool} spellings, normalized to {@code true}/{@code false}; and the bare words a
 * boolean takes after a space ({@code --split-output true}, as GoReplay's own docs write it).
 */
final class GoBooleans {
    private GoBooleans() {
    }

    /**
     * {@code true} or {@code false} as words (any case Go accepts): taken as a boolean's value when they follow
     * it. The digit and letter forms ({@code 1}, {@code t}) are not: after a space they are more likely a
     * mistake than a value, and still need {@code =}.
     */
    static boolean isWord(String text) {
        return switch (text) {
            case "true", "TRUE", "True", "false", "FALSE", "False" -> true;
            default -> false;
        };
    }

    static String normalize(Flag flag, String text) throws UsageException {
        return switch (text) {
            case "1", "t", "T", "true", "TRUE", "True" -> "true";
            case "0", "f", "F", "false", "FALSE", "False" -> "false";
            default -> throw new UsageException(
                    "invalid value for " + flag.display() + ": '" + text + "' (expected true or false)");
        };
    }
}
