package dev.shadowtap.io.http;

import dev.shadowtap.core.Reason;

import javax.net.ssl.SSLException;
import java.io.IOException;
import java.net.ConnectException;
import java.net.NoRouteToHostException;
import java.net.SocketTimeoutException;
import java.nio.channels.ClosedChannelException;
import java.nio.channels.UnresolvedAddressException;
import java.util.concurrent.CompletionException;
import java.util.concurrent.ExecutionException;
import java.util.concurrent.TimeoutException;

/** What an HTTP/2 failure is counted as: the reasons of the HTTP/1 replay, read from Jetty's exceptions. */
final class H2Failures {
    private H2Failures() {
    }

    /** A failed connect (TCP, TLS or the HTTP/2 preface). */
    static ReplayFailure ofConnect(Throwable x, String host) {
        Throwable c = unwrap(x);
        return switch (c) {
            case ConnectException e -> new ReplayFailure(Reason.CONNECT_REFUSED, String.valueOf(e.getMessage()));
            case NoRouteToHostException e -> new ReplayFailure(Reason.CONNECT_UNREACHABLE, String.valueOf(e.getMessage()));
            case UnresolvedAddressException e -> new ReplayFailure(Reason.UNKNOWN_HOST, "unknown host " + host);
            case SocketTimeoutException e -> new ReplayFailure(Reason.CONNECT_TIMEOUT, "no connection within the timeout");
            case TimeoutException e -> new ReplayFailure(Reason.CONNECT_TIMEOUT, "no connection within the timeout");
            case SSLException e -> new ReplayFailure(Reason.TLS_ERROR, tlsProblem(e));
            default -> new ReplayFailure(Reason.CONNECT_ERROR, describe(c));
        };
    }

    /** A stream or its session failed after the connect. */
    static ReplayFailure of(Throwable x) {
        Throwable c = unwrap(x);
        if (c instanceof SSLException e) {
            return new ReplayFailure(Reason.TLS_ERROR, tlsProblem(e));
        }
        if (c instanceof ClosedChannelException || c instanceof org.eclipse.jetty.io.EofException) {
            return new ReplayFailure(Reason.CLOSED_EARLY, "connection closed before the response ended");
        }
        if (c instanceof TimeoutException || c instanceof SocketTimeoutException) {
            return new ReplayFailure(Reason.TIMEOUT, "no complete response within the timeout");
        }
        String lower = describe(c).toLowerCase(java.util.Locale.ROOT);
        if (lower.contains("reset") || lower.contains("broken pipe")) {
            return new ReplayFailure(Reason.RESET, describe(c));
        }
        if (c instanceof IOException) {
            return new ReplayFailure(Reason.IO_ERROR, describe(c));
        }
        return new ReplayFailure(Reason.IO_ERROR, describe(c));
    }

    private static Throwable unwrap(Throwable x) {
        Throwable c = x;
        while ((c instanceof CompletionException || c instanceof ExecutionException) && c.getCause() != null) {
            c = c.getCause();
        }
        return c;
    }

    private static String describe(Throwable c) {
        return c.getMessage() == null ? c.getClass().getSimpleName() : c.getMessage();
    }

    private static String tlsProblem(SSLException e) {
        String message = String.valueOf(e.getMessage());
        if (message.contains("PKIX") || message.contains("certification path") || message.contains("No subject alternative")) {
            return "the target's certificate is not trusted or does not match its name (use --output-http-skip-verify for a test target)";
        }
        return message;
    }
}
