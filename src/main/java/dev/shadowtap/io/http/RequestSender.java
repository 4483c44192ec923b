package dev.shadowtap.io.http;

import dev.shadowtap.http.FramedMessage;
import dev.shadowtap.http.HttpHead;
import dev.shadowtap.pipeline.Message;
import dev.shadowtap.pipeline.MessageType;

import java.net.URI;
import java.util.Locale;
import java.util.function.BiConsumer;

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
    private final HttpReplayStats stats;
    private final BiConsumer<String, String> failureLog;
    private final ReplyInput replies;
    private final byte[] readBuffer = new byte[16 * 1024];
    private TargetConnection connection;

    RequestSender(HttpReplayConfig config, ReplayTarget target, Connector connector, Watchdog watchdog,
                  HttpReplayStats stats, BiConsumer<String, String> failureLog, ReplyInput replies) {
        this.config = config;
        this.target = target;
        this.connector = connector;
        this.watchdog = watchdog;
        this.stats = stats;
        this.failureLog = failureLog;
        this.replies = replies;
    }

    void send(Message request) throws InterruptedException {
        OutgoingRequest wire = RequestBytes.forTarget(request.payload(), target, config.originalHost());
        if (wire == null) {
            stats.stage().drop("bad-request");
            failureLog.accept("bad-request", "a request without a request line or an end to its head, id " + request.id());
            return;
        }
        long started = System.nanoTime();
        long deadline = started + config.timeout().toNanos();
        try {
            TargetConnection.Reply reply = exchange(wire, deadline);
            for (int hop = 0; hop < config.redirects(); hop++) {
                OutgoingRequest next = redirect(wire, reply.response());
                if (next == null) {
                    break;
                }
                stats.redirected();
                wire = next;
                reply = exchange(wire, deadline);
            }
            long latency = System.nanoTime() - started;
            FramedMessage response = reply.response();
            stats.response(response.head().status(), latency, response.truncated(), reply.interim());
            if (replies != null) {
                replies.offer(new Message(MessageType.REPLAYED, request.id(), reply.startedEpochNanos(), latency,
                        response.raw(), request.connection()));
            }
        } catch (ReplayFailure f) {
            closeConnection();
            stats.stage().drop(f.reason());
            failureLog.accept(f.reason(), f.getMessage());
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

    /** The request a redirect asks for, or null when it is not one to follow (other host, no Location). */
    private OutgoingRequest redirect(OutgoingRequest wire, FramedMessage response) {
        int status = response.head().status();
        if (status != 301 && status != 302 && status != 303 && status != 307 && status != 308) {
            return null;
        }
        String location = response.head().header("Location").orElse(null);
        if (location == null || location.isBlank()) {
            return null;
        }
        URI uri;
        try {
            uri = URI.create(location.strip());
        } catch (IllegalArgumentException e) {
            return null;
        }
        if (uri.isAbsolute() && !target.sameOrigin(uri)) {
            return null;
        }
        HttpHead head = HttpHead.tryParse(wire.bytes()).orElse(null);
        if (head == null) {
            return null;
        }
        String path = uri.getRawPath() == null || uri.getRawPath().isEmpty() ? "/" : uri.getRawPath();
        if (!path.startsWith("/")) {
            URI base = URI.create("http://x" + head.target().replaceAll("[?#].*$", ""));
            path = base.resolve(path).getRawPath();
        }
        String newTarget = uri.getRawQuery() == null ? path : path + "?" + uri.getRawQuery();
        String method = head.method().toUpperCase(Locale.ROOT);
        boolean asGet = status == 303 ? !method.equals("HEAD")
                : (status == 301 || status == 302) && method.equals("POST");
        byte[] bytes = RequestBytes.redirected(wire.bytes(), head, newTarget, asGet);
        return RequestBytes.forTarget(bytes, target, true);
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
