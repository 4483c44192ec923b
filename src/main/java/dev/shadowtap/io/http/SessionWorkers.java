package dev.shadowtap.io.http;

import dev.shadowtap.core.Reason;
import dev.shadowtap.io.session.Sessions;
import dev.shadowtap.pipeline.Message;

import java.time.Duration;
import java.util.List;
import java.util.concurrent.atomic.AtomicInteger;
import java.util.function.Consumer;

/**
 * {@code --recognize-tcp-sessions}: every recorded client connection (a session) is replayed on a
 * target connection of its own ({@link Sessions}: a virtual thread per session at work, its requests
 * in the order they came, each sent once the one before was answered, as the original client did).
 * Sessions that overlapped in the recording overlap here. A session's connection closes once it has
 * had nothing to send for {@code workerTimeout} (the recording does not say which request was a
 * connection's last), or at shutdown; {@code --output-http-workers}, when given, bounds the
 * connections open at once.
 */
final class SessionWorkers implements ReplayWorkers, Sessions.Work<RequestSender> {
    private final HttpReplayConfig config;
    private final ReplayTarget target;
    private final Connector connector;
    private final Watchdog watchdog;
    private final Outcomes outcomes;
    private final Consumer<Message> done;
    private final Sessions<RequestSender> sessions;
    private final AtomicInteger inFlight = new AtomicInteger();

    SessionWorkers(HttpReplayConfig config, ReplayTarget target, Connector connector, Outcomes outcomes, Consumer<Message> done) {
        this.config = config;
        this.target = target;
        this.connector = connector;
        this.watchdog = new Watchdog("output-http-watchdog " + target.address());
        this.outcomes = outcomes;
        this.done = done;
        this.sessions = new Sessions<>(config.pool().workersMax(), config.timeouts().workerIdle(),
                "output-http-session " + target.address(), this);
    }

    @Override
    public void handle(Sessions.Session<RequestSender> session, Message request) throws InterruptedException {
        if (session.link == null) {
            session.link = new RequestSender(config, target, connector, watchdog, outcomes);
        }
        inFlight.incrementAndGet();
        try {
            session.link.send(request);
        } catch (RuntimeException e) {
            outcomes.failed(Reason.INTERNAL_ERROR, String.valueOf(e));
        } finally {
            inFlight.decrementAndGet();
            done.accept(request);
        }
    }

    @Override
    public void disconnected(Sessions.Session<RequestSender> session) {
        // the sender closed its connection with it
    }

    @Override
    public void submit(Message request) {
        if (!sessions.submit(request)) {
            done.accept(request); // stopping: the caller counts it unsent
        }
    }

    @Override
    public int queued() {
        return sessions.queued();
    }

    @Override
    public int inFlight() {
        return inFlight.get();
    }

    @Override
    public int workers() {
        return sessions.open();
    }

    @Override
    public int dropQueued() {
        return finish(sessions.drain());
    }

    @Override
    public int shutdown() {
        try {
            return finish(sessions.stop(Duration.ofMillis(1500)));
        } catch (InterruptedException e) {
            Thread.currentThread().interrupt();
            return finish(sessions.drain());
        } finally {
            watchdog.close();
        }
    }

    private int finish(List<Message> unsent) {
        unsent.forEach(done);
        return unsent.size();
    }
}
