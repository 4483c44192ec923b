package dev.shadowtap.pipeline;

import java.io.IOException;
import java.util.ArrayList;
import java.util.List;
import java.util.concurrent.ArrayBlockingQueue;
import java.util.concurrent.BlockingQueue;
import java.util.concurrent.TimeUnit;

/**
 * One output's bounded queue and the virtual thread that empties it into {@link Output#write}, so a
 * slow output holds up the others no more than its queue allows. A write that throws is logged
 * (the first few per output), counted as {@code write-error} and skipped: repeated errors never stop
 * the run, because a replay target that is down now can come back, and every loss is counted anyway.
 */
final class OutputWorker {
    /** Tells the worker to stop after everything queued before it; never written. */
    private static final Message END = new Message(MessageType.REQUEST, "end", 0, Message.NO_LATENCY, new byte[0]);

    /** The most messages taken off the queue at once. */
    private static final int BATCH = 64;

    private final Sink sink;
    private final BlockingQueue<Message> queue;
    private final Log log;
    private final int maxLoggedErrors;
    private long errors;
    private Thread thread;
    private volatile boolean finished;

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
        if (wait) {
            while (!queue.offer(message, 50, TimeUnit.MILLISECONDS)) {
                if (finished) {
                    sink.stats().drop("output-closed");
                    return false;
                }
            }
            return true;
        }
        if (finished) {
            sink.stats().drop("output-closed");
            return false;
        }
        if (queue.offer(message)) {
            return true;
        }
        sink.stats().drop("queue-full");
        return false;
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
        // Takes what is queued in batches: with a full queue, the input waiting to add is woken once per
        // batch instead of once per message (each wake-up is an unpark and a reschedule).
        List<Message> batch = new ArrayList<>(BATCH);
        while (true) {
            try {
                batch.add(queue.take());
            } catch (InterruptedException e) {
                continue; // nobody owns this thread but us: keep emptying the queue
            }
            queue.drainTo(batch, BATCH - 1);
            for (Message message : batch) {
                if (message == END) {
                    return;
                }
                write(message);
            }
            batch.clear();
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
