package dev.shadowtap.io.http;

import dev.shadowtap.pipeline.Message;


/**
 * What one worker does with one request: prepare its bytes for the target, send them over the
 * worker's keep-alive connection, read the final response, follow redirects, count, and hand the
 * reply on. Never retries a request that may have reached the target. Owned by one worker thread.
 */
final class RequestSender implements AutoCloseable {
    /** An idle connection older than this is probed for a server-side close before reuse. */
    private static final long PROBE_AFTER_IDLE_NANOS = 1_000_000_000L;

    private final HttpReplayConfig config;
    private final ReplayTarget target;
    private final Connector connector;
    private final Watchdog watchdog;
    private final Outcomes outcomes;
    private final HttpReplayStats stats;
    private final byte[] readBuffer = new byte[16 * 1024];
    private TargetConnection connection;

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
        OutgoingRequest wire = RequestBytes.forTarget(request.payload(), target, config.originalHost());
        if (wire == null) {
            outcomes.badRequest(request);
            return;
        }
        long started = System.nanoTime();
        long deadline = started + config.timeout().toNanos();
        try {
            TargetConnection.Reply reply = exchange(wire, deadline);
            for (int hop = 0; hop < config.redirects(); hop++) {
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

    /** One request on the worker's connection (opened or reopened as needed); the connection is closed unless reusable. */
    private TargetConnection.Reply exchange(OutgoingRequest wire, long deadline) throws ReplayFailure {
        if (connection != null && connection.idleNanos() > PROBE_AFTER_IDLE_NANOS && connection.stale()) {
            closeConnection();
        }
        if (connection == null) {
            connection = connector.open(deadline, readBuffer);
        }
        watchdog.arm(connection, deadline);
        TargetConnection.Reply reply;
        try {
            stats.sent();
            reply = connection.exchange(wire.bytes(), wire.method(), wire.headLength(), wire.expectContinue(), deadline);
        } finally {
            watchdog.disarm(connection);
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
