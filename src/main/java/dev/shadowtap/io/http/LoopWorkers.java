package dev.shadowtap.io.http;

import dev.shadowtap.core.Reason;
import dev.shadowtap.http.FramedMessage;
import dev.shadowtap.http.FramingLimits;
import dev.shadowtap.http.FramingResult;
import dev.shadowtap.pipeline.Message;

import java.io.IOException;
import java.net.InetSocketAddress;
import java.nio.ByteBuffer;
import java.nio.channels.SelectionKey;
import java.nio.channels.Selector;
import java.util.function.Consumer;
import java.util.concurrent.TimeUnit;

/**
 * Plain-http replay the way wrk drives load: one platform thread runs every connection to the target
 * on a selector, non-blocking. This class is that select loop and its wire work (connect, write, read,
 * frame, redirect, fail); which connection a request takes and when the pool grows or shrinks is
 * {@link PoolPolicy}'s to say, when the loop must look at deadlines {@link LoopTimers}', and whether a
 * failed request goes again {@link RetryPolicy}'s. One exchange per connection at a time. Compared
 * with a virtual thread parked per response this saves the poller's registration, wake-up and
 * scheduling per request (bench/replay, docs/BENCHMARKS.md).
 */
final class LoopWorkers implements ReplayWorkers {
    /** After a stop, how long requests in flight may still finish before their connections are closed. */
    private static final long STOP_GRACE_NANOS = TimeUnit.MILLISECONDS.toNanos(500);

    private final HttpReplayConfig config;
    private final ReplayTarget target;
    private final FramingLimits limits;
    private final Outcomes outcomes;
    private final HttpReplayStats stats;
    private final Consumer<Message> done;
    private final long timeoutNanos;
    private final int redirects;
    private final Selector selector;
    private final LoopInbox inbox = new LoopInbox();
    private final PoolPolicy<LoopConnection> pool;
    private final LoopTimers timers = new LoopTimers();
    /**
     * The socket reads into native memory, then into the array the framer reads: with a heap buffer
     * the JDK would do the same through a per-thread cache of temporary native buffers, per call.
     */
    private final byte[] readArray = new byte[64 * 1024];
    private final ByteBuffer readBuffer = ByteBuffer.allocateDirect(readArray.length);
    /** Native memory every connection's writes go through (one thread uses it); see {@link LoopConnection#flush}. */
    private final ByteBuffer writeBuffer = ByteBuffer.allocateDirect(64 * 1024);
    private final Thread thread;
    private volatile int inFlight;
    private volatile boolean stopping;
    private volatile boolean dead;
    private long stopAskedNanos;

    LoopWorkers(HttpReplayConfig config, ReplayTarget target, FramingLimits limits, Outcomes outcomes, Consumer<Message> done) {
        this.config = config;
        this.target = target;
        this.limits = limits;
        this.outcomes = outcomes;
        this.stats = outcomes.stats();
        this.done = done;
        this.timeoutNanos = config.timeouts().request().toNanos();
        this.redirects = config.rewriting().redirects();
        this.pool = new PoolPolicy<>(config.pool().workersMin(), config.pool().effectiveWorkersMax(),
                config.timeouts().workerIdle().toNanos());
        try {
            this.selector = Selector.open();
        } catch (IOException e) {
            throw new IllegalStateException("output-http " + target.address() + ": cannot open a selector: "
                    + e.getMessage(), e);
        }
        this.thread = Thread.ofPlatform().daemon().name("output-http " + target.address()).start(this::run);
    }

    /**
     * Queues a request, its bytes for the target made here, on the submitting thread (the output's
     * worker), not on the loop's: the loop only sends and reads.
     */
    @Override
    public void submit(Message request) {
        if (dead) {
            outcomes.failed(Reason.INTERNAL_ERROR, "the replay loop has stopped");
            done.accept(request);
            return;
        }
        // null for a payload with no request line or no end to its head: counted by the loop, not here,
        // where a run of them sharing an id would recurse through done -> next -> submit
        OutgoingRequest wire = RequestBytes.forTarget(request.payload(), target, config.rewriting().originalHost());
        if (inbox.add(new LoopExchange(request, wire), pool)) {
            selector.wakeup();
        }
    }

    @Override
    public int queued() {
        return inbox.size();
    }

    @Override
    public int inFlight() {
        return inFlight;
    }

    @Override
    public int workers() {
        return pool.open();
    }

    @Override
    public int dropQueued() {
        int dropped = 0;
        for (LoopExchange ex; (ex = inbox.poll()) != null; ) {
            dropped++;
            done.accept(ex.request);
        }
        return dropped;
    }

    @Override
    public int shutdown() {
        int unsent = dropQueued();
        stopping = true;
        selector.wakeup();
        try {
            thread.join(TimeUnit.NANOSECONDS.toMillis(STOP_GRACE_NANOS) + 1000);
        } catch (InterruptedException e) {
            Thread.currentThread().interrupt();
        }
        return unsent + dropQueued();
    }

