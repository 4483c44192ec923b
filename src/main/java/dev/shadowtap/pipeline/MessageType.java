package dev.shadowtap.pipeline;

/** The three kinds of record GoReplay knows, with the digit that names them in a .gor header. */
public enum MessageType {
    /** A captured or replayed request ({@code 1}). */
    REQUEST('1'),
    /** The original response, captured beside the request ({@code 2}). */
    RESPONSE('2'),
    /** The response a replay target gave ({@code 3}). */
    REPLAYED('3');

    private final char code;

    MessageType(char code) {
        this.code = code;
    }

    /** The header digit: '1', '2' or '3'. */
    public char code() {
        return code;
    }

    /** The type for a header digit, or null when the byte names none. */
    public static MessageType fromCode(int code) {
        return switch (code) {
            case '1' -> REQUEST;
            case '2' -> RESPONSE;
            case '3' -> REPLAYED;
            default -> null;
        };
    }
}
