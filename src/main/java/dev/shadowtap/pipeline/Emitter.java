package dev.shadowtap.pipeline;

import dev.shadowtap.core.Reason;
import dev.shadowtap.core.Log;
import dev.shadowtap.core.StageStats;

import java.io.IOException;
import java.time.Duration;
import java.util.ArrayList;
import java.util.List;
import java.util.concurrent.CopyOnWriteArrayList;
import java.util.concurrent.CountDownLatch;
import java.util.concurrent.TimeUnit;
import java.util.concurrent.atomic.AtomicBoolean;
import java.util.concurrent.locks.Condition;
import java.util.concurrent.locks.ReentrantLock;

/**
 * Copies every message of every input to every output, or with {@code --split-output} deals them out
 * ({@link SplitDealer}). One platform thread reads each input; each output has a bounded queue emptied
 * by its own platform thread ({@link OutputWorker}): a few long-lived stages, where a virtual thread
 * would only add the scheduler's hand-offs to every wake-up. When an output's queue is full a
 * file-like input waits and a live input drops the message for that output, counted as {@code queue-full}.
 *
 * <p>Feedback: an input that carries an output's replies ({@link Sink#feeds}: the output object itself
 * when it implements both interfaces, or {@link Sink#replies()}) is a feedback input. Its replies go to
 * every output but its own, and it does not keep the run alive. A feedback output's replies must be
 * given to the emitter as an input, or nobody reads them.
 *
 * <p>Relay (middleware, {@link RelayStage}): every input's messages (the feedback inputs' too) go to the
 * relay only, and what the relay returns goes to every output. Its reader does not keep the run alive;
 * its end while the run is running stops the run.
 *
 * <p>The run ends in the {@link ShutdownStep}s, in order; docs/ARCHITECTURE.md, "Shutdown", says why.
 *
 * <p>Counting: each {@link Source}'s stage counts messages read; each {@link Sink}'s stage counts
 * messages written and drops ({@code queue-full}, {@code write-error}, {@code output-closed},
 * {@code output-gone}); an input with no output to go to counts {@code no-output}. A write error never
 * stops the run (an output that is gone for good, stdout closed by its reader, asks for the stop itself).
 */
public final class Emitter {
    private enum Phase { NEW, RUNNING, DRAINING, DONE }

    /** The most messages of a live input handed to the outputs at once. */
    private static final int BATCH = 64;

    private final List<OutputWorker> workers;
    private final RelayStage relay;
    private final SplitDealer dealer;
    private final List<Source> sources = new CopyOnWriteArrayList<>();
    private final Log log;
    private final AtomicBoolean stopping = new AtomicBoolean();
    private final CountDownLatch done = new CountDownLatch(1);
    private final ReentrantLock lock = new ReentrantLock();
    private final Condition readerEnded = lock.newCondition();
    private Phase phase = Phase.NEW;
    private int primaryReaders;
    private int feedbackReaders;
    private boolean interrupted; // only the thread in run() sets and reads it

    public Emitter(List<Source> inputs, List<Sink> outputs, EmitterOptions options, Log log) {
        this(inputs, outputs, null, options, log);
    }

    /** An emitter whose messages all take the detour through {@code relay} (null: none). */
    public Emitter(List<Source> inputs, List<Sink> outputs, Relay relay, EmitterOptions options, Log log) {
        this.relay = relay == null ? null : new RelayStage(relay, options, log);
        this.log = log;
        List<OutputWorker> made = new ArrayList<>();
        for (Sink sink : outputs) {
            made.add(new OutputWorker(sink, options.queueCapacity(), options.queueBytes(), options.maxLoggedErrors(), log));
        }
        this.workers = List.copyOf(made);
        this.dealer = options.splitOutput() && !workers.isEmpty() ? new SplitDealer(workers, options.bySession()) : null;
        inputs.forEach(this::addInput);
    }

    /**
     * Adds an input, before or during the run. Fails once {@link #stop()} was called or every input
     * but the feedback ones has ended.
     */
    public void addInput(Source source) {
        lock.lock();
        try {
            if (stopping.get() || phase == Phase.DRAINING || phase == Phase.DONE) {
                throw new IllegalStateException("the pipeline is shutting down; input " + source.stats().name()
                        + " cannot be added");
            }
            sources.add(source);
            if (isFeedback(source)) {
                feedbackReaders++;
            } else {
                primaryReaders++;
            }
            if (phase == Phase.RUNNING) {
                startReader(source);
            }
        } finally {
            lock.unlock();
        }
    }

