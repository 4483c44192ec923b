package dev.shadowtap.pipeline;

import dev.shadowtap.core.InterimResponse;
import dev.shadowtap.core.StageStats;

import dev.shadowtap.core.Log;

import java.io.IOException;
import java.time.Duration;
import java.util.ArrayList;
import java.util.List;
import java.util.concurrent.CopyOnWriteArrayList;
import java.util.concurrent.CountDownLatch;
import java.util.concurrent.TimeUnit;
import java.util.concurrent.atomic.AtomicBoolean;
import java.util.concurrent.atomic.AtomicLong;
import java.util.concurrent.locks.Condition;
import java.util.concurrent.locks.ReentrantLock;

/**
 * Copies every message of every input to every output, or with {@code --split-output} deals them out
 * (see below). One platform thread reads each input; each output has a bounded queue emptied by its
 * own platform thread ({@link OutputWorker}): a few long-lived stages, where a virtual thread would only
 * add the scheduler's hand-offs to every wake-up. When an output's queue is full a file-like input waits
 * and a live input drops the message for that output, counted as {@code queue-full}.
 *
 * <p>Feedback: an input that carries an output's replies ({@link Sink#feeds}: the output object itself
 * when it implements both interfaces, or {@link Sink#replies()}) is a feedback input. Its replies go to
 * every output but its own, and it does not keep the run alive. Shutdown order once every other input has ended (or {@link #stop()} closed
 * them): (1) feedback outputs get their queues emptied and are closed, in the order given; (2) the run
 * waits until their input side returns null, its replies flowing to the outputs still open;
 * (3) the remaining outputs get their queues emptied and are closed (flushed), in the order given.
 * A feedback output's replies must be given to the emitter as an input, or nobody reads them.
 *
 * <p>Relay (middleware): with a {@link Relay}, every input's messages (the feedback inputs' too) go to
 * the relay's output only, and what the relay's input returns goes to every output. Its reader does
 * not keep the run alive either. Shutdown order then: (0) once the primary inputs have ended, wait
 * until the relay has settled (it gave something back, its queue is empty, and nothing went in or out
 * for {@link Relay#quiet()}; at most {@link Relay#maxWait()}), so that what the middleware echoes late still reaches the replay outputs;
 * (1) and (2) as above, the replies going to the relay (on a lane of their own that never waits: a
 * reply waiting for the middleware, which waits for the outputs, which wait for replies, could
 * deadlock); (3) the relay's output gets its queue emptied
 * and is closed (the middleware's stdin), and the run waits until the relay's input ends (the
 * middleware's stdout read to the end), what it returns flowing to the outputs still open; (4) the
 * remaining outputs are closed. A relay input that ends while the run is running stops the run.
 *
 * <p>Split ({@code --split-output}): requests go to one output each, round robin, and each response
 * (original, type 2, and replayed, type 3) to the output its request went to, so every output gets
 * whole exchanges (GoReplay deals every message in turn, which on a file recorded with responses gives
 * one output all the requests and the other all the responses). The pairing is GoReplay's, that of
 * {@link ResponseVerdicts}: per input and id in FIFO order, the n-th final response of an id follows
 * the n-th request, a 1xx takes no turn. A response with no such output (its id unknown to this
 * input or forgotten; a replay output's reply, which never goes back to that output) goes to the
 * output the next request will be dealt to: deterministic, and a 100 Continue recorded before its
 * request travels with it. Each input
 * remembers the outputs of its last {@value #SPLIT_TRACKED_IDS} ids (least recently used forgotten).
 *
 * <p>Counting: each {@link Source}'s stage counts messages read; each {@link Sink}'s stage counts
 * messages written and drops ({@code queue-full}, {@code write-error}, {@code output-closed},
 * {@code output-gone}); an input with no output to go to counts {@code no-output}. A write error never
 * stops the run (an output that is gone for good, stdout closed by its reader, asks for the stop itself).
 */
public final class Emitter {
    private enum Phase { NEW, RUNNING, DRAINING, DONE }

    /** Ids per input whose requests' outputs {@code --split-output} remembers for their responses. */
    static final int SPLIT_TRACKED_IDS = 65_536;

    private final List<OutputWorker> workers;
    private final Relay relay;
    private final OutputWorker relayWorker;
    private volatile long relayActivity = System.nanoTime();
    private boolean relayEnded;
    private final List<Source> sources = new CopyOnWriteArrayList<>();
    private final EmitterOptions options;
    private final Log log;
    private final AtomicLong turn = new AtomicLong();
    private final AtomicBoolean stopping = new AtomicBoolean();
    private final CountDownLatch done = new CountDownLatch(1);
    private final ReentrantLock lock = new ReentrantLock();
    private final Condition readerEnded = lock.newCondition();
    private Phase phase = Phase.NEW;
    private int primaryReaders;
    private int feedbackReaders;
    private boolean interrupted;

    public Emitter(List<Source> inputs, List<Sink> outputs, EmitterOptions options, Log log) {
        this(inputs, outputs, null, options, log);
    }

