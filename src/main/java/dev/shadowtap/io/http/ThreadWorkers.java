package dev.shadowtap.io.http;

import dev.shadowtap.core.Reason;
import dev.shadowtap.pipeline.Message;

import java.util.Set;
import java.util.function.Consumer;
import java.util.concurrent.ConcurrentHashMap;
import java.util.concurrent.LinkedBlockingQueue;
import java.util.concurrent.TimeUnit;
import java.util.concurrent.atomic.AtomicInteger;

/**
 * Workers on virtual threads, one keep-alive connection each (used for https, where the TLS engine
 * wants a blocking socket). Workers grow when requests wait and no worker is idle (up to the most
 * allowed) and above {@code workersMin} exit after {@code workerTimeout} idle.
 */
final class ThreadWorkers implements ReplayWorkers {
    private static final Message STOP = new Message(dev.shadowtap.pipeline.MessageType.REQUEST, "", 0, -1, new byte[0]);

    private final HttpReplayConfig config;
    private final ReplayTarget target;
    private final Connector connector;
    private final Watchdog watchdog;
    private final Outcomes outcomes;
    private final Consumer<Message> done;
    private final LinkedBlockingQueue<Message> queue = new LinkedBlockingQueue<>();
    private final AtomicInteger workers = new AtomicInteger();
    private final AtomicInteger idle = new AtomicInteger();
    private final AtomicInteger inFlight = new AtomicInteger();
    private final Set<Thread> threads = ConcurrentHashMap.newKeySet();
    private volatile boolean stopping;

    ThreadWorkers(HttpReplayConfig config, ReplayTarget target, Connector connector, Outcomes outcomes,
                  Consumer<Message> done) {
        this.config = config;
        this.target = target;
        this.connector = connector;
        this.watchdog = new Watchdog("output-http-watchdog " + target.address());
        this.outcomes = outcomes;
        this.done = done;
        for (int i = 0; i < config.pool().workersMin(); i++) {
            workers.incrementAndGet();
            startWorker();
        }
    }

    @Override
    public void submit(Message request) {
        queue.add(request);
        if (idle.get() < queue.size()) {
            grow();
        }
    }

    @Override
    public int queued() {
        return queue.size();
    }

    @Override
    public int inFlight() {
        return inFlight.get();
    }

    @Override
    public int workers() {
        return workers.get();
    }

    @Override
    public int dropQueued() {
        int dropped = 0;
        for (Message m; (m = queue.poll()) != null; ) {
            if (m != STOP) {
                dropped++;
                done.accept(m);
            }
        }
        return dropped;
    }

    @Override
    public int shutdown() {
        stopping = true;
        int unsent = dropQueued();
        for (int i = 0; i < workers.get() + 1; i++) {
            queue.add(STOP);
        }
        joinAll(System.nanoTime() + TimeUnit.MILLISECONDS.toNanos(500));
        threads.forEach(Thread::interrupt);
        joinAll(System.nanoTime() + TimeUnit.SECONDS.toNanos(1));
        watchdog.close();
        return unsent;
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

    private void grow() {
        int max = config.pool().effectiveWorkersMax();
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
            if (n <= config.pool().workersMin()) {
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
        long idleNanos = config.timeouts().workerIdle().toNanos();
        try (RequestSender sender = new RequestSender(config, target, connector, watchdog, outcomes)) {
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
                    outcomes.failed(Reason.INTERNAL_ERROR, String.valueOf(e));
                } finally {
                    inFlight.decrementAndGet();
                    done.accept(m);
                }
            }
        } catch (InterruptedException e) {
            workers.decrementAndGet();
        } finally {
            threads.remove(Thread.currentThread());
        }
    }
}
