package dev.shadowtap.cli;

/** Go's {@code strconv.ParseBool} spellings, normalized to {@code true}/{@code false}. */
final class GoBooleans {
    private GoBooleans() {
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