    private void run() {
        // while the input is still opening its file, not on the first request's way to the target
        LoopConnection.warmUp(target.host(), target.port());
        try {
            while (true) {
                long now = System.nanoTime();
                if (stopping) {
                    if (stopAskedNanos == 0) {
                        stopAskedNanos = now;
                    }
                    if (inFlight == 0 || now - stopAskedNanos > STOP_GRACE_NANOS) {
                        return;
                    }
                } else {
                    assign(now);
                }
                if (timers.due(now)) {
                    checkTimers(now);
                }
                if (pool.waitClockRunning()) {
                    timers.at(pool.growAtNanos());
                }
                long waitMillis = timers.selectMillis(now);
                if (stopping) {
                    waitMillis = Math.min(waitMillis, 10);
                }
                if (!stopping) {
                    pool.sleeping();
                    inbox.sleep();
                    // a request that came before the loop said it sleeps woke nobody: look again
                    if (inbox.size() > 0 && pool.canTakeWork(inbox.size(), now)) {
                        inbox.awake();
                        selector.selectNow(this::onReady);
                        continue;
                    }
                }
                selector.select(this::onReady, waitMillis);
                inbox.awake();
            }
        } catch (IOException | RuntimeException | Error e) {
            dead = true;
            outcomes.failed(Reason.INTERNAL_ERROR, "the replay loop stopped: " + e);
        } finally {
            closeAll();
        }
    }

    /** Gives waiting requests to idle connections, and opens connections for the rest while the pool allows. */
    private void assign(long now) {
        if (inbox.size() == 0) {
            pool.stopWaitClock();
        }
        while (inbox.size() > 0) {
            LoopConnection c = pool.takeIdle();
            if (c == null && !pool.mayOpen(inbox.size(), now)) {
                pool.noConnection(now); // the wait clock starts: run() sets the timer that grows the pool
                return;
            }
            pool.stopWaitClock(); // a request gets a connection: whoever still waits starts a new clock
            LoopExchange ex = inbox.poll();
            if (ex == null) {
                if (c != null) {
                    pool.idle(c);
                }
                return;
            }
            if (ex.wire == null) {
                if (c != null) {
                    pool.idle(c);
                }
                outcomes.badRequest(ex.request);
                done.accept(ex.request);
                continue;
            }
            ex.start(now, timeoutNanos);
            inFlight++;
            if (c == null) {
                connect(ex);
            } else {
                c.exchange = ex;
                begin(c);
            }
        }
    }

    /** Opens a connection for {@code ex}; the request goes once it is connected. */
    private void connect(LoopExchange ex) {
        InetSocketAddress address = new InetSocketAddress(target.host(), target.port());
        if (address.isUnresolved()) {
            failed(ex, new ReplayFailure(Reason.UNKNOWN_HOST, "unknown host " + target.host()));
            return;
        }
        LoopConnection c;
        try {
            c = LoopConnection.open(address, selector, limits, writeBuffer);
        } catch (IOException e) {
            failed(ex, ReplayFailure.ofConnect(e, target.host()));
            return;
        }
        pool.opened(c, c.connected);
        c.exchange = ex;
        timers.at(ex.deadlineNanos);
        if (c.connected) {
            begin(c);
        }
    }

    /** Writes the exchange's request on a connected connection. */
    private void begin(LoopConnection c) {
        LoopExchange ex = c.exchange;
        c.prepareWrite();
        stats.sent();
        timers.at(ex.nextTimerNanos());
        try {
            c.flush();
        } catch (IOException e) {
            fail(c, ReplayFailure.of(e, ex.deadlineNanos));
        }
    }

    private void onReady(SelectionKey key) {
        LoopConnection c = (LoopConnection) key.attachment();
        try {
            if (!key.isValid()) {
                return;
            }
            int ready = key.readyOps();
            if ((ready & SelectionKey.OP_CONNECT) != 0) {
                connected(c);
                return;
            }
            if ((ready & SelectionKey.OP_WRITE) != 0) {
                c.flush();
            }
            if ((ready & SelectionKey.OP_READ) != 0 && key.isValid()) {
                read(c);
            }
        } catch (ReplayFailure f) {
            fail(c, f);
        } catch (IOException e) {
            fail(c, c.exchange == null ? new ReplayFailure(Reason.IO_ERROR, e.getMessage())
                    : ReplayFailure.of(e, c.exchange.deadlineNanos));
        } catch (RuntimeException e) {
            // A defect, not the target's fault: count it, say it once, keep the loop alive.
            fail(c, new ReplayFailure(Reason.INTERNAL_ERROR, String.valueOf(e)));
        } catch (InterruptedException e) {
            Thread.currentThread().interrupt();
            stopping = true;
        }
    }

