package dev.shadowtap.io.http;

import dev.shadowtap.core.Reason;
import dev.shadowtap.http.FramedMessage;
import dev.shadowtap.pipeline.Message;
import dev.shadowtap.pipeline.MessageType;

import java.time.Instant;
import java.util.function.BiConsumer;

/**
 * What becomes of a replayed request, whichever engine sent it: a final response is counted and, when
 * tracking, handed on as a REPLAYED message with the request's id; a failure is counted by reason and
 * logged the first time.
 */
final class Outcomes {
    private final HttpReplayStats stats;
    private final BiConsumer<Reason, String> failureLog;
    private final ReplyInput replies;

    Outcomes(HttpReplayStats stats, BiConsumer<Reason, String> failureLog, ReplyInput replies) {
        this.stats = stats;
        this.failureLog = failureLog;
        this.replies = replies;
    }

    /** The final response to {@code request}; waits while the replies input is full. */
    void answered(Message request, FramedMessage response, long startedEpochNanos, long latencyNanos, int interim)
            throws InterruptedException {
        stats.response(response.head().status(), latencyNanos, response.truncated(), interim);
        if (replies != null) {
            replies.offer(new Message(MessageType.REPLAYED, request.id(), startedEpochNanos, latencyNanos,
                    response.raw(), request.connection()));
        }
    }

    /**
     * The final response to an HTTP/2 {@code request}; {@code reply} is its record (null unless tracking),
     * handed on as a REPLAYED message with the request's id and its {@code h2 stream=N ...} tokens.
     */
    void answeredH2(Message request, int status, dev.shadowtap.http2.H2Record.Built reply, long startedEpochNanos,
                    long latencyNanos, boolean truncated, int interim) throws InterruptedException {
        stats.response(status, latencyNanos, truncated, interim);
        if (replies != null && reply != null) {
            replies.offer(new Message(MessageType.REPLAYED, request.id(), startedEpochNanos, latencyNanos,
                    reply.payload(), request.connection()).withExtra(reply.tokens()));
        }
    }

    void failed(ReplayFailure f) {
        failed(f.reason(), f.getMessage());
    }

    void failed(Reason reason, String detail) {
        stats.stage().drop(reason);
        failureLog.accept(reason, detail);
    }

    /** A request too broken to send: no request line, or no end to its head. */
    void badRequest(Message request) {
        failed(Reason.BAD_REQUEST, "a request without a request line or an end to its head, id " + request.id());
    }

    /** Whether replies are handed on (their timestamps need the wall clock). */
    boolean tracking() {
        return replies != null;
    }

    HttpReplayStats stats() {
        return stats;
    }

    /** The wall clock in nanoseconds since the epoch, for a reply's timestamp. */
    static long nowEpochNanos() {
        Instant now = Instant.now();
        return now.getEpochSecond() * 1_000_000_000L + now.getNano();
    }
}
