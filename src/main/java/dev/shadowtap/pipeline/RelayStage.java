package dev.shadowtap.pipeline;

import dev.shadowtap.core.Log;

import java.io.IOException;
import java.util.concurrent.locks.Condition;
import java.util.concurrent.locks.ReentrantLock;

/**
 * A {@link Relay} (the middleware) at work in the {@link Emitter}: its output behind a worker, whose
 * lane that never waits takes the feedback outputs' replies (see {@link OutputWorker}), and the reader
 * that hands what the relay returns to the emitter's outputs. It says when the relay has settled and
 * when its input has ended; the steps of the run's end that use them are in docs/ARCHITECTURE.md.
 *
 * <p>The wait for the relay to settle sleeps on a condition that the relay's events signal (its
 * worker falling idle, its first answer, its end) with a deadline at which the quiet time can have
 * run out, never on a fixed-period poll.
 */
final class RelayStage {
    /** Where what the relay returns goes: the emitter's outputs. */
    @FunctionalInterface
    interface Returns {
        void deliver(Message message) throws InterruptedException;
    }

    private final Relay relay;
    private final OutputWorker worker;
    private final Log log;
    private final ReentrantLock lock = new ReentrantLock();
    /** Signalled when the relay may have settled: its worker fell idle, it first answered, or it ended. */
    private final Condition changed = lock.newCondition();
    /** {@link System#nanoTime()} when a message last went in or came out. */
    private volatile long activity = System.nanoTime();
    /** True once the relay has given something back. */
    private volatile boolean answered;
    private boolean ended; // guarded by lock
    /** True once the settle wait began: before it, the worker's falling idle wakes nobody. */
    private volatile boolean settling;

    RelayStage(Relay relay, EmitterOptions options, Log log) {
        this.relay = relay;
        this.log = log;
        // The relay says itself, once, why it stopped; what it could not take is counted, not logged.
        this.worker = OutputWorker.withSideLane(relay.sink(), options.queueCapacity(), options.queueBytes(), 0, log,
                this::workerIdle);
    }

    /** What the relay returns, as the emitter's summary counts it. */
    Source source() {
        return relay.source();
    }

    /**
     * Starts the relay's worker and its reader, which hands every message it returns to
     * {@code returns} and, once the relay's input has ended (for whatever reason), runs {@code whenEnded}.
     */
    void start(Returns returns, Runnable whenEnded) {
        worker.start();
        // A platform thread: its reads block in a pipe, which a virtual thread would pin (and compensate for) each time.
        Thread.ofPlatform().daemon().name("relay " + relay.source().stats().name()).start(() -> read(returns, whenEnded));
    }

    /**
     * Queues a message for the relay: an input's waits for room when {@code wait}; a feedback output's
     * reply takes the lane that never waits (a reply waiting for the middleware, which waits for the
     * outputs, which wait for replies, could deadlock).
     */
    void offer(Message message, boolean wait, boolean reply) throws InterruptedException {
        activity = System.nanoTime();
        if (reply) {
            worker.offerSide(message);
        } else {
            worker.offer(message, wait);
        }
    }

    /**
     * Waits until the relay has settled: it has given something back, nothing is queued for it, and
     * nothing went in or came out for its quiet time; or its input has ended; at most its longest wait.
     */
    void awaitSettled() throws InterruptedException {
        long deadline = System.nanoTime() + relay.maxWait().toNanos();
        long quiet = relay.quiet().toNanos();
        lock.lock();
        try {
            settling = true;
            while (!ended) {
                long now = System.nanoTime();
                long wait = deadline - now;
                // A relay that has given nothing back yet may still be starting (an interpreter can take a
                // second): it gets the whole wait.
                if (answered && worker.idle()) {
                    long left = quiet - (now - Math.max(activity, worker.lastWritten()));
                    if (left <= 0) {
                        return;
                    }
                    wait = Math.min(wait, left);
                }
                if (wait <= 0) {
                    return;
                }
                changed.awaitNanos(wait);
            }
        } finally {
            lock.unlock();
        }
    }

    /** Writes what is queued for the relay, then closes its output (the middleware's stdin). */
    void closeOutput() {
        worker.finish();
    }

    /** Waits until the relay's input has ended (the middleware's stdout read to its end). */
    void awaitEnd() throws InterruptedException {
        lock.lock();
        try {
            while (!ended) {
                changed.await();
            }
        } finally {
            lock.unlock();
        }
    }

    private void read(Returns returns, Runnable whenEnded) {
        Source source = relay.source();
        try {
            while (true) {
                Message message;
                try {
                    message = source.input().read();
                } catch (IOException | RuntimeException e) {
                    log.warn("middleware: read failed, pipeline stopped: " + e.getMessage());
                    return;
                }
                if (message == null) {
                    return;
                }
                activity = System.nanoTime();
                source.stats().passed(message.payload().length);
                if (!answered) {
                    answered = true;
                    signalChanged();
                }
                returns.deliver(message);
            }
        } catch (InterruptedException e) {
            log.warn("middleware: interrupted, pipeline stopped");
        } finally {
            lock.lock();
            try {
                ended = true;
                changed.signalAll();
            } finally {
                lock.unlock();
            }
            whenEnded.run();
        }
    }

    /** The worker's queue emptied: only the settle wait cares, so no lock is taken before it begins. */
    private void workerIdle() {
        if (settling) {
            signalChanged();
        }
    }

    private void signalChanged() {
        lock.lock();
        try {
            changed.signalAll();
        } finally {
            lock.unlock();
        }
    }
}
