package dev.shadowtap.io.http;

import dev.shadowtap.pipeline.Message;

/**
 * One request's progress on a {@link LoopWorkers} connection: what is being sent, since when, until
 * when. Made with the request's bytes for the target by whoever submits it, so that the loop's thread,
 * the one that bounds a full-speed replay, only sends.
 */
final class LoopExchange {
    final Message request;
    /** When it was given a connection (set by {@link #start}). */
    long startedNanos;
    long deadlineNanos;
    /** The bytes on the wire: the request as edited for the target, or the request a redirect asked for. */
    OutgoingRequest wire;
    int hops;
    int interim;
    /** Wall clock of the first response byte framed, or -1. */
    long startedWall = -1;
    /** The whole request is written or being written (false while an {@code Expect: 100-continue} head waits). */
    boolean bodySent;
    /** While waiting for a 100: when the body goes anyway; 0 when not waiting. */
    long continueAtNanos;
    /** The connection's response stream position when this request was written (no reply byte yet while equal). */
    long responseStart;
    /** Sent again once already, on a fresh connection, after a kept-alive one turned out closed. */
    boolean retried;

    LoopExchange(Message request, OutgoingRequest wire) {
        this.request = request;
        this.wire = wire;
    }

    /** The exchange gets a connection at {@code nowNanos}: its time and its deadline start. */
    void start(long nowNanos, long timeoutNanos) {
        startedNanos = nowNanos;
        deadlineNanos = nowNanos + timeoutNanos;
    }

    /** The next timer this exchange needs: its deadline, or the earlier moment its body goes without a 100. */
    long nextTimerNanos() {
        return continueAtNanos != 0 && continueAtNanos - deadlineNanos < 0 ? continueAtNanos : deadlineNanos;
    }
}
