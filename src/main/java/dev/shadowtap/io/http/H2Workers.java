package dev.shadowtap.io.http;

import dev.shadowtap.core.Reason;
import dev.shadowtap.pipeline.Message;
import org.eclipse.jetty.http2.api.Session;
import org.eclipse.jetty.http2.api.Stream;
import org.eclipse.jetty.http2.client.HTTP2Client;
import org.eclipse.jetty.util.Promise;
import org.eclipse.jetty.util.ssl.SslContextFactory;
import org.eclipse.jetty.util.thread.QueuedThreadPool;
import org.eclipse.jetty.util.thread.ScheduledExecutorScheduler;
import org.eclipse.jetty.util.thread.Scheduler;

import java.net.InetSocketAddress;
import java.nio.channels.UnresolvedAddressException;
import java.util.ArrayDeque;
import java.util.ArrayList;
import java.util.List;
import java.util.concurrent.TimeUnit;
import java.util.concurrent.atomic.AtomicInteger;
import java.util.function.Consumer;

/**
 * The HTTP/2 replay (docs/HTTP2.md, "Replay"): HTTP/2 records go as streams multiplexed on a few
 * connections of Jetty's low-level {@link HTTP2Client}: prior knowledge on {@code http://} targets,
 * ALPN {@code h2} over TLS on {@code https://}. A new connection opens only when every open one carries
 * as many streams as the target allows (its SETTINGS_MAX_CONCURRENT_STREAMS), up to {@code --output-http-workers}
 * connections ({@link #DEFAULT_SESSIONS} when it is 0); the output's {@code queueLen} bounds the streams in flight.
 */
final class H2Workers implements ReplayWorkers, H2Session.Events {
    static final int DEFAULT_SESSIONS = 4;

    private final HttpReplayConfig config;
    private final ReplayTarget target;
    private final Outcomes outcomes;
    private final Consumer<Message> done;
    private final HTTP2Client client;
    private final SslContextFactory.Client tls;
    private final int maxSessions;
    private final Object lock = new Object();
    private final ArrayDeque<Pending> queue = new ArrayDeque<>();
    private final List<H2Session> sessions = new ArrayList<>();
    private final AtomicInteger inFlight = new AtomicInteger();
    private int connecting;
    private long retryConnectAfter = System.nanoTime();
    /** Set when a connection closed before the target's SETTINGS: the failure of requests while no other is open. */
    private volatile ReplayFailure notHttp2;
    private volatile boolean stopping;

    H2Workers(HttpReplayConfig config, ReplayTarget target, Outcomes outcomes, Consumer<Message> done) {
        this.config = config;
        this.target = target;
        this.outcomes = outcomes;
        this.done = done;
        this.maxSessions = config.pool().workersMax() == 0 ? DEFAULT_SESSIONS : config.pool().workersMax();
        this.client = new HTTP2Client();
        QueuedThreadPool threads = new QueuedThreadPool();
        threads.setName("output-http2 " + target.address());
        threads.setDaemon(true);
        client.setExecutor(threads);
        client.setScheduler(new ScheduledExecutorScheduler("output-http2-timer " + target.address(), true));
        client.setConnectTimeout(config.timeouts().request().toMillis());
        client.setIdleTimeout(Math.max(config.timeouts().request().toMillis(), config.timeouts().workerIdle().toMillis()));
        if (target.tls()) {
            tls = new SslContextFactory.Client(config.target().skipVerify());
            tls.setEndpointIdentificationAlgorithm(config.target().skipVerify() ? null : "HTTPS");
            client.addBean(tls);
        } else {
            tls = null;
        }
        try {
            client.start();
        } catch (Exception e) {
            throw new IllegalStateException("output-http " + target.address() + ": the HTTP/2 client did not start: " + e, e);
        }
    }

    /** A request waiting for a stream, and how many times the target did not process it before. */
    private record Pending(Message request, int refusedBefore) {
    }

    @Override
    public void submit(Message request) {
        synchronized (lock) {
            queue.add(new Pending(request, 0));
        }
        pump();
    }

