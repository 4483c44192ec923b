package dev.shadowtap.io.http;

import dev.shadowtap.core.Reason;
import dev.shadowtap.http.FramedMessage;
import dev.shadowtap.http.FramingError;
import dev.shadowtap.http.FramingLimits;
import dev.shadowtap.http.FramingResult;
import dev.shadowtap.pipeline.Message;

import java.io.IOException;
import java.net.InetSocketAddress;
import java.net.StandardSocketOptions;
import java.nio.ByteBuffer;
import java.nio.channels.SelectionKey;
import java.nio.channels.Selector;
import java.nio.channels.SocketChannel;
import java.util.ArrayDeque;
import java.util.ArrayList;
import java.util.List;
import java.util.function.Consumer;
import java.util.concurrent.ConcurrentLinkedQueue;
import java.util.concurrent.TimeUnit;
import java.util.concurrent.atomic.AtomicBoolean;
import java.util.concurrent.atomic.AtomicInteger;

/**
 * Plain-http replay the way wrk drives load: one platform thread runs every connection to the target
 * on a selector, non-blocking. A request waiting for a connection takes an idle one (the most recently
 * used, so the hot ones stay hot); when none is idle a new connection is opened at once, up to the most
 * allowed, so connections grow exactly as far as requests are in flight together. Idle connections
 * above {@code workersMin} close after {@code workerTimeout}; an idle connection the server closes is
 * seen by the selector and dropped before it is reused. One exchange per connection at a time, never
 * retried; timeouts, the {@code Expect: 100-continue} wait and idle expiry are timers the loop checks
 * between selects. Compared with a virtual thread parked per response this saves the poller's
 * registration, wake-up and scheduling per request (bench/replay, docs/BENCHMARKS.md).
 */
final class LoopWorkers implements ReplayWorkers {
    /** How long a {@code Expect: 100-continue} request waits for the 100 before it sends its body anyway. */
    private static final long CONTINUE_WAIT_NANOS = TargetConnection.CONTINUE_WAIT_NANOS;
    /** After a stop, how long requests in flight may still finish before their connections are closed. */
    private static final long STOP_GRACE_NANOS = TimeUnit.MILLISECONDS.toNanos(500);
    /**
     * How long a request may wait for a connection before one more is opened for it, beyond GoReplay's
     * rule: a paced replay to a slow target keeps its pace (with 1 s answers and 100 requests a second
     * GoReplay's rule leaves half of them waiting), while a quick target, whose connections free up
     * sooner than this, stays on a few connections.
     */
    static final long GROW_AFTER_NANOS = TimeUnit.MILLISECONDS.toNanos(2);
    /** The longest select when no timer is due (a stop or new work wakes it earlier). */
    private static final long MAX_SELECT_MILLIS = 1000;

    private final HttpReplayConfig config;
    private final ReplayTarget target;
    private final FramingLimits limits;
    private final Outcomes outcomes;
    private final HttpReplayStats stats;
    private final Consumer<Message> done;
    private final int maxConnections;
    private final long timeoutNanos;
    private final Selector selector;
    private final ConcurrentLinkedQueue<LoopExchange> queue = new ConcurrentLinkedQueue<>();
    private final AtomicInteger queued = new AtomicInteger();
    private final AtomicBoolean sleeping = new AtomicBoolean();
    /** While {@link #sleeping}: whether the loop had a connection for any new request (else only growth wakes it). */
    private volatile boolean wakeForAny;
    /** Since when requests have waited with no connection to take them (below the most allowed); 0 when none. */
    private long waitingSince;
    /** Whether {@link #waitingSince} is running: while it is, a new request need not wake the loop. */
    private volatile boolean waitClock;
    /** The loop's clock for this turn, read by {@link #mayOpen}. */
    private long loopNow;
    private final ArrayDeque<LoopConnection> idle = new ArrayDeque<>();
    private final List<LoopConnection> all = new ArrayList<>();
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
    private volatile int open;
    private volatile boolean stopping;
    private volatile boolean dead;
    private int connecting;
    private long stopAskedNanos;
    /** When {@link #checkTimers} must next run; meaningful only while {@code timerSet}. */
    private long nextTimerNanos;
    private boolean timerSet;