    /**
     * Runs until every input has ended (or {@link #stop()}), empties every queue, closes every output
     * and returns the counters. Call it once. Interrupting the thread that runs it acts as
     * {@link #stop()}: the queues are still emptied and the outputs closed, then InterruptedException
     * is thrown.
     */
    public EmitterSummary run() throws InterruptedException {
        long started = System.nanoTime();
        start();
        try {
            for (ShutdownStep step : ShutdownStep.values()) {
                take(step);
            }
        } finally {
            lock.lock();
            try {
                phase = Phase.DONE;
            } finally {
                lock.unlock();
            }
            done.countDown();
        }
        if (interrupted || Thread.interrupted()) {
            throw new InterruptedException("the pipeline was interrupted; it stopped after emptying its queues");
        }
        List<StageStats.Snapshot> read = new ArrayList<>(sources.stream().map(s -> s.stats().snapshot()).toList());
        if (relay != null) {
            read.add(relay.source().stats().snapshot());
        }
        return new EmitterSummary(List.copyOf(read),
                workers.stream().map(w -> w.sink().stats().snapshot()).toList(),
                Duration.ofNanos(System.nanoTime() - started));
    }

    /**
     * Closes every input but the feedback ones, from any thread; {@link #run()} then empties the
     * queues, closes the outputs and returns. Nothing an input already returned is lost. Idempotent.
     */
    public void stop() {
        List<Source> toClose;
        lock.lock(); // so that no input is added between the flag and the list
        try {
            if (!stopping.compareAndSet(false, true)) {
                return;
            }
            toClose = List.copyOf(sources);
        } finally {
            lock.unlock();
        }
        for (Source source : toClose) {
            if (!isFeedback(source)) {
                try {
                    source.input().close();
                } catch (IOException | RuntimeException e) {
                    log.warn("input " + source.stats().name() + ": close failed: " + e.getMessage());
                }
            }
        }
    }

    /** Waits until {@link #run()} has closed every output; true when it did within the timeout. */
    public boolean awaitTermination(Duration timeout) throws InterruptedException {
        return done.await(timeout.toNanos(), TimeUnit.NANOSECONDS);
    }

    private void start() {
        lock.lock();
        try {
            if (phase != Phase.NEW) {
                throw new IllegalStateException("an emitter runs once");
            }
            workers.forEach(OutputWorker::start);
            phase = Phase.RUNNING;
            if (relay != null) {
                SplitDealer.Hand hand = hand();
                relay.start(message -> toOutputs(relay.source(), message, null, hand), this::relayEnded);
            }
            sources.forEach(this::startReader);
        } finally {
            lock.unlock();
        }
    }

    /** One step of the run's end; none is cut short by an interrupt, which means stop and is passed on. */
    private void take(ShutdownStep step) {
        switch (step) {
            case PRIMARY_INPUTS_END -> awaitPrimaryInputsEnd();
            case RELAY_SETTLES -> {
                // Only a feedback output closes before the relay: without one, whatever the relay
                // returns late still reaches every output, and there is nothing to wait for.
                if (relay != null && workers.stream().anyMatch(this::isFeedbackOutput)) {
                    try {
                        relay.awaitSettled();
                    } catch (InterruptedException e) {
                        interrupted(); // stop waiting for it: the stop comes first
                    }
                }
            }
            case FEEDBACK_OUTPUTS_CLOSE -> {
                workers.stream().filter(this::isFeedbackOutput).forEach(OutputWorker::finish);
                awaitFeedbackInputsEnd();
            }
            case RELAY_OUTPUT_CLOSES -> {
                if (relay != null) {
                    relay.closeOutput();
                }
            }
            case RELAY_INPUT_ENDS -> {
                if (relay != null) {
                    awaitRelayEnd();
                }
            }
            case OTHER_OUTPUTS_CLOSE -> workers.stream().filter(w -> !isFeedbackOutput(w)).forEach(OutputWorker::finish);
        }
    }

    private void awaitPrimaryInputsEnd() {
        lock.lock();
        try {
            while (primaryReaders > 0) {
                awaitReaderEnd();
            }
            phase = Phase.DRAINING;
        } finally {
            lock.unlock();
        }
    }

    private void awaitFeedbackInputsEnd() {
        lock.lock();
        try {
            while (feedbackReaders > 0) {
                awaitReaderEnd();
            }
        } finally {
            lock.unlock();
        }
    }

    private void awaitRelayEnd() {
        while (true) {
            try {
                relay.awaitEnd();
                return;
            } catch (InterruptedException e) {
                interrupted();
            }
        }
    }