    /** An emitter whose messages all take the detour through {@code relay} (null: none). */
    public Emitter(List<Source> inputs, List<Sink> outputs, Relay relay, EmitterOptions options, Log log) {
        this.options = options;
        this.relay = relay;
        this.relayWorker = relay == null ? null
                // The relay says itself, once, why it stopped; what it could not take is counted, not logged.
                : OutputWorker.withSideLane(relay.sink(), options.queueCapacity(), options.queueBytes(), 0, log);
        this.log = log;
        List<OutputWorker> made = new ArrayList<>();
        for (Sink sink : outputs) {
            made.add(new OutputWorker(sink, options.queueCapacity(), options.queueBytes(), options.maxLoggedErrors(), log));
        }
        this.workers = List.copyOf(made);
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
        lock.lock();
        try {
            if (phase != Phase.NEW) {
                throw new IllegalStateException("an emitter runs once");
            }
            workers.forEach(OutputWorker::start);
            phase = Phase.RUNNING;
            if (relay != null) {
                relayWorker.start();
                Thread.ofVirtual().name("relay " + relay.source().stats().name()).start(this::readRelay);
            }
            sources.forEach(this::startReader);
            while (primaryReaders > 0) {
                awaitReaderEnd();
            }
            phase = Phase.DRAINING;
        } finally {
            lock.unlock();
        }
        try {
            if (relay != null) {
                awaitRelaySettled();
            }
            for (OutputWorker worker : workers) {
                if (isFeedbackOutput(worker)) {
                    worker.finish();
                }
            }
            awaitFeedbackEnd();
            if (relay != null) {
                relayWorker.finish();
                awaitRelayEnd();
            }
            for (OutputWorker worker : workers) {
                if (!isFeedbackOutput(worker)) {
                    worker.finish();
                }
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

    /**
     * Waits until the relay has nothing queued and nothing went in or out for its quiet time, at most
     * its longest wait; an interrupt means stop and ends the wait.
     */
    private void awaitRelaySettled() {
        long deadline = System.nanoTime() + relay.maxWait().toNanos();
        long quiet = relay.quiet().toNanos();
        long pause = Math.max(1, Math.min(20, relay.quiet().toMillis() / 4));
        while (System.nanoTime() < deadline) {
            lock.lock();
            try {
                if (relayEnded) {
                    return;
                }
            } finally {
                lock.unlock();
            }
            // A relay that has given nothing back yet may still be starting (an interpreter can take a
            // second): it gets the whole wait.
            boolean spoke = relay.source().stats().messages() > 0;
            if (spoke && relayWorker.idle()
                    && System.nanoTime() - Math.max(relayActivity, relayWorker.lastWritten()) >= quiet) {
                return;
            }
            try {
                Thread.sleep(pause);
            } catch (InterruptedException e) {
                interrupted = true;
                stop();
                return;
            }
        }
    }

    private void awaitRelayEnd() {
        lock.lock();
        try {
            while (!relayEnded) {
                awaitReaderEnd();
            }
        } finally {
            lock.unlock();
        }
    }

    /** Reads what the relay returns, to every output; its end while running stops the run. */
    private void readRelay() {
        Source source = relay.source();
        ResponseVerdicts dealt = dealtOutputs();
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
                relayActivity = System.nanoTime();
                source.stats().passed(message.payload().length);
                dispatch(source, message, null, dealt);
            }
        } catch (InterruptedException e) {
            log.warn("middleware: interrupted, pipeline stopped");
        } finally {
            boolean early;
            lock.lock();
            try {
                relayEnded = true;
                early = phase == Phase.RUNNING;
                readerEnded.signalAll();
            } finally {
                lock.unlock();
            }
            if (early) {
                stop();
            }
        }
    }

    private void awaitFeedbackEnd() {
        lock.lock();
        try {
            while (feedbackReaders > 0) {
                awaitReaderEnd();
            }
        } finally {
            lock.unlock();
        }
    }

    /** Waits for a reader to end (lock held); an interrupt means stop, and is passed on when run() ends. */
    private void awaitReaderEnd() {
        try {
            readerEnded.await();
        } catch (InterruptedException e) {
            interrupted = true;
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
        ResponseVerdicts dealt = dealtOutputs();
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
                dispatch(source, message, self, dealt);
            }
        } catch (InterruptedException e) {
            log.warn("input " + source.stats().name() + ": interrupted, input stopped");
        } finally {
            ended(feedback);
        }
    }

    /** The outputs one input's requests were dealt to, by id (null unless split): only its reader uses it. */
    private ResponseVerdicts dealtOutputs() {
        return options.splitOutput() && !workers.isEmpty()
                ? new ResponseVerdicts(SPLIT_TRACKED_IDS, workers.size()) : null;
    }

    /**
     * Deals a message ({@code --split-output}): a request to the next output in turn, remembered by id;
     * a response to its request's output, or when that is unknown (or not a target), to the output
     * the next request will go to.
     */
    private OutputWorker deal(Message message, List<OutputWorker> targets, ResponseVerdicts dealt) {
        if (message.isRequest()) {
            OutputWorker target = targets.get((int) Math.floorMod(turn.getAndIncrement(), (long) targets.size()));
            dealt.request(message.id(), workers.indexOf(target));
            return target;
        }
        int index = dealt.responseVerdict(message.id(), message.type(), InterimResponse.startsPayload(message.payload()));
        if (index != ResponseVerdicts.UNKNOWN && targets.contains(workers.get(index))) {
            return workers.get(index);
        }
        return targets.get((int) Math.floorMod(turn.get(), (long) targets.size()));
    }

    private void dispatch(Source source, Message message, Input self, ResponseVerdicts dealt)
            throws InterruptedException {
        boolean wait = !source.input().live();
        if (relay != null && source != relay.source()) {
            relayActivity = System.nanoTime();
            if (self != null) {
                relayWorker.offerSide(message); // a reply: never waits, see OutputWorker
            } else {
                relayWorker.offer(message, wait);
            }
            return;
        }
        List<OutputWorker> targets = self == null ? workers
                : workers.stream().filter(w -> !w.sink().feeds(self)).toList();
        if (targets.isEmpty()) {
            source.stats().drop("no-output");
            return;
        }
        if (dealt != null) {
            deal(message, targets, dealt).offer(message, wait);
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
