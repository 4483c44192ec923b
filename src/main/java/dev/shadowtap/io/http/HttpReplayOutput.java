package dev.shadowtap.io.http;

import dev.shadowtap.core.Reason;
import dev.shadowtap.core.SessionKey;
import dev.shadowtap.http.FramingLimits;
import dev.shadowtap.pipeline.Input;
import dev.shadowtap.core.Log;
import dev.shadowtap.pipeline.Message;
import dev.shadowtap.pipeline.ReplayOutput;
import dev.shadowtap.core.StageStats;
import dev.shadowtap.core.Stats;

import java.util.List;
import java.util.Set;
import java.util.concurrent.ConcurrentHashMap;
import java.util.concurrent.TimeUnit;

/**
 * {@code --output-http}: replays requests to one target over keep-alive connections.
 * {@link #write} waits while {@code queueLen} requests are queued or in flight, so a file input is held
 * back and memory stays bounded. Plain http targets are driven by one thread on a selector
 * ({@link LoopWorkers}); https targets by a virtual thread per connection ({@link ThreadWorkers}).
 * Connections grow with demand between {@code workersMin} and {@code workersMax} (or {@code queueLen}
 * when 0) and idle ones above the minimum close after {@code workerTimeout}. Only requests are sent;
 * recorded responses beside them are skipped (no loss, so not a drop: counted as skipped
 * {@code not-a-request}, shown beside the drops). With
 * {@code trackResponse}, {@link #replies()} yields each final response as a REPLAYED message carrying
 * the request's id. Requests that share an id (GoReplay's recordings: one id per keep-alive
 * connection) go one after another, in order ({@link IdOrder}).
 */
public final class HttpReplayOutput implements ReplayOutput {
    private final HttpReplayConfig config;
    private final ReplayTarget target;
    private final Log log;
    private final HttpReplayStats stats;
    private final ReplyInput replies;
    private final StageStats repliesStage;
    private final Credits credits;
    private final IdOrder order = new IdOrder();
    private final ReplayWorkers workers;
    private final Outcomes outcomes;
    /** The HTTP/2 replay, made on the first HTTP/2 record (docs/HTTP2.md); null before. */
    private volatile H2Workers h2;
    private final Set<Reason> reported = ConcurrentHashMap.newKeySet();
    private final Thread statsPrinter;
    private volatile boolean closed;
    private volatile boolean abandoned;
    private volatile boolean stopping;
    /** True on a thread inside {@link #dropping}: its {@code done} callbacks are for requests dropped unsent. */
    private final ThreadLocal<Boolean> droppingHere = ThreadLocal.withInitial(() -> false);
    private final java.util.concurrent.atomic.AtomicBoolean saidNoSessions = new java.util.concurrent.atomic.AtomicBoolean();

    /** Counters go to a stage named {@code output-http <address>} of {@code stats}. */
    public HttpReplayOutput(HttpReplayConfig config, Stats stats, Log log) {
        this.config = config;
        this.target = ReplayTarget.of(config.target().url());
        this.log = log;
        this.stats = new HttpReplayStats(target.address(), stats.stage("output-http " + target.address()));
        this.credits = new Credits(config.pool().queueLen());
        this.repliesStage = config.tracking().trackResponse() ? stats.stage("output-http-replies " + target.address()) : null;
        this.replies = config.tracking().trackResponse() ? new ReplyInput(config.pool().queueLen(), repliesStage) : null;
        FramingLimits limits = new FramingLimits(FramingLimits.DEFAULT_MAX_HEAD_BYTES, config.tracking().responseBuffer());
        this.outcomes = new Outcomes(this.stats, this::reportOnce, replies);
        this.workers = config.pool().sessions()
                ? new SessionWorkers(config, target, new Connector(target, config.target().skipVerify(), limits), outcomes,
                        this::finished)
                : target.tls()
                ? new ThreadWorkers(config, target, new Connector(target, config.target().skipVerify(), limits), outcomes,
                        this::finished)
                : new LoopWorkers(config, target, limits, outcomes, this::finished);
        this.stats.gauges(() -> workers.queued() + order.held() + (h2 == null ? 0 : h2.queued()),
                () -> workers.inFlight() + (h2 == null ? 0 : h2.inFlight()),
                () -> workers.workers() + (h2 == null ? 0 : h2.workers()));
        this.statsPrinter = config.tracking().statsInterval() == null ? null
                : Thread.ofVirtual().name("output-http-stats").start(this::printStats);
    }

    /**
     * A stop was asked for (SIGINT/SIGTERM, {@code --exit-after}): requests not yet sent are dropped
     * and counted as {@code unsent-at-close} instead of being replayed to a possibly slow target, so
     * that the run can flush its files and exit promptly. Requests in flight still get their reply.
     */
    @Override
    public void abandon() {
        abandoned = true;
        int unsent = dropping(() -> workers.dropQueued() + (h2 == null ? 0 : h2.dropQueued()) + dropHeld());
        if (unsent > 0) {
            stats.stage().drops(Reason.UNSENT_AT_CLOSE, unsent);
        }
    }

    /** Drops the requests waiting behind an earlier one with their id; returns how many. */
    private int dropHeld() {
        List<Message> held = order.drain();
        held.forEach(m -> {
            credits.release();
            m.receipt().lose();
        });
        return held.size();
    }