    /** Waits for a reader to end (lock held); an interrupt means stop, and is passed on when run() ends. */
    private void awaitReaderEnd() {
        try {
            readerEnded.await();
        } catch (InterruptedException e) {
            interrupted();
        }
    }

    private void interrupted() {
        interrupted = true;
        stop();
    }

    /** A relay whose input ends while the run is running stops the run. */
    private void relayEnded() {
        boolean early;
        lock.lock();
        try {
            early = phase == Phase.RUNNING;
        } finally {
            lock.unlock();
        }
        if (early) {
            stop();
        }
    }

    private void startReader(Source source) {
        boolean feedback = isFeedback(source);
        Thread.ofPlatform().daemon().name("input " + source.stats().name()).start(() -> read(source, feedback));
    }

    private void read(Source source, boolean feedback) {
        Input input = source.input();
        Input self = feedback ? input : null;
        SplitDealer.Hand hand = hand();
        // A live input copied to every output hands on what it has at hand in batches (offerAll).
        List<Message> batch = input.live() && relay == null && hand == null && self == null
                ? new ArrayList<>(BATCH) : null;
        if (batch != null && input.handTo(handed -> handedOn(source, handed))) {
            batch = null; // the input hands its batches on itself: read() only says when it has ended
        }
        try {
            while (true) {
                Message message;
                try {
                    message = input.read();
                } catch (IOException | RuntimeException e) {
                    log.warn("input " + source.stats().name() + ": read failed, input stopped: " + e.getMessage());
                    return;
                }
                if (message == null) {
                    return;
                }
                source.stats().passed(message.payload().length);
                if (batch != null) {
                    batch.add(message);
                    if (batch.size() >= BATCH || !input.ready()) {
                        toOutputs(source, batch);
                    }
                    continue;
                }
                try {
                    if (relay != null) {
                        relay.offer(message, !input.live(), self != null);
                    } else {
                        toOutputs(source, message, self, hand);
                    }
                } catch (InterruptedException e) {
                    message.receipt().lose();
                    throw e;
                }
                message.receipt().release(); // the input's own hold: the message is in every queue now
            }
        } catch (InterruptedException e) {
            log.warn("input " + source.stats().name() + ": interrupted, input stopped");
        } finally {
            if (batch != null) {
                toOutputs(source, batch);
            }
            ended(feedback);
        }
    }

    /** On a live input's own thread ({@link Input#handTo}): its batch counted and copied to every output. */
    private void handedOn(Source source, List<Message> handed) {
        for (Message message : handed) {
            source.stats().passed(message.payload().length);
        }
        toOutputs(source, handed);
    }

    /** A live input's batch to every output, never waiting; then the input's own holds are released. */
    private void toOutputs(Source source, List<Message> batch) {
        if (batch.isEmpty()) {
            return;
        }
        if (workers.isEmpty()) {
            source.stats().drops(Reason.NO_OUTPUT, batch.size());
        }
        for (OutputWorker worker : workers) {
            worker.offerAll(batch);
        }
        for (Message message : batch) {
            message.receipt().release(); // the input's own hold: the message is in every queue now
        }
        batch.clear();
    }

    /** One reader's hand for {@code --split-output}, null when every output gets a copy. */
    private SplitDealer.Hand hand() {
        return dealer == null ? null : dealer.hand();
    }

    /** Fans a message out to the outputs, all but those {@code self} carries the replies of (null: none). */
    private void toOutputs(Source source, Message message, Input self, SplitDealer.Hand hand)
            throws InterruptedException {
        boolean wait = !source.input().live();
        List<OutputWorker> targets = self == null ? workers
                : workers.stream().filter(w -> !w.sink().feeds(self)).toList();
        if (targets.isEmpty()) {
            source.stats().drop(Reason.NO_OUTPUT);
            return;
        }
        if (hand != null) {
            hand.deal(message, targets).offer(message, wait);
            return;
        }
        for (OutputWorker worker : targets) {
            worker.offer(message, wait);
        }
    }

    private void ended(boolean feedback) {
        lock.lock();
        try {
            if (feedback) {
                feedbackReaders--;
            } else {
                primaryReaders--;
            }
            readerEnded.signalAll();
        } finally {
            lock.unlock();
        }
    }

    private boolean isFeedback(Source source) {
        return workers.stream().anyMatch(w -> w.sink().feeds(source.input()));
    }

    private boolean isFeedbackOutput(OutputWorker worker) {
        return sources.stream().anyMatch(s -> worker.sink().feeds(s.input()));
    }
}