    /** Starts what waits on connections with room, and opens one more when none has room. */
    private void pump() {
        List<Runnable> starts = new ArrayList<>();
        List<Message> failedNow = new ArrayList<>();
        boolean connect = false;
        ReplayFailure notHttp2 = this.notHttp2;
        synchronized (lock) {
            sessions.removeIf(s -> s.closed);
            while (!queue.isEmpty() && !stopping) {
                H2Session best = null;
                for (H2Session s : sessions) {
                    if (s.hasRoom() && (best == null || s.active < best.active)) {
                        best = s;
                    }
                }
                if (best == null) {
                    // one connection at a time, and none while one still waits for the target's SETTINGS
                    boolean settling = false;
                    for (H2Session x : sessions) {
                        settling |= !x.settled;
                    }
                    if (connecting == 0 && !settling && sessions.size() < maxSessions
                            && (sessions.isEmpty() || System.nanoTime() - retryConnectAfter >= 0)) {
                        if (sessions.isEmpty() && notHttp2 != null && System.nanoTime() - retryConnectAfter < 0) {
                            // the target answered a moment ago as no HTTP/2 server: fail fast, not a connection each
                            queue.forEach(p -> failedNow.add(p.request()));
                            queue.clear();
                            break;
                        }
                        connecting++;
                        connect = true;
                    }
                    break;
                }
                Pending m = queue.poll();
                best.active++;
                inFlight.incrementAndGet();
                H2Session on = best;
                starts.add(() -> start(on, m));
            }
        }
        for (Message m : failedNow) {
            outcomes.failed(notHttp2);
            done.accept(m);
        }
        if (connect) {
            connect();
        }
        starts.forEach(Runnable::run);
    }

    private void connect() {
        H2Session s = new H2Session(this);
        InetSocketAddress address = new InetSocketAddress(target.host(), target.port());
        if (address.isUnresolved()) {
            connected(s, null, new UnresolvedAddressException());
            return;
        }
        (tls == null ? client.connect(address, s) : client.connect(tls, address, s))
                .whenComplete((session, x) -> connected(s, session, x));
    }

    private void connected(H2Session s, Session session, Throwable x) {
        List<Message> failed = new ArrayList<>();
        synchronized (lock) {
            connecting--;
            if (x == null) {
                s.session = session;
                sessions.add(s);
            } else if (sessions.isEmpty()) {
                // no connection to send on: every request waiting fails as the HTTP/1 replay's would
                queue.forEach(p -> failed.add(p.request()));
                queue.clear();
            }
        }
        if (x != null) {
            ReplayFailure f = H2Failures.ofConnect(x, target.host());
            for (Message m : failed) {
                outcomes.failed(f);
                done.accept(m);
            }
            if (failed.isEmpty()) {
                // other connections carry the queue: try again later, not in a loop
                synchronized (lock) {
                    retryConnectAfter = System.nanoTime() + TimeUnit.SECONDS.toNanos(1);
                }
            }
        }
        pump();
    }

    private void start(H2Session s, Pending p) {
        Message m = p.request();
        H2Outgoing outgoing = H2Outgoing.of(m, target, config.rewriting().originalHost());
        if (outgoing == null) {
            outcomes.badRequest(m);
            ended(s, m);
            return;
        }
        Scheduler.Task[] timer = new Scheduler.Task[1];
        H2Exchange ex = new H2Exchange(m, p.refusedBefore(), outgoing, outcomes, config.tracking().responseBuffer(), (e, f) -> {
            s.exchanges.remove(e);
            if (timer[0] != null) {
                timer[0].cancel();
            }
            ended(s, e.request());
        }, e -> refused(s, e, timer[0]), () -> s.goAwayLastStream);
        s.exchanges.add(ex);
        timer[0] = client.getScheduler().schedule(
                () -> ex.fail(new ReplayFailure(Reason.TIMEOUT, "no complete response within the timeout")),
                config.timeouts().request().toMillis(), TimeUnit.MILLISECONDS);
        s.session.newStream(ex.headersFrame(), Promise.from((Stream stream) -> ex.opened(stream), x -> {
            if (noRoom(x) && ex.withdraw()) {
                requeue(s, ex, timer[0], false);
            } else {
                ex.fail(H2Failures.of(x));
            }
        }), ex);
    }

    /** Jetty counts a stream until both its sides closed, a moment after its answer: the limit was met. */
    private static boolean noRoom(Throwable x) {
        return x instanceof IllegalStateException && String.valueOf(x.getMessage()).contains("Max local stream count");
    }

