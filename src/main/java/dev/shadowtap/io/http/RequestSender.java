package dev.shadowtap.io.http;

import dev.shadowtap.pipeline.Message;


/**
 * What one worker does with one request: prepare its bytes for the target, send them over the
 * worker's keep-alive connection, read the final response, follow redirects, count, and hand the
 * reply on. Sends it again only when {@link RetryPolicy} says so. Owned by one worker thread.
 */
final class RequestSender implements AutoCloseable {
    private final HttpReplayConfig config;
    private final ReplayTarget target;
    private final Connector connector;
    private final Watchdog watchdog;
    private final Outcomes outcomes;
    private final HttpReplayStats stats;
    private final byte[] readBuffer = new byte[16 * 1024];
    private TargetConnection connection;
    /** The request being sent was already sent again once (see {@link RetryPolicy}). */
    private boolean resent;

    RequestSender(HttpReplayConfig config, ReplayTarget target, Connector connector, Watchdog watchdog,
                  Outcomes outcomes) {
        this.config = config;
        this.target = target;
        this.connector = connector;
        this.watchdog = watchdog;
        this.outcomes = outcomes;
        this.stats = outcomes.stats();
    }

    void send(Message request) throws InterruptedException {
        OutgoingRequest wire = RequestBytes.forTarget(request.payload(), target, config.rewriting().originalHost());
        if (wire == null) {
            outcomes.badRequest(request);
            return;
        }
        resent = false;
        long started = System.nanoTime();
        long deadline = started + config.timeouts().request().toNanos();
        try {
            TargetConnection.Reply reply = exchange(wire, deadline);
            for (int hop = 0; hop < config.rewriting().redirects(); hop++) {
                OutgoingRequest next = Redirects.next(wire, reply.response(), target);
                if (next == null) {
                    break;
                }
                stats.redirected();
                wire = next;
                reply = exchange(wire, deadline);
            }
            outcomes.answered(request, reply.response(), reply.startedEpochNanos(), System.nanoTime() - started,
                    reply.interim());
        } catch (ReplayFailure f) {
            closeConnection();
            outcomes.failed(f);
        }
    }

    /**
     * One request on the worker's connection (opened or reopened as needed), sent once more on a new
     * one when {@link RetryPolicy} says so; the connection is closed unless reusable.
     */
    private TargetConnection.Reply exchange(OutgoingRequest wire, long deadline) throws ReplayFailure {
        if (connection != null && RetryPolicy.probeBeforeReuse(connection.idleNanos()) && connection.stale()) {
            closeConnection();
        }
        if (connection == null) {
            connection = connector.open(deadline, readBuffer);
        }
        TargetConnection on = connection;
        watchdog.arm(on, deadline);
        TargetConnection.Reply reply;
        try {
            stats.sent();
            reply = on.exchange(wire.bytes(), wire.method(), wire.headLength(), wire.expectContinue(), deadline);
        } catch (ReplayFailure f) {
            if (!RetryPolicy.resend(f, wire.method(), resent, on.reused(), on.replyStarted(), System.nanoTime(), deadline)) {
                throw f;
            }
            reply = null;
        } finally {
            watchdog.disarm(on);
        }
        if (reply == null) {
            resent = true;
            stats.staleRetry();
            closeConnection();
            return exchange(wire, deadline);
        }
        if (!reply.reusable() || wire.closeAfter()) {
            closeConnection();
        }
        return reply;
    }

    private void closeConnection() {
        if (connection != null) {
            connection.close();
            connection = null;
        }
    }

    @Override
    public void close() {
        closeConnection();
    }
}
