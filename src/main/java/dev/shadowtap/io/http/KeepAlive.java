package dev.shadowtap.io.http;

import dev.shadowtap.http.FramedMessage;

/** Whether a connection may carry another request after a response, from the response's own head. */
final class KeepAlive {
    private KeepAlive() {
    }

    /** No {@code Connection: close}, not a 101, and HTTP/1.1 (or 1.0 with {@code keep-alive}). */
    static boolean keepsAlive(FramedMessage m) {
        boolean close = false;
        boolean keepAlive = false;
        // by name: a string for each Connection value only, not for every header of every response
        for (String value : m.head().headers("Connection")) {
            close |= containsIgnoreCase(value, "close");
            keepAlive |= containsIgnoreCase(value, "keep-alive");
        }
        if (close || m.head().status() == 101) {
            return false;
        }
        return !m.head().version().equals("HTTP/1.0") || keepAlive;
    }

    /** {@code value.toLowerCase(Locale.ROOT).contains(word)} for an ASCII lower-case word, without a copy. */
    private static boolean containsIgnoreCase(String value, String word) {
        for (int i = 0; i + word.length() <= value.length(); i++) {
            if (value.regionMatches(true, i, word, 0, word.length())) {
                return true;
            }
        }
        return false;
    }
}
