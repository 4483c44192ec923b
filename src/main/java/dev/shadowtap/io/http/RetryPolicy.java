package dev.shadowtap.io.http;

import dev.shadowtap.core.Reason;

/**
 * Whether a request is sent again, for both engines: the selector loop ({@link LoopWorkers}) and the
 * https threads ({@link RequestSender}). A server may close a kept-alive connection just as a request
 * goes out on it (an idle timeout, a cap on idle connections): the request meets a closed socket and
 * no reply byte ever comes. Like Go's net/http (so GoReplay), such a request is sent once more on a
 * fresh connection, but only a safe one (GET, HEAD, OPTIONS, TRACE: no side effect even if it had
 * reached the application), on a reused connection, with not one byte of reply, before its deadline.
 * Counted, never hidden. Nothing else is sent again: not a failed connect, a timeout, a bad response,
 * nor a request that may have had an effect.
 */
final class RetryPolicy {
    /**
     * An idle connection older than this is probed for a server-side close before reuse, so that the
     * close is seen before sending. Only a blocking socket needs it: the loop's selector sees the close.
     */
    static final long PROBE_AFTER_IDLE_NANOS = 1_000_000_000L;

    private RetryPolicy() {
    }

    /**
     * Whether a request that failed with {@code f} goes once more on a fresh connection.
     *
     * @param method       the request's method on the wire
     * @param resentBefore the request was already sent again once
     * @param reused       the connection it failed on had completed an exchange before (kept alive)
     * @param replyStarted a byte of reply came for it on that connection
     */
    static boolean resend(ReplayFailure f, String method, boolean resentBefore, boolean reused, boolean replyStarted,
                          long nowNanos, long deadlineNanos) {
        Reason reason = f.reason();
        return !resentBefore && reused && !replyStarted
                && (reason == Reason.CLOSED_EARLY || reason == Reason.RESET || reason == Reason.IO_ERROR)
                && (method.equals("GET") || method.equals("HEAD") || method.equals("OPTIONS") || method.equals("TRACE"))
                && nowNanos - deadlineNanos < 0;
    }

    /** Whether a connection idle this long is probed before a request goes out on it. */
    static boolean probeBeforeReuse(long idleNanos) {
        return idleNanos > PROBE_AFTER_IDLE_NANOS;
    }
}
