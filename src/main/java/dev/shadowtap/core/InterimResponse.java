package dev.shadowtap.core;

/**
 * The one test for an interim HTTP response: a 1xx other than 101 (RFC 9110 section 15.2), after
 * which the final response to the same request follows on the same stream. It lives here, beneath
 * every stage, because the pipeline pairs responses with request verdicts and may not see the
 * {@code http} package; {@code http.HttpHead#isInterim} asks it too.
 */
public final class InterimResponse {
    private InterimResponse() {
    }

    /** Whether this status code is an interim one. */
    public static boolean status(int code) {
        return code >= 100 && code < 200 && code != 101;
    }

    /**
     * Whether a message payload starts with an interim status line: {@code HTTP/1.d NNN} with an
     * interim code, followed by a space or the line's end (the bytes of a request never are).
     */
    public static boolean startsPayload(byte[] p) {
        return p.length >= 13 && p[0] == 'H' && p[1] == 'T' && p[2] == 'T' && p[3] == 'P' && p[4] == '/'
                && p[5] == '1' && p[6] == '.' && isDigit(p[7]) && p[8] == ' '
                && isDigit(p[9]) && isDigit(p[10]) && isDigit(p[11])
                && (p[12] == ' ' || p[12] == '\r' || p[12] == '\n')
                && status((p[9] - '0') * 100 + (p[10] - '0') * 10 + (p[11] - '0'));
    }

    private static boolean isDigit(byte b) {
        return b >= '0' && b <= '9';
    }
}
