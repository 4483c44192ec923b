package dev.shadowtap.io.http;

import dev.shadowtap.http.FramingLimits;
import dev.shadowtap.pipeline.Input;
import dev.shadowtap.pipeline.Log;
import dev.shadowtap.pipeline.Message;
import dev.shadowtap.pipeline.Output;
import dev.shadowtap.pipeline.StageStats;
import dev.shadowtap.pipeline.Stats;

import java.util.List;
import java.util.Set;
import java.util.concurrent.ConcurrentHashMap;
import java.util.concurrent.LinkedBlockingQueue;
import java.util.concurrent.Semaphore;
import java.util.concurrent.TimeUnit;
import java.util.concurrent.atomic.AtomicInteger;

/**
 * {@code --output-http}: replays requests to one target over keep-alive connections, one per worker,
 * workers on virtual threads. {@link #write} waits while {@code queueLen} requests are queued or in
 * flight, so a file input is held back and memory stays bounded. Workers grow when requests wait and
 * no worker is idle (up to {@code workersMax}, or to demand when 0) and above {@code workersMin} exit
 * after {@code workerTimeout} idle. Only requests are sent; recorded responses beside them are
 * skipped (that is no loss, so not a drop). With {@code trackResponse}, {@link #replies()} yields each final response as a
 * REPLAYED message carrying the request's id.
 */
public final class HttpReplayOutput implements Output {
    private static final Message STOP = new Message(dev.shadowtap.pipeline.MessageType.REQUEST, "", 0, -1, new byte[0]);

    private final HttpReplayConfig config;
    private final ReplayTarget target;
    private final Log log;
    private final HttpReplayStats stats;
    private final Connector connector;
    private final Watchdog watchdog;
    private final ReplyInput replies;
    private final StageStats repliesStage;
    private final LinkedBlockingQueue<Message> queue = new LinkedBlockingQueue<>();
    private final Semaphore permits;
    private final AtomicInteger workers = new AtomicInteger();
    private final AtomicInteger idle = new AtomicInteger();
    private final AtomicInteger inFlight = new AtomicInteger();
    private final Set<Thread> threads = ConcurrentHashMap.newKeySet();
    private final Set<String> reported = ConcurrentHashMap.newKeySet();
    private final Thread statsPrinter;
    private volatile boolean closed;
    private volatile boolean stopping;
    private volatile boolean abandoned;

    /** Starts {@code workersMin} workers; counters go to a stage named {@code output-http <address>} of {@code stats}. */
    public HttpReplayOutput(HttpReplayConfig config, Stats stats, Log log) {
        this.config = config;
        this.target = ReplayTarget.of(config.target());
        this.log = log;
        this.stats = new HttpReplayStats(target.address(), stats.stage("output-http " + target.address()));
        this.connector = new Connector(target, config.skipVerify(),
                new FramingLimits(FramingLimits.DEFAULT_MAX_HEAD_BYTES, config.responseBuffer()));
        this.watchdog = new Watchdog("output-http-watchdog " + target.address());
        this.permits = new Semaphore(config.queueLen());
        this.repliesStage = config.trackResponse() ? stats.stage("output-http-replies " + target.address()) : null;
        this.replies = config.trackResponse() ? new ReplyInput(config.queueLen(), repliesStage) : null;
        this.stats.gauges(queue::size, inFlight::get, workers::get);
        for (int i = 0; i < config.workersMin(); i++) {
            workers.incrementAndGet();
            startWorker();
        }
        this.statsPrinter = config.statsInterval() == null ? null
                : Thread.ofVirtual().name("output-http-stats").start(this::printStats);
    }

    /**
     * A stop was asked for (SIGINT/SIGTERM, {@code --exit-after}): requests not yet sent are dropped
     * and counted as {@code unsent-at-close} instead of being replayed to a possibly slow target, so
     * that the run can flush its files and exit promptly. Requests in flight still get their reply.
     */
    public void abandon() {
        abandoned = true;
        int unsent = 0;
        for (Message m; (m = queue.poll()) != null; ) {
            if (m != STOP) {
                unsent++;
                permits.release();
            }
        }
        if (unsent > 0) {
            stats.stage().drops("unsent-at-close", unsent);
        }
    }

