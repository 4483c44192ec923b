package dev.shadowtap.pipeline;

import dev.shadowtap.core.Reason;
import dev.shadowtap.core.IoReason;

import dev.shadowtap.core.Log;

import java.io.Flushable;
import java.io.IOException;
import java.util.ArrayList;
import java.util.List;
import java.util.concurrent.BlockingQueue;
import java.util.concurrent.LinkedBlockingQueue;
import java.util.concurrent.Semaphore;
import java.util.concurrent.TimeUnit;
import java.util.concurrent.atomic.AtomicLong;

/**
 * One output's bounded queue and the platform thread that empties it into {@link Output#write}, so a
 * slow output holds up the others no more than its queue allows. A write that throws is logged
 * (the first few per output), counted as {@code write-error} and skipped: repeated errors never stop
 * the run, because a replay target that is down now can come back, and every loss is counted anyway.
 * An {@link OutputGoneException} is counted as {@code output-gone} without a line: the output said it once.
 *
 * <p>A worker made {@link #withSideLane} also has a second queue that never makes the caller wait,
 * emptied first: the relay's lane for the replay outputs' replies. Those replies are bounded by the
 * requests the replay outputs hold, and letting them wait would close a cycle (middleware stdout,
 * replay output, its replies, middleware stdin) in which every queue can be full at once. Such a
 * worker also says when it falls idle, so that whoever waits for the relay to settle needs no poll.
 */
final class OutputWorker {
    /** The most messages taken off the queue at once. */
    private static final int BATCH = 64;
    /** Tells the worker to stop after everything queued before it; never written. */
    private static final Message END = new Message(MessageType.REQUEST, "end", 0, Message.NO_LATENCY, new byte[0]);

    private final Sink sink;
    /** The main queue, with its byte budget: a message holds its payload's bytes from offer until written. */
    private final MessageQueue queue;
    /** {@link #pollOne}'s list: the worker thread's only. */
    private final List<Message> one = new ArrayList<>(1);
    private final Log log;
    private final int maxLoggedErrors;
    private long errors;
    private Thread thread;
    private volatile boolean finished;
    private final AtomicLong pending = new AtomicLong();
    private volatile long lastWritten = System.nanoTime();
    private final BlockingQueue<Message> side;
    private final Semaphore ready;
    /** Run each time nothing is left queued or being written (null: nobody asks). */
    private final Runnable whenIdle;

    OutputWorker(Sink sink, int capacity, int maxLoggedErrors, Log log) {
        this(sink, capacity, EmitterOptions.DEFAULT_QUEUE_BYTES, maxLoggedErrors, log, false, null);
    }

    OutputWorker(Sink sink, int capacity, int maxBytes, int maxLoggedErrors, Log log) {
        this(sink, capacity, maxBytes, maxLoggedErrors, log, false, null);
    }

    private OutputWorker(Sink sink, int capacity, int maxBytes, int maxLoggedErrors, Log log, boolean sideLane,
            Runnable whenIdle) {
        this.sink = sink;
        this.queue = new MessageQueue(capacity, maxBytes);
        this.log = log;
        this.maxLoggedErrors = maxLoggedErrors;
        this.side = sideLane ? new LinkedBlockingQueue<>() : null;
        this.ready = sideLane ? new Semaphore(0) : null;
        this.whenIdle = whenIdle;
        sink.stats().queueDepth(sideLane ? () -> queue.size() + side.size() : queue::size);
    }

    /**
     * A worker with a second, unbounded queue that {@link #offerSide} fills and the worker empties
     * first; {@code whenIdle} runs, on whichever thread emptied it, each time it falls {@link #idle}.
     */
    static OutputWorker withSideLane(Sink sink, int capacity, int maxBytes, int maxLoggedErrors, Log log,
            Runnable whenIdle) {
        return new OutputWorker(sink, capacity, maxBytes, maxLoggedErrors, log, true, whenIdle);
    }

    /** Queues a message on the side lane, never waiting; dropped only once the worker has finished. */
    void offerSide(Message message) {
        if (finished) {
            message.receipt().markLost();
            sink.stats().drop(Reason.OUTPUT_CLOSED);
            return;
        }
        pending.incrementAndGet();
        message.receipt().hold();
        side.add(message);
        ready.release();
        if (finished && side.remove(message)) {
            settledOne();
            message.receipt().lose();
            sink.stats().drop(Reason.OUTPUT_CLOSED);
        }
    }