    LoopWorkers(HttpReplayConfig config, ReplayTarget target, FramingLimits limits, Outcomes outcomes, Consumer<Message> done) {
        this.config = config;
        this.target = target;
        this.limits = limits;
        this.outcomes = outcomes;
        this.stats = outcomes.stats();
        this.done = done;
        this.maxConnections = config.effectiveWorkersMax();
        this.timeoutNanos = config.timeout().toNanos();
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
        queue.add(new LoopExchange(request, RequestBytes.forTarget(request.payload(), target, config.originalHost())));
        int waiting = queued.incrementAndGet();
        // with a connection idle any request wakes the loop; with every connection busy one that lets the
        // pool grow (more waiting than connections) or starts the wait clock (GROW_AFTER_NANOS), so a
        // slow target gets its connections while requests arrive, not when a response comes back
        int n = open;
        if (sleeping.get() && (wakeForAny || (n < maxConnections && (waiting > n || !waitClock)))
                && sleeping.compareAndSet(true, false)) {
            selector.wakeup();
        }
    }

    @Override
    public int queued() {
        return queued.get();
    }

    @Override
    public int inFlight() {
        return inFlight;
    }

    @Override
    public int workers() {
        return open;
    }

    @Override
    public int dropQueued() {
        int dropped = 0;
        for (LoopExchange ex; (ex = poll()) != null; ) {
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

    private LoopExchange poll() {
        LoopExchange ex = queue.poll();
        if (ex != null) {
            queued.decrementAndGet();
        }
        return ex;
    }

    /**
     * The JDK's one-time set-up for a first connection (the address cache's policy, which reads
     * java.security, and the native library behind socket options: ~20-40 ms), done while the input
     * is still opening its file rather than on the first request's way to the target.
     */
    private void prepare() {
        try (SocketChannel warm = SocketChannel.open()) {
            new InetSocketAddress(target.host(), target.port());
            warm.setOption(StandardSocketOptions.TCP_NODELAY, true);
        } catch (IOException | RuntimeException e) {
            // the first real connect meets and reports whatever this did
        }
    }

    private void run() {
        prepare();
        try {
            while (true) {
                long now = System.nanoTime();
                loopNow = now;
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
                if (timerSet && now - nextTimerNanos >= 0) {
                    checkTimers(now);
                }
                if (waitingSince != 0) {
                    timer(waitingSince + GROW_AFTER_NANOS);
                }
                long waitMillis = !timerSet ? MAX_SELECT_MILLIS : Math.max(1, Math.min(MAX_SELECT_MILLIS,
                        TimeUnit.NANOSECONDS.toMillis(nextTimerNanos - now) + 1));
                if (stopping) {
                    waitMillis = Math.min(waitMillis, 10);
                }
                if (!stopping) {
                    wakeForAny = !idle.isEmpty();
                    sleeping.set(true);
                    // a request that came before `sleeping` was set woke nobody: look again
                    if (queued.get() > 0 && canTakeWork()) {
                        sleeping.set(false);
                        selector.selectNow(this::onReady);
                        continue;
                    }
                }
                selector.select(this::onReady, waitMillis);
                sleeping.set(false);
            }
        } catch (IOException | RuntimeException | Error e) {
            dead = true;
            outcomes.failed(Reason.INTERNAL_ERROR, "the replay loop stopped: " + e);
        } finally {
            closeAll();
        }
    }

    private boolean canTakeWork() {
        return !idle.isEmpty() || mayOpen();
    }

    /**
     * Whether a waiting request may open a new connection: up to {@code workersMin} always; beyond, as
     * GoReplay grows its workers, only while more requests wait than there are connections, and with at
     * most half as many again still connecting. A paced replay to a quick target so stays on a few
     * connections, a burst or a slow target gets more within a few round trips, and nothing opens a
     * connection per queued request at once. Past GoReplay's rule, one more whenever requests have
     * waited {@link #GROW_AFTER_NANOS} for a connection.
     */
    private boolean mayOpen() {
        int n = all.size();
        if (n >= maxConnections) {
            return false;
        }
        if (n < config.workersMin()) {
            return true;
        }
        return connecting < Math.max(1, n / 2)
                && (queued.get() > n || (waitingSince != 0 && loopNow - waitingSince >= GROW_AFTER_NANOS));
    }

    /** Gives waiting requests to idle connections, and opens connections for the rest while allowed. */
    private void assign(long now) {
        if (queued.get() == 0) {
            waitingSince = 0;
            waitClock = false;
        }
        while (queued.get() > 0) {
            LoopConnection c = idle.pollFirst();
            if (c == null && !mayOpen()) {
                if (waitingSince == 0 && all.size() < maxConnections) {
                    waitingSince = now; // the wait clock starts: run() sets the timer that grows the pool
                    waitClock = true;
                }
                return;
            }
            waitingSince = 0; // a request gets a connection: whoever still waits starts a new clock
            waitClock = false;
            LoopExchange ex = poll();
            if (ex == null) {
                if (c != null) {
                    idle.addFirst(c);
                }
                return;
            }
            if (ex.wire == null) {
                if (c != null) {
                    idle.addFirst(c);
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
        LoopConnection c;
        SocketChannel channel = null;
        try {
            InetSocketAddress address = new InetSocketAddress(target.host(), target.port());
            if (address.isUnresolved()) {
                failed(ex, new ReplayFailure(Reason.UNKNOWN_HOST, "unknown host " + target.host()));
                return;
            }
            channel = SocketChannel.open();
            channel.configureBlocking(false);
            channel.setOption(StandardSocketOptions.TCP_NODELAY, true);
            boolean connected = channel.connect(address);
            c = new LoopConnection(channel, connected, selector, limits, writeBuffer);
        } catch (IOException e) {
            closeQuietly(channel);
            failed(ex, ReplayFailure.ofConnect(e, target.host()));
            return;
        }
        all.add(c);
        open = all.size();
        if (!c.connected) {
            connecting++;
        }
        c.exchange = ex;
        timer(ex.deadlineNanos);
        if (c.connected) {
            begin(c);
        }
    }

    /** Writes the exchange's request on a connected connection (its head only, first, when it expects a 100). */
    private void begin(LoopConnection c) {
        LoopExchange ex = c.exchange;
        byte[] bytes = ex.wire.bytes();
        c.framer.expectResponseTo(ex.wire.method());
        ex.responseStart = c.framer.position();
        stats.sent();
        if (ex.wire.expectContinue() && ex.wire.headLength() < bytes.length) {
            c.out = ByteBuffer.wrap(bytes, 0, ex.wire.headLength());
            ex.bodySent = false;
            ex.continueAtNanos = Math.min(ex.deadlineNanos, System.nanoTime() + CONTINUE_WAIT_NANOS);
        } else {
            c.out = ByteBuffer.wrap(bytes);
            ex.bodySent = true;
            ex.continueAtNanos = 0;
        }
        timer(ex.nextTimerNanos());
        try {
            c.flush();
        } catch (IOException e) {
            fail(c, ReplayFailure.of(e, ex.deadlineNanos));
        }
    }

    /** The body of a request that waited for a 100 (or waited long enough). */
    private void sendBody(LoopConnection c) throws IOException {
        LoopExchange ex = c.exchange;
        byte[] bytes = ex.wire.bytes();
        ex.bodySent = true;
        ex.continueAtNanos = 0;
        if (c.out != null) {
            c.out.limit(bytes.length); // the head is still going out: the body follows it in the same array
        } else {
            c.out = ByteBuffer.wrap(bytes, ex.wire.headLength(), bytes.length - ex.wire.headLength());
        }
        c.flush();
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
            c.channel.finishConnect();
        } catch (IOException e) {
            throw ReplayFailure.ofConnect(e, target.host());
        }
        c.connected = true;
        connecting--;
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
        if (n < 0) {
            c.eof = true;
            c.framer.endOfStream(c.toPending);
        } else {
            readBuffer.get(0, readArray, 0, n);
            c.framer.feed(readArray, 0, n, c.toPending);
        }
        FramingResult r;
        while (c.exchange != null && (r = c.pending.poll()) != null) {
            framed(c, message(r));
        }
        if (c.exchange != null && c.eof) {
            throw new ReplayFailure(Reason.CLOSED_EARLY, "connection closed before a response");
        }
    }

    private static FramedMessage message(FramingResult result) throws ReplayFailure {
        return switch (result) {
            case FramedMessage m -> m;
            case FramingError e when e.reason() == FramingError.Reason.STREAM_ENDED ->
                    throw new ReplayFailure(Reason.CLOSED_EARLY, "connection closed before the response ended: " + e.detail());
            case FramingError e -> throw new ReplayFailure(Reason.BAD_RESPONSE, e.toString());
        };
    }

    private void framed(LoopConnection c, FramedMessage m) throws IOException, InterruptedException {
        LoopExchange ex = c.exchange;
        if (ex.startedWall < 0 && outcomes.tracking()) { // the wall clock only dates a tracked reply
            ex.startedWall = Outcomes.nowEpochNanos();
        }
        if (m.interim()) {
            ex.interim++;
            if (!ex.bodySent && m.head().status() == 100) {
                sendBody(c);
            }
            return;
        }
        long extra = c.framer.position() - (m.streamOffset() + m.wireLength());
        boolean reusable = ex.bodySent && c.out == null && !c.eof && !m.closeDelimited() && extra == 0
                && c.pending.isEmpty() && KeepAlive.keepsAlive(m) && !ex.wire.closeAfter();
        c.exchange = null;
        if (reusable) {
            c.lastUsedNanos = System.nanoTime();
            c.served++;
        } else {
            drop(c);
        }
        if (ex.hops < config.redirects()) {
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
            idle.addFirst(c);
            if (all.size() > config.workersMin()) {
                timer(c.lastUsedNanos + config.workerTimeout().toNanos());
            }
        }
        inFlight--;
        try {
            outcomes.answered(ex.request, m, ex.startedWall, System.nanoTime() - ex.startedNanos, ex.interim);
        } finally {
            done.accept(ex.request);
        }
    }

    /** Deadlines, the 100-continue wait, and idle connections above the minimum past the worker timeout. */
    private void checkTimers(long now) {
        timerSet = false;
        long idleNanos = config.workerTimeout().toNanos();
        for (int i = all.size() - 1; i >= 0; i--) {
            if (i >= all.size()) {
                continue;
            }
            LoopConnection c = all.get(i);
            LoopExchange ex = c.exchange;
            if (ex != null) {
                if (now - ex.deadlineNanos >= 0) {
                    fail(c, c.connected ? new ReplayFailure(Reason.TIMEOUT, "no complete response within the timeout")
                            : new ReplayFailure(Reason.CONNECT_TIMEOUT, "no connection within "
                            + config.timeout().toMillis() + " ms"));
                    continue;
                }
                if (ex.continueAtNanos != 0 && now - ex.continueAtNanos >= 0 && c.connected) {
                    try {
                        sendBody(c);
                    } catch (IOException e) {
                        fail(c, ReplayFailure.of(e, ex.deadlineNanos));
                        continue;
                    }
                }
                timer(ex.nextTimerNanos());
            } else if (all.size() > config.workersMin()) {
                long expires = c.lastUsedNanos + idleNanos;
                if (now - expires >= 0) {
                    drop(c);
                } else {
                    timer(expires);
                }
            }
        }
    }

    /** Makes {@link #checkTimers} run at {@code atNanos} at the latest. */
    private void timer(long atNanos) {
        if (!timerSet || atNanos - nextTimerNanos < 0) {
            nextTimerNanos = atNanos;
            timerSet = true;
        }
    }

    /**
     * The exchange on {@code c} failed: the connection goes, the request is counted by reason, or
     * sent once more on a new connection when it only met a kept-alive connection the server had
     * already closed (see {@link #staleConnection}).
     */
    private void fail(LoopConnection c, ReplayFailure f) {
        LoopExchange ex = c.exchange;
        c.exchange = null;
        boolean retry = ex != null && staleConnection(c, ex, f);
        drop(c);
        if (retry) {
            ex.retried = true;
            stats.staleRetry();
            connect(ex);
        } else if (ex != null) {
            failed(ex, f);
        }
    }

    /**
     * A server may close a kept-alive connection just as a request goes out on it (an idle timeout, a
     * cap on idle connections): the request meets a closed socket and no reply byte ever comes. Like
     * Go's net/http (so GoReplay), such a request is sent once more on a fresh connection, but only a
     * safe one (GET, HEAD, OPTIONS, TRACE: no side effect even if it had reached the application), on
     * a reused connection, with not one byte of reply, before its deadline. Counted, never hidden.
     */
    private static boolean staleConnection(LoopConnection c, LoopExchange ex, ReplayFailure f) {
        Reason reason = f.reason();
        String method = ex.wire.method();
        return !ex.retried && c.served > 0 && c.framer.position() == ex.responseStart
                && (reason == Reason.CLOSED_EARLY || reason == Reason.RESET || reason == Reason.IO_ERROR)
                && (method.equals("GET") || method.equals("HEAD") || method.equals("OPTIONS") || method.equals("TRACE"))
                && System.nanoTime() - ex.deadlineNanos < 0;
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
        if (all.remove(c)) {
            open = all.size();
            if (!c.connected) {
                connecting--;
            }
        }
        idle.remove(c);
    }

    private void closeAll() {
        for (int i = all.size() - 1; i >= 0; i--) {
            LoopConnection c = all.get(i);
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

    private static void closeQuietly(SocketChannel channel) {
        if (channel != null) {
            try {
                channel.close();
            } catch (IOException ignored) {
                // never opened fully
            }
        }
    }
}
