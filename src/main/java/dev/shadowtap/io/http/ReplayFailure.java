package dev.shadowtap.io.http;

import dev.shadowtap.http.FramedMessage;
import dev.shadowtap.http.FramingError;
import dev.shadowtap.http.FramingResult;

import javax.net.ssl.SSLException;
import java.io.IOException;
import java.net.ConnectException;
import java.net.NoRouteToHostException;
import java.net.UnknownHostException;

/** A request that got no usable response, with the kebab-case reason it is counted under. */
final class ReplayFailure extends Exception {
    private final String reason;

    ReplayFailure(String reason, String detail) {
        super(detail, null, false, false);
        this.reason = reason;
    }

    String reason() {
        return reason;
    }

    /** An I/O error during an exchange: a timeout once the deadline passed, else by what the error says. */
    static ReplayFailure of(IOException e, long deadlineNanos) {
        String message = String.valueOf(e.getMessage());
        if (System.nanoTime() >= deadlineNanos) {
            return new ReplayFailure("timeout", "no complete response within the timeout");
        }
        if (e instanceof SSLException) {
            return new ReplayFailure("tls-error", message);
        }
        String lower = message.toLowerCase();
        if (lower.contains("reset") || lower.contains("broken pipe")) {
            return new ReplayFailure("reset", message);
        }
        return new ReplayFailure("io-error", message);
    }

    /** A framed response, or the failure its framing error is counted as (both engines read replies so). */
    static FramedMessage response(FramingResult result) throws ReplayFailure {
        return switch (result) {
            case FramedMessage m -> m;
            case FramingError e when e.reason() == FramingError.Reason.STREAM_ENDED ->
                    throw new ReplayFailure("closed-early", "connection closed before the response ended: " + e.detail());
            case FramingError e -> throw new ReplayFailure("bad-response", e.toString());
        };
    }

    /** A failed TCP connect (a timeout is reported by the caller, which knows it waited). */
    static ReplayFailure ofConnect(IOException e, String host) {
        return switch (e) {
            case ConnectException c -> new ReplayFailure("connect-refused", c.getMessage());
            case UnknownHostException u -> new ReplayFailure("unknown-host", "unknown host " + host);
            case NoRouteToHostException n -> new ReplayFailure("connect-unreachable", n.getMessage());
            default -> new ReplayFailure("connect-error", e.getMessage());
        };
    }
}