    private void connected(LoopConnection c) throws ReplayFailure {
        try {
            c.finishConnect();
        } catch (IOException e) {
            throw ReplayFailure.ofConnect(e, target.host());
        }
        pool.connected();
        c.key.interestOps(SelectionKey.OP_READ);
        if (c.exchange != null) {
            begin(c);
        }
    }

    private void read(LoopConnection c) throws IOException, ReplayFailure, InterruptedException {
        readBuffer.clear();
        int n = c.channel.read(readBuffer);
        if (n == 0) {
            return;
        }
        if (c.exchange == null) {
            // An idle connection the server closed (or that got bytes nobody asked for): not reusable.
            drop(c);
            return;
        }
        c.frame(n, readBuffer, readArray);
        FramingResult r;
        while (c.exchange != null && (r = c.pending.poll()) != null) {
            framed(c, ReplayFailure.response(r));
        }
        if (c.exchange != null && c.eof) {
            throw new ReplayFailure(Reason.CLOSED_EARLY, "connection closed before a response");
        }
    }

    private void framed(LoopConnection c, FramedMessage m) throws IOException, InterruptedException {
        LoopExchange ex = c.exchange;
        if (ex.startedWall < 0 && outcomes.tracking()) { // the wall clock only dates a tracked reply
            ex.startedWall = Outcomes.nowEpochNanos();
        }
        if (m.interim()) {
            ex.interim++;
            if (!ex.bodySent && m.head().status() == 100) {
                c.sendBody();
            }
            return;
        }
        boolean reusable = c.reusableAfter(m);
        c.exchange = null;
        if (reusable) {
            c.lastUsedNanos = System.nanoTime();
            c.served++;
        } else {
            drop(c);
        }
        if (ex.hops < redirects) {
            OutgoingRequest next = Redirects.next(ex.wire, m, target);
            if (next != null) {
                stats.redirected();
                ex.hops++;
                ex.wire = next;
                ex.interim = 0;
                ex.startedWall = -1;
                if (reusable) {
                    c.exchange = ex;
                    begin(c);
                } else {
                    connect(ex);
                }
                return;
            }
        }
        if (reusable) {
            pool.idle(c);
            if (pool.aboveMin()) {
                timers.at(pool.idleUntil(c.lastUsedNanos));
            }
        }
        inFlight--;
        try {
            outcomes.answered(ex.request, m, ex.startedWall, System.nanoTime() - ex.startedNanos, ex.interim);
        } finally {
            done.accept(ex.request);
        }
    }

    /** Acts on what the timers say is due: a deadline, a body the 100-continue wait held back, an idle expiry. */
    private void checkTimers(long now) {
        for (int i = pool.size() - 1; i >= 0; i--) {
            if (i >= pool.size()) {
                continue;
            }
            LoopConnection c = pool.get(i);
            switch (timers.check(c, now, pool)) {
                case DEADLINE -> fail(c, c.connected ? new ReplayFailure(Reason.TIMEOUT, "no complete response within the timeout")
                        : new ReplayFailure(Reason.CONNECT_TIMEOUT, "no connection within "
                        + config.timeouts().request().toMillis() + " ms"));
                case BODY -> {
                    LoopExchange ex = c.exchange;
                    try {
                        c.sendBody();
                        timers.at(ex.nextTimerNanos());
                    } catch (IOException e) {
                        fail(c, ReplayFailure.of(e, ex.deadlineNanos));
                    }
                }
                case IDLE -> drop(c);
                case NOTHING -> {
                }
            }
        }
    }

    /**
     * The exchange on {@code c} failed: the connection goes, the request is counted by reason, or sent
     * once more on a new connection when {@link RetryPolicy} says so (a kept-alive connection the
     * server had already closed).
     */
    private void fail(LoopConnection c, ReplayFailure f) {
        LoopExchange ex = c.exchange;
        c.exchange = null;
        boolean retry = ex != null && RetryPolicy.resend(f, ex.wire.method(), ex.retried, c.served > 0,
                c.replyStarted(ex), System.nanoTime(), ex.deadlineNanos);
        drop(c);
        if (retry) {
            ex.retried = true;
            stats.staleRetry();
            connect(ex);
        } else if (ex != null) {
            failed(ex, f);
        }
    }

    /** An exchange in flight failed: counted by reason, its credit returned. */
    private void failed(LoopExchange ex, ReplayFailure f) {
        inFlight--;
        outcomes.failed(f);
        done.accept(ex.request);
    }

    /** Closes a connection and forgets it. */
    private void drop(LoopConnection c) {
        c.close();
        pool.forget(c, c.connected);
    }

    private void closeAll() {
        for (int i = pool.size() - 1; i >= 0; i--) {
            LoopConnection c = pool.get(i);
            if (c.exchange != null) {
                fail(c, new ReplayFailure(Reason.IN_FLIGHT_AT_CLOSE, "no response before the output closed"));
            } else {
                drop(c);
            }
        }
        try {
            selector.close();
        } catch (IOException ignored) {
            // nothing left to release
        }
    }
}