    Sink sink() {
        return sink;
    }

    Output output() {
        return sink.output();
    }

    void start() {
        thread = Thread.ofPlatform().daemon().name("output " + sink.stats().name()).start(this::drainOrDie);
    }

    /**
     * The worker's thread: a failure that escapes a write (an Error) is said in one line and ends the
     * worker as finished, so that an input waiting for room stops waiting (its messages are counted
     * output-closed) instead of waiting for a worker that is gone.
     */
    private void drainOrDie() {
        try {
            drain();
        } catch (Throwable e) {
            finished = true;
            log.warn("output " + sink.stats().name() + ": its worker stopped: " + e);
            throw e;
        }
    }

    /**
     * Queues a message: waits for room when {@code wait}, otherwise drops it as {@code queue-full} when
     * the queue is full. Returns false only when it dropped.
     */
    boolean offer(Message message, boolean wait) throws InterruptedException {
        if (finished) {
            message.receipt().markLost();
            sink.stats().drop(Reason.OUTPUT_CLOSED);
            return false;
        }
        pending.incrementAndGet();
        message.receipt().hold(); // before the worker can see it
        if (wait) {
            while (!queue.offer(message, 50, TimeUnit.MILLISECONDS)) {
                if (finished) {
                    message.receipt().release();
                    return closedWhileWaiting(message);
                }
            }
            signal();
            return lateCheck(message);
        }
        if (queue.offer(message)) {
            signal();
            return lateCheck(message);
        }
        message.receipt().release();
        settledOne();
        message.receipt().markLost();
        sink.stats().drop(Reason.QUEUE_FULL);
        return false;
    }

    private boolean closedWhileWaiting(Message message) {
        settledOne();
        message.receipt().markLost();
        sink.stats().drop(Reason.OUTPUT_CLOSED);
        return false;
    }

    /**
     * A live input's batch, in order, never waiting: what has no room is dropped as {@code queue-full}.
     * One lock and one touch of each shared counter for the batch.
     */
    void offerAll(List<Message> batch) {
        if (finished) {
            for (Message message : batch) {
                message.receipt().markLost();
            }
            sink.stats().drops(Reason.OUTPUT_CLOSED, batch.size());
            return;
        }
        pending.addAndGet(batch.size());
        for (Message message : batch) {
            message.receipt().hold();
        }
        List<Message> refused = new ArrayList<>(0);
        int queued = queue.offerFitting(batch, refused);
        if (queued > 0 && ready != null) {
            ready.release(queued);
        }
        for (Message message : refused) {
            message.receipt().release();
            message.receipt().markLost();
        }
        if (!refused.isEmpty()) {
            sink.stats().drops(Reason.QUEUE_FULL, refused.size());
            settled(refused.size(), 0);
        }
        if (finished) {
            for (Message message : batch) {
                if (!refused.contains(message)) {
                    lateCheck(message);
                }
            }
        }
    }

    /** The next message of the main queue, null when there is none (a two-lane drain's). */
    private Message pollOne() {
        one.clear();
        queue.poll(one, 1);
        return one.isEmpty() ? null : one.get(0);
    }

    /** Tells a two-lane drain that the main queue has one more. */
    private void signal() {
        if (ready != null) {
            ready.release();
        }
    }

    /** A message queued while {@link #finish} ran would never be written: take it back and count it. */
    private boolean lateCheck(Message message) {
        if (finished && queue.remove(message)) {
            settledOne();
            message.receipt().lose();
            sink.stats().drop(Reason.OUTPUT_CLOSED);
            return false;
        }
        return true;
    }

    /** One message fewer queued or being written: written, dropped or taken back. */
    private void settledOne() {
        if (pending.decrementAndGet() == 0 && whenIdle != null) {
            whenIdle.run();
        }
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
        queue.force(END);
        signal();
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
        List<Message> late = new ArrayList<>();
        queue.poll(late, Integer.MAX_VALUE);
        if (side != null) {
            side.drainTo(late);
        }
        if (!late.isEmpty()) {
            late.forEach(m -> m.receipt().lose());
            sink.stats().drops(Reason.OUTPUT_CLOSED, late.size());
        }
        try {
            sink.output().close();
        } catch (IOException | RuntimeException e) {
            log.warn("output " + sink.stats().name() + ": close failed: " + describe(e));
        }
    }

