package dev.shadowtap.io.binary;

import dev.shadowtap.core.Reason;

import java.io.IOException;
import java.net.ConnectException;
import java.net.NoRouteToHostException;
import java.net.SocketTimeoutException;
import java.net.UnknownHostException;
import java.util.Locale;

/** A request that got no reply, with the reason it is counted under and a few words for the one log line. */
final class BinaryFailure extends Exception {
    private final Reason reason;

    BinaryFailure(Reason reason, String detail) {
        super(detail, null, false, false);
        this.reason = reason;
    }

    Reason reason() {
        return reason;
    }

    /** A connection that could not be made. */
    static BinaryFailure ofConnect(IOException e, String host, long timeoutMs) {
        return switch (e) {
            case SocketTimeoutException t -> new BinaryFailure(Reason.CONNECT_TIMEOUT, "no connection within " + timeoutMs + " ms");
            case ConnectException c -> new BinaryFailure(Reason.CONNECT_REFUSED, words(c));
            case UnknownHostException u -> new BinaryFailure(Reason.UNKNOWN_HOST, "unknown host " + host);
            case NoRouteToHostException n -> new BinaryFailure(Reason.CONNECT_UNREACHABLE, words(n));
            default -> new BinaryFailure(Reason.CONNECT_ERROR, words(e));
        };
    }

    /** A write or read that failed on an open connection. */
    static BinaryFailure ofExchange(IOException e) {
        String message = words(e);
        String lower = message.toLowerCase(Locale.ROOT);
        return lower.contains("reset") || lower.contains("broken pipe")
                ? new BinaryFailure(Reason.RESET, message) : new BinaryFailure(Reason.IO_ERROR, message);
    }

    private static String words(IOException e) {
        return e.getMessage() == null ? e.getClass().getSimpleName() : e.getMessage();
    }
}
