package dev.shadowtap.io.http;

import dev.shadowtap.core.Reason;
import dev.shadowtap.http.FramedMessage;
import dev.shadowtap.http.FramingError;
import dev.shadowtap.http.FramingResult;

import javax.net.ssl.SSLException;
import java.io.IOException;
import java.net.ConnectException;
import java.net.NoRouteToHostException;
import java.net.UnknownHostException;

/** A request that got no usable response, with the reason it is counted under. */
final class ReplayFailure extends Exception {
    private final Reason reason;

    ReplayFailure(Reason reason, String detail) {
        super(detail, null, false, false);
        this.reason = reason;
    }

    Reason reason() {
        return reason;
    }

    /** An I/O error during an exchange: a timeout once the deadline passed, else by what the error says. */
    static ReplayFailure of(IOException e, long deadlineNanos) {
        String message = String.valueOf(e.getMessage());
        if (System.nanoTime() >= deadlineNanos) {
            return new ReplayFailure(Reason.TIMEOUT, "no complete response within the timeout");
        }
        if (e instanceof SSLException) {
            return new ReplayFailure(Reason.TLS_ERROR, message);
        }
        String lower = message.toLowerCase();
        if (lower.contains("reset") || lower.contains("broken pipe")) {
            return new ReplayFailure(Reason.RESET, message);
        }
        return new ReplayFailure(Reason.IO_ERROR, message);
    }

    /** A framed response, or the failure its framing error is counted as (both engines read replies so). */
    static FramedMessage response(FramingResult result) throws ReplayFailure {
        return switch (result) {
            case FramedMessage m -> m;
            case FramingError e when e.reason() == FramingError.Reason.STREAM_ENDED ->
                    throw new ReplayFailure(Reason.CLOSED_EARLY, "connection closed before the response ended: " + e.detail());
            case FramingError e -> throw new ReplayFailure(Reason.BAD_RESPONSE, e.toString());
        };
    }

    /** A failed TCP connect (a timeout is reported by the caller, which knows it waited). */
    static ReplayFailure ofConnect(IOException e, String host) {
        return switch (e) {
            case ConnectException c -> new ReplayFailure(Reason.CONNECT_REFUSED, c.getMessage());
            case UnknownHostException u -> new ReplayFailure(Reason.UNKNOWN_HOST, "unknown host " + host);
            case NoRouteToHostException n -> new ReplayFailure(Reason.CONNECT_UNREACHABLE, n.getMessage());
            default -> new ReplayFailure(Reason.CONNECT_ERROR, e.getMessage());
        };
    }
}