    private void drain() {
        if (side == null) {
            drainBatches();
            return;
        }
        while (true) {
            try {
                ready.acquire();
            } catch (InterruptedException e) {
                continue; // nobody owns this thread but us: keep emptying the queue
            }
            Message message = side.poll();
            if (message != null) {
                write(message); // the side lane is not held to the byte budget
                flushWhenNothingWaits();
                lastWritten = System.nanoTime();
                settledOne();
                continue;
            }
            message = pollOne();
            if (message == null) {
                flushWhenNothingWaits();
                continue; // taken back by a late offer
            }
            if (message == END) {
                return;
            }
            written(message);
        }
    }

    /**
     * One lane: takes what is queued in batches. With a full queue, the input waiting to add is woken
     * once per batch instead of once per message (each wake-up is an unpark and a reschedule). The
     * batch's byte permits and its count of pending messages are given back once, after its last
     * write: both counters are shared with the inputs' threads, and each touch moves them between cores.
     */
    private void drainBatches() {
        List<Message> batch = new ArrayList<>(BATCH);
        while (true) {
            try {
                queue.take(batch, BATCH, -1);
            } catch (InterruptedException e) {
                continue; // nobody owns this thread but us: keep emptying the queue
            }
            long permits = 0;
            int done = 0;
            try {
                for (int i = 0; i < batch.size(); i++) {
                    Message message = batch.get(i);
                    if (message == END) {
                        requeueLate(batch.subList(i + 1, batch.size()));
                        return;
                    }
                    write(message);
                    permits += MessageQueue.bytesOf(message);
                    done++;
                }
            } finally {
                settled(done, permits);
            }
            batch.clear();
        }
    }

    /** Messages offered while finish() ran, taken with its END: back in the queue, where finish() counts them. */
    private void requeueLate(List<Message> late) {
        for (Message message : late) {
            queue.release(MessageQueue.bytesOf(message)); // taken off, now offered again
            if (!queue.offer(message)) {
                message.receipt().lose();
                sink.stats().drop(Reason.OUTPUT_CLOSED);
            }
        }
    }

    /** {@code count} messages written (or failed and counted), holding {@code permits} byte permits. */
    private void settled(int count, long permits) {
        if (count == 0) {
            return;
        }
        queue.release(permits);
        if (pending.addAndGet(-count) == 0 && whenIdle != null) {
            whenIdle.run();
        }
    }

    private void written(Message message) {
        write(message);
        if (side != null) {
            flushWhenNothingWaits();
        }
        queue.release(MessageQueue.bytesOf(message));
        if (side != null) {
            lastWritten = System.nanoTime(); // only the relay's quiet test reads it: no clock read per message elsewhere
        }
        settledOne();
    }

    /**
     * A two-lane worker's output that buffers (the middleware's stdin: {@link Flushable}) is flushed
     * whenever nothing more waits, before the message just written counts as settled: a program that
     * answers each line before reading the next always gets it, and the relay never looks settled
     * with a line still held. A failed flush loses lines the output counts itself.
     */
    private void flushWhenNothingWaits() {
        if (ready.availablePermits() == 0 && sink.output() instanceof Flushable buffered) {
            try {
                buffered.flush();
            } catch (IOException | RuntimeException e) {
                errors++;
                if (errors <= maxLoggedErrors) {
                    log.warn("output " + sink.stats().name() + ": flush failed: " + describe(e));
                }
            }
        }
    }

    /** Writes one message; a failure is counted, and the message counts as taken either way (its loss is counted). */
    private void write(Message message) {
        try {
            sink.output().write(message);
            sink.stats().passed(message.payload().length);
        } catch (OutputGoneException gone) {
            sink.stats().drop(Reason.OUTPUT_GONE);
        } catch (IOException | RuntimeException | InterruptedException e) {
            failed(e);
        } finally {
            message.receipt().release();
        }
    }

    private void failed(Exception e) {
        sink.stats().drop(Reason.WRITE_ERROR);
        errors++;
        if (errors <= maxLoggedErrors) {
            log.warn("output " + sink.stats().name() + ": write failed: " + describe(e)
                    + (errors == maxLoggedErrors ? " (further write errors on this output are only counted)" : ""));
        }
    }

    /** An I/O failure in the system's words; anything else is a fault of ours, named by its class. */
    private static String describe(Exception e) {
        if (e instanceof IOException io) {
            return IoReason.withFile(io);
        }
        return e.getMessage() == null ? e.getClass().getSimpleName() : e.getMessage();
    }
}
