package dev.shadowtap.cli;

/**
 * A value parser's refusal; {@link #expected()} completes "expected ..." in the error line, e.g.
 * {@code a size like 32mb or 1g}.
 */
public final class BadValueException extends Exception {
    private final String expected;

    public BadValueException(String expected) {
        super(expected, null, false, false);
        this.expected = expected;
    }

    public String expected() {
        return expected;
    }
}
