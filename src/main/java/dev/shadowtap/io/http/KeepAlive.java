package dev.shadowtap.io.http;

import dev.shadowtap.http.FramedMessage;
import dev.shadowtap.http.HttpHead;

/** Whether a connection may carry another request after a response, from the response's own head. */
final class KeepAlive {
    private KeepAlive() {
    }

    /** No {@code Connection: close}, not a 101, and HTTP/1.1 (or 1.0 with {@code keep-alive}). */
    static boolean keepsAlive(FramedMessage m) {
        HttpHead head = m.head();
        if (head.status() == 101 || head.anyValueContains("Connection", "close")) {
            return false;
        }
        return !head.version().equals("HTTP/1.0") || head.anyValueContains("Connection", "keep-alive");
    }
}
