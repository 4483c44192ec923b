package dev.shadowtap.pipeline;

import java.io.IOException;
import java.util.concurrent.ArrayBlockingQueue;
import java.util.concurrent.BlockingQueue;
import java.util.concurrent.TimeUnit;
import java.util.concurrent.atomic.AtomicLong;

/**
 * One output's bounded queue and the virtual thread that empties it into {@link Output#write}, so a
 * slow output holds up the others no more than its queue allows. A write that throws is logged
 * (the first few per output), counted as {@code write-error} and skipped: repeated errors never stop
 * the run, because a replay target that is down now can come back, and every loss is counted anyway.
 */
final class OutputWorker {
    /** Tells the worker to stop after everything queued before it; never written. */
    private static final Message END = new Message(MessageType.REQUEST, "end", 0, Message.NO_LATENCY, new byte[0]);

    private final Sink sink;
    private final BlockingQueue<Message> queue;
    private final Log log;
    private final int maxLoggedErrors;
    private long errors;
    private Thread thread;
    private volatile boolean finished;
    private final AtomicLong pending = new AtomicLong();
    private volatile long lastWritten = System.nanoTime();

    OutputWorker(Sink sink, int capacity, int maxLoggedErrors, Log log) {
        this.sink = sink;
        this.queue = new ArrayBlockingQueue<>(capacity);
        this.log = log;
        this.maxLoggedErrors = maxLoggedErrors;
        sink.stats().queueDepth(queue::size);
    }

    Sink sink() {
        return sink;
    }

    Output output() {
        return sink.output();
    }

    void start() {
        thread = Thread.ofVirtual().name("output " + sink.stats().name()).start(this::drain);
    }

    /**
     * Queues a message: waits for room when {@code wait}, otherwise drops it as {@code queue-full} when
     * the queue is full. Returns false only when it dropped.
     */
    boolean offer(Message message, boolean wait) throws InterruptedException {
        if (finished) {
            sink.stats().drop("output-closed");
            return false;
        }
        pending.incrementAndGet();
        if (wait) {
            while (!queue.offer(message, 50, TimeUnit.MILLISECONDS)) {
                if (finished) {
                    pending.decrementAndGet();
                    sink.stats().drop("output-closed");
                    return false;
                }
            }
            return lateCheck(message);
        }
        if (queue.offer(message)) {
            return lateCheck(message);
        }
        pending.decrementAndGet();
        sink.stats().drop("queue-full");
        return false;
    }

    /** A message queued while {@link #finish} ran would never be written: take it back and count it. */
    private boolean lateCheck(Message message) {
        if (finished && queue.remove(message)) {
            pending.decrementAndGet();
            sink.stats().drop("output-closed");
            return false;
        }
        return true;
    }

    /** True when nothing is queued or being written. */
    boolean idle() {
        return pending.get() == 0;
    }

    /** {@link System#nanoTime()} when the last write ended (or the worker was made). */
    long lastWritten() {
        return lastWritten;
    }

    /**
     * Lets the worker write what is queued, waits for it, then closes (flushes) the output. Not cut
     * short by an interrupt (nothing queued may be lost); the interrupt is kept for the caller.
     */
    void finish() {
        boolean interrupted = false;
        while (true) {
            try {
                queue.put(END);
                break;
            } catch (InterruptedException e) {
                interrupted = true;
            }
        }
        while (true) {
            try {
                thread.join();
                break;
            } catch (InterruptedException e) {
                interrupted = true;
            }
        }
        if (interrupted) {
            Thread.currentThread().interrupt();
        }
        finished = true;
        long late = queue.size();
        if (late > 0) {
            queue.clear();
            sink.stats().drops("output-closed", late);
        }
        try {
            sink.output().close();
        } catch (IOException | RuntimeException e) {
            log.warn("output " + sink.stats().name() + ": close failed: " + describe(e));
        }
    }

    private void drain() {
        while (true) {
            Message message;
            try {
                message = queue.take();
            } catch (InterruptedException e) {
                continue; // nobody owns this thread but us: keep emptying the queue
            }
            if (message == END) {
                return;
            }
            write(message);
            lastWritten = System.nanoTime();
            pending.decrementAndGet();
        }
    }

    private void write(Message message) {
        try {
            sink.output().write(message);
            sink.stats().passed(message.payload().length);
        } catch (IOException | RuntimeException | InterruptedException e) {
            failed(e);
        }
    }

    private void failed(Exception e) {
        sink.stats().drop("write-error");
        errors++;
        if (errors <= maxLoggedErrors) {
            log.warn("output " + sink.stats().name() + ": write failed: " + describe(e)
                    + (errors == maxLoggedErrors ? " (further write errors on this output are only counted)" : ""));
        }
    }

    private static String describe(Exception e) {
        return e.getMessage() == null ? e.getClass().getSimpleName() : e.getMessage();
    }
}