    /**
     * A request is done (answered, failed, or dropped unsent): its credit comes back, and the next
     * request with its id, if one waits, goes to the workers (or is dropped too, once stopping).
     */
    private void finished(Message request) {
        if (droppingHere.get()) {
            request.receipt().lose();
        } else {
            request.receipt().release();
        }
        Message done = request;
        while (true) {
            credits.release();
            Message next = order.done(done);
            if (next == null) {
                return;
            }
            if (!abandoned && !stopping) {
                route(next);
                return;
            }
            stats.stage().drop(Reason.UNSENT_AT_CLOSE);
            next.receipt().lose();
            done = next;
        }
    }

    /** Queues a request, waiting while {@code queueLen} are queued or in flight. */
    @Override
    public void write(Message message) throws InterruptedException {
        if (!message.isRequest()) {
            // Recorded responses travel beside the requests; only requests are replayed. Not a loss,
            // but counted, so that the summary's msgs do not pass for requests sent.
            stats.stage().skipped(Reason.NOT_A_REQUEST);
            return;
        }
        if (abandoned) {
            message.receipt().markLost();
            stats.stage().drop(Reason.UNSENT_AT_CLOSE);
            return;
        }
        if (closed) {
            message.receipt().markLost();
            stats.stage().drop(Reason.OUTPUT_CLOSED);
            return;
        }
        credits.acquire();
        if (closed) {
            credits.release();
            message.receipt().markLost();
            stats.stage().drop(Reason.OUTPUT_CLOSED);
            return;
        }
        message.receipt().hold(); // until finished(): taken once answered or failed (counted), lost if dropped unsent
        if (config.pool().sessions() && !SessionKey.carriesConnection(message.id()) && !saidNoSessions.getAndSet(true)) {
            log.warn("output-http " + target.address() + ": --recognize-tcp-sessions: the ids of this input carry no "
                    + "connection (id '" + message.id() + "'), so requests are replayed one session each");
        }
        if (order.admit(message)) {
            route(message);
        }
    }

    /** HTTP/2 records to the HTTP/2 replay, the others to the HTTP/1 workers. */
    private void route(Message message) {
        if (H2Outgoing.isH2(message)) {
            h2().submit(message);
        } else {
            workers.submit(message);
        }
    }

    private H2Workers h2() {
        H2Workers h = h2;
        if (h == null) {
            synchronized (this) {
                h = h2;
                if (h == null) {
                    h = new H2Workers(config, target, outcomes, this::finished);
                    h2 = h;
                }
            }
        }
        return h;
    }

    /** The output's stage name: {@code output-http HOST:PORT}. */
    @Override
    public String toString() {
        return stats.stage().name();
    }

    @Override
    public boolean answeredNone() {
        return stats.responsesTotal() == 0 && stats.stage().droppedTotal() > 0;
    }

    /** The tracked replies; null unless {@code trackResponse}. Register it with the emitter as an input. */
    public Input replies() {
        return replies;
    }

    /** The counters of {@link #replies()} (null unless tracking): the emitter counts what it reads there. */
    public StageStats repliesStage() {
        return repliesStage;
    }

    public HttpReplayStats stats() {
        return stats;
    }

    public HttpReplayConfig config() {
        return config;
    }

    /**
     * Stops taking requests, lets queued ones finish (giving up when none has completed for a whole
     * timeout plus one second; the rest are counted as {@code unsent-at-close}), closes the connections
     * and ends {@link #replies()}.
     */
    @Override
    public void close() {
        if (closed) {
            return;
        }
        closed = true;
        // Queued requests are still sent: wait while they make progress, and give up only when none
        // has completed for a whole timeout (a stalled target), or when abandon() was called.
        long window = config.timeouts().request().toNanos() + TimeUnit.SECONDS.toNanos(1);
        long deadline = System.nanoTime() + window;
        int lastUsed = credits.used();
        try {
            while (!abandoned && credits.used() > 0 && System.nanoTime() < deadline) {
                Thread.sleep(5);
                int used = credits.used();
                if (used != lastUsed) {
                    lastUsed = used;
                    deadline = System.nanoTime() + window;
                }
            }
        } catch (InterruptedException e) {
            Thread.currentThread().interrupt();
        }
        stopping = true;
        int unsent = dropping(() -> dropHeld() + workers.shutdown() + (h2 == null ? 0 : h2.shutdown()));
        if (unsent > 0) {
            stats.stage().drops(Reason.UNSENT_AT_CLOSE, unsent);
        }
        if (statsPrinter != null) {
            statsPrinter.interrupt();
        }
        if (replies != null) {
            replies.end();
        }
    }

    /**
     * Runs a step that drops requests unsent: the {@code done} callbacks it runs on this thread give
     * their receipts up as lost (requests answered meanwhile on the workers' threads were taken).
     */
    private int dropping(java.util.function.IntSupplier step) {
        droppingHere.set(true);
        try {
            return step.getAsInt();
        } finally {
            droppingHere.remove();
        }
    }

    /** The exit summary lines (also fine to call while running). */
    public List<String> summaryLines() {
        return stats.summaryLines();
    }

    /** One log line per failure reason, the first time, naming the target. */
    private void reportOnce(Reason reason, String detail) {
        if (reported.add(reason)) {
            log.warn("output-http " + target.address() + ": " + reason.label() + " (" + detail
                    + "); later ones are only counted");
        }
    }

    private void printStats() {
        long ms = config.tracking().statsInterval().toMillis();
        try {
            while (true) {
                Thread.sleep(ms);
                log.info(stats.intervalLine());
            }
        } catch (InterruptedException e) {
            // closed
        }
    }
}