    /**
     * The target did not process a stream (RST_STREAM REFUSED_STREAM, or past its GOAWAY): the request
     * goes again, first in line (RFC 9113 8.7 and 6.8), counted. A target that refuses while this
     * connection has N streams open gets at most N - 1 on it from then on: it may still count a stream
     * whose end the replay has already read, and a refusal only costs a round trip.
     */
    private void refused(H2Session s, H2Exchange ex, Scheduler.Task timer) {
        synchronized (lock) {
            s.maxStreams = Math.max(1, Math.min(s.maxStreams, s.active - 1));
        }
        outcomes.stats().refusedRetry();
        requeue(s, ex, timer, true);
    }

    /** Puts a request that found no room back at the head of the queue, and looks again a moment later. */
    private void requeue(H2Session s, H2Exchange ex, Scheduler.Task timer, boolean refused) {
        if (timer != null) {
            timer.cancel();
        }
        s.exchanges.remove(ex);
        synchronized (lock) {
            s.active--;
            queue.addFirst(new Pending(ex.request(), ex.refusedBefore() + (refused ? 1 : 0)));
        }
        inFlight.decrementAndGet();
        client.getScheduler().schedule(this::pump, 1, TimeUnit.MILLISECONDS);
    }

    private void ended(H2Session s, Message m) {
        synchronized (lock) {
            s.active--;
        }
        inFlight.decrementAndGet();
        done.accept(m);
        pump();
    }

    @Override
    public void changed(H2Session session) {
        if (session.settled) {
            notHttp2 = null;
        }
        pump();
    }

    @Override
    public void ended(H2Session session, String why) {
        if (!session.settled) {
            notSpeakingHttp2(session);
        }
        for (H2Exchange e : List.copyOf(session.exchanges)) {
            // a stream past the target's GOAWAY, or never opened, was not processed: it goes again
            if (!(e.unprocessedBy(session.goAwayLastStream) && e.refuse())) {
                e.fail(new ReplayFailure(Reason.CLOSED_EARLY, why));
            }
        }
        pump();
    }

    /**
     * A connection the target closed (or broke) before its SETTINGS came: no HTTP/2 server with prior
     * knowledge is there (an HTTP/1-only server, a TLS port behind an {@code http://} URL). Like a refused
     * connect, the requests waiting fail when no other connection is open, counted {@code not-http2};
     * for a second the next ones fail at once instead of opening a connection each.
     */
    private void notSpeakingHttp2(H2Session session) {
        ReplayFailure f = new ReplayFailure(Reason.NOT_HTTP2, "the target closed the connection before its HTTP/2 SETTINGS:"
                + " it does not speak HTTP/2 with prior knowledge there (an HTTP/1-only server? a TLS port behind http://?)");
        List<Message> failed = new ArrayList<>();
        synchronized (lock) {
            notHttp2 = f;
            retryConnectAfter = System.nanoTime() + TimeUnit.SECONDS.toNanos(1);
            sessions.remove(session);
            if (sessions.stream().noneMatch(x -> x.settled && !x.closed)) {
                queue.forEach(p -> failed.add(p.request()));
                queue.clear();
            }
        }
        for (Message m : failed) {
            outcomes.failed(f);
            done.accept(m);
        }
    }

    @Override
    public int queued() {
        synchronized (lock) {
            return queue.size();
        }
    }

    @Override
    public int inFlight() {
        return inFlight.get();
    }

    @Override
    public int workers() {
        synchronized (lock) {
            return sessions.size() + connecting;
        }
    }

    @Override
    public int dropQueued() {
        List<Message> dropped = new ArrayList<>();
        synchronized (lock) {
            queue.forEach(p -> dropped.add(p.request()));
            queue.clear();
        }
        dropped.forEach(done);
        return dropped.size();
    }

    @Override
    public int shutdown() {
        stopping = true;
        int unsent = dropQueued();
        long deadline = System.nanoTime() + TimeUnit.MILLISECONDS.toNanos(500);
        while (inFlight.get() > 0 && System.nanoTime() < deadline) {
            try {
                Thread.sleep(5);
            } catch (InterruptedException e) {
                Thread.currentThread().interrupt();
                break;
            }
        }
        List<H2Exchange> left = new ArrayList<>();
        synchronized (lock) {
            sessions.forEach(s -> left.addAll(s.exchanges));
        }
        left.forEach(e -> e.fail(new ReplayFailure(Reason.IN_FLIGHT_AT_CLOSE, "no answer before the output closed")));
        try {
            client.stop();
        } catch (Exception e) {
            // stopping anyway: what was in flight has been counted by its own failure
        }
        return unsent;
    }
}