    /** Queues a request, waiting while {@code queueLen} are queued or in flight. */
    @Override
    public void write(Message message) throws InterruptedException {
        if (!message.isRequest()) {
            // Recorded responses travel beside the requests; only requests are replayed. Not a loss.
            return;
        }
        if (abandoned) {
            stats.stage().drop("unsent-at-close");
            return;
        }
        if (closed) {
            stats.stage().drop("output-closed");
            return;
        }
        permits.acquire();
        if (closed) {
            permits.release();
            stats.stage().drop("output-closed");
            return;
        }
        queue.add(message);
        if (idle.get() < queue.size()) {
            grow();
        }
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
     * Stops taking requests, lets queued ones finish (waiting at most the timeout plus one second; the
     * rest are counted as {@code unsent-at-close}), closes the connections and ends {@link #replies()}.
     */
    @Override
    public void close() {
        if (closed) {
            return;
        }
        closed = true;
        // Queued requests are still sent: wait while they make progress, and give up only when none
        // has completed for a whole timeout (a stalled target), or when abandon() was called.
        long window = config.timeout().toNanos() + TimeUnit.SECONDS.toNanos(1);
        long deadline = System.nanoTime() + window;
        int lastFree = permits.availablePermits();
        try {
            while (!abandoned && permits.availablePermits() < config.queueLen() && System.nanoTime() < deadline) {
                Thread.sleep(5);
                int free = permits.availablePermits();
                if (free != lastFree) {
                    lastFree = free;
                    deadline = System.nanoTime() + window;
                }
            }
        } catch (InterruptedException e) {
            Thread.currentThread().interrupt();
        }
        stopping = true;
        int unsent = 0;
        while (queue.poll() != null) {
            unsent++;
        }
        if (unsent > 0) {
            stats.stage().drops("unsent-at-close", unsent);
        }
        for (int i = 0; i < workers.get() + 1; i++) {
            queue.add(STOP);
        }
        joinAll(System.nanoTime() + TimeUnit.MILLISECONDS.toNanos(500));
        threads.forEach(Thread::interrupt);
        joinAll(System.nanoTime() + TimeUnit.SECONDS.toNanos(1));
        watchdog.close();
        if (statsPrinter != null) {
            statsPrinter.interrupt();
        }
        if (replies != null) {
            replies.end();
        }
    }

    /** Waits for the workers until one shared deadline (not one per worker: there may be a thousand). */
    private void joinAll(long deadlineNanos) {
        for (Thread t : threads) {
            long left = deadlineNanos - System.nanoTime();
            try {
                if (left <= 0 || !t.join(java.time.Duration.ofNanos(left))) {
                    return;
                }
            } catch (InterruptedException e) {
                Thread.currentThread().interrupt();
                return;
            }
        }
    }

    /** The exit summary lines (also fine to call while running). */
    public List<String> summaryLines() {
        return stats.summaryLines();
    }

    private void grow() {
        int max = config.effectiveWorkersMax();
        while (true) {
            int n = workers.get();
            if (n >= max) {
                return;
            }
            if (workers.compareAndSet(n, n + 1)) {
                startWorker();
                return;
            }
        }
    }

    private boolean shrink() {
        while (true) {
            int n = workers.get();
            if (n <= config.workersMin()) {
                return false;
            }
            if (workers.compareAndSet(n, n - 1)) {
                return true;
            }
        }
    }

    private void startWorker() {
        Thread t = Thread.ofVirtual().name("output-http " + target.address()).unstarted(this::work);
        threads.add(t);
        t.start();
    }

    private void work() {
        long idleNanos = config.workerTimeout().toNanos();
        try (RequestSender sender = new RequestSender(config, target, connector, watchdog, stats, this::reportOnce, replies)) {
            while (true) {
                Message m = queue.poll();
                if (m == null) {
                    idle.incrementAndGet();
                    try {
                        m = queue.poll(idleNanos, TimeUnit.NANOSECONDS);
                    } finally {
                        idle.decrementAndGet();
                    }
                }
                if (m == STOP) {
                    workers.decrementAndGet();
                    return;
                }
                if (m == null) {
                    if (stopping || shrink()) {
                        if (stopping) {
                            workers.decrementAndGet();
                        }
                        return;
                    }
                    continue;
                }
                inFlight.incrementAndGet();
                try {
                    sender.send(m);
                } catch (RuntimeException e) {
                    // A defect, not the target's fault: count it, say it once, keep the worker alive.
                    stats.stage().drop("internal-error");
                    reportOnce("internal-error", String.valueOf(e));
                } finally {
                    inFlight.decrementAndGet();
                    permits.release();
                }
            }
        } catch (InterruptedException e) {
            workers.decrementAndGet();
        } finally {
            threads.remove(Thread.currentThread());
        }
    }

    /** One log line per failure reason, the first time, naming the target. */
    private void reportOnce(String reason, String detail) {
        if (reported.add(reason)) {
            log.warn("output-http " + target.address() + ": " + reason + " (" + detail
                    + "); later ones are only counted");
        }
    }

    private void printStats() {
        long ms = config.statsInterval().toMillis();
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
