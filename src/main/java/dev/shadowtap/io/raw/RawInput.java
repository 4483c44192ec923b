package dev.shadowtap.io.raw;

import dev.shadowtap.capture.Capture;
import dev.shadowtap.core.Reason;
import dev.shadowtap.core.Log;
import dev.shadowtap.core.StageStats;
import dev.shadowtap.http.HttpPairing;
import dev.shadowtap.pipeline.Input;
import dev.shadowtap.pipeline.Message;
import dev.shadowtap.pipeline.MessageQueue;
import dev.shadowtap.tcp.ReassemblyConfig;
import dev.shadowtap.tcp.StreamListener;
import dev.shadowtap.tcp.TcpReassembler;
import dev.shadowtap.tcp.TcpStats;

import java.io.IOException;
import java.time.Duration;
import java.util.ArrayDeque;
import java.util.ArrayList;
import java.util.List;
import java.util.function.Consumer;
import java.util.HashSet;
import java.util.concurrent.TimeUnit;

/**
 * {@code --input-raw}: captures HTTP traffic and hands its requests (and, with
 * {@code --input-raw-track-response}, their responses) to the pipeline.
 *
 * <p>One platform thread runs the {@link Capture} and does everything per packet on it: decode and
 * selection (behind the capture's door), TCP reassembly (server ports = the captured ports), HTTP
 * framing per connection and pairing ({@link HttpPairing}). Messages
 * wait for {@link #read} in a bounded queue; a live capture never waits for the pipeline: when the
 * queue is full the message is dropped and counted {@code queue-full}. A live capture hands its
 * messages over in batches, those of the packets the engine had ready (a ring's ready blocks), and
 * the reader takes what is queued at once: one wake-up of the reader per batch instead of one per message.
 * When the emitter asks ({@link #handTo}: the capture copied to every output, nothing between), the
 * capture thread hands its batches to the outputs' queues itself, and the queue here and the
 * emitter's reader thread are skipped (measured: ~0.2 us less CPU per request at 128 connections,
 * docs/BENCHMARKS.md, "capture"). A capture file instead waits
 * (nothing is lost reading a file), and the input ends at the end of the file, after the reassembler
 * delivered what it still held.
 *
 * <p>While the wire is quiet the reassembler's clock is advanced every poll period (100 ms), so
 * out-of-order data expires after {@code --input-raw-expire} even without new packets.
 */
public final class RawInput implements Input {
    /** Payload bytes a live capture holds for the pipeline at most, whatever the message count. */
    static final long MAX_QUEUED_BYTES = 64L << 20;
    private static final long READ_POLL_MILLIS = 100;
    private static final long STATS_NS = RawInputConfig.STATS_INTERVAL.toNanos();
    /** The most messages a live capture gathers before handing them over, and a reader takes at once. */
    static final int BATCH = 256;

    private final RawInputConfig config;
    private final StageStats stage;
    private final CaptureHealth health;
    private final Log log;
    private final Capture capture;
    /** Bounded by count and by payload bytes: a live capture also drops once they pass {@link #MAX_QUEUED_BYTES}. */
    private final MessageQueue queue;
    private final TcpReassembler reassembler;
    private final SegmentFeeder feeder;
    /** Where a live capture hands its batches itself ({@link #handTo}); null: into {@link #queue}. */
    private volatile Consumer<List<Message>> downstream;
    /** True once the capture thread hands to {@link #downstream}: its only. */
    private boolean handing;
    /** Messages of the packets handed over so far, not yet queued: the capture thread's only. */
    private final ArrayList<Message> gathered = new ArrayList<>(BATCH);
    /** Those of a hand-over the queue had no room for: the capture thread's only. */
    private final ArrayList<Message> refused = new ArrayList<>(BATCH);
    /** Messages taken off the queue, not yet read: the reader's only (one thread reads an input). */
    private final ArrayDeque<Message> taken = new ArrayDeque<>(BATCH);
    private final Thread thread;
    private volatile boolean ended;
    private volatile boolean closed;
    private long nextStatsNs;

    private RawInput(RawInputConfig config, Capture capture, StageStats stage, StageStats tcpStage, Log log) {
        this.config = config;
        this.stage = stage;
        TcpStats tcpStats = new TcpStats(tcpStage);
        this.log = log;
        this.queue = new MessageQueue(config.queueCapacity(), MAX_QUEUED_BYTES);
        stage.queueDepth(queue::size);
        ReassemblyConfig reassembly = ReassemblyConfig.DEFAULT.withExpire(positive(config.expire()))
                .withServerPorts(new HashSet<>(capture.ports()));
        RequestIds ids = new RequestIds();
        StreamListener streams = config.binary() ? new BinaryStreams(config.pairing(), ids, stage, this::deliver)
                : new HttpStreams(new HttpPairing(config.pairing(), ids::next, stage, this::deliver));
        this.reassembler = new TcpReassembler(reassembly, streams, tcpStats);
        this.feeder = new SegmentFeeder(reassembler, this::handOver);
        this.capture = capture;
        this.health = new CaptureHealth(config.address(), stage, capture, tcpStats, reassembler::openConnections,
                queue::size);
        this.thread = Thread.ofPlatform().name("shadowtap-capture " + config.address()).daemon(true).unstarted(this::captureLoop);
    }

    /**
     * Opens the capture and starts its thread. One-line IOException when it cannot start (bad
     * address, no right to capture, no such interface, libpcap missing, bad filter, unreadable file).
     *
     * @param stage    the input's counters: messages are counted by the pipeline, losses here by reason
     * @param tcpStage TCP reassembly's counters (segments, gaps by reason)
     */
    public static RawInput open(RawInputConfig config, StageStats stage, StageStats tcpStage, Log log) throws IOException {
        RawInput input = new RawInput(config, Capture.open(config.capture(), stage, log), stage, tcpStage, log);
        input.thread.start();
        return input;
    }

    @Override
    public Message read() throws InterruptedException {
        if (downstream != null) {
            thread.join(); // the capture thread hands everything over; a queue it never emptied is read below
        }
        while (true) {
            Message m = taken.poll();
            if (m != null) {
                return m;
            }
            boolean end = ended;
            if (queue.take(taken, BATCH, end ? 0 : READ_POLL_MILLIS) > 0) {
                long bytes = 0;
                for (Message t : taken) {
                    bytes += MessageQueue.bytesOf(t);
                }
                queue.release(bytes);
                continue;
            }
            if (end) {
                return null;
            }
        }
    }

    /** True when messages taken off the queue wait to be read. */
    @Override
    public boolean ready() {
        return !taken.isEmpty();
    }

    /**
     * A live capture hands its batches to {@code downstream} on the capture thread, after whatever it
     * had queued before (so in order); a capture file is read as usual.
     */
    @Override
    public boolean handTo(Consumer<List<Message>> downstream) {
        if (capture.finite()) {
            return false;
        }
        this.downstream = downstream;
        return true;
    }

    /** A live capture must not wait for the pipeline; a capture file may. */
    @Override
    public boolean live() {
        return !capture.finite();
    }

    /** Stops the capture; messages already framed are still read, then {@link #read} returns null. */
    @Override
    public void close() {
        closed = true;
        capture.close();
    }

    /** The TCP reassembly counters. */
    public TcpStats tcpStats() {
        return health.tcp();
    }

    /** What this input captures (interface or file, ports, engine). */
    public String describe() {
        return capture.describe();
    }

    /** The capture's health counters, for the run's registry ({@code Stats.detail}). */
    public CaptureHealth health() {
        return health;
    }

    /** True once the capture thread finished and flushed (the queue may still hold messages). */
    public boolean ended() {
        return ended;
    }

    /** Waits for the capture thread to finish, e.g. after {@link #close}. */
    public boolean awaitEnd(Duration timeout) throws InterruptedException {
        return thread.join(timeout);
    }

    private void captureLoop() {
        nextStatsNs = System.nanoTime() + STATS_NS;
        try {
            capture.run(feeder, this::idle);
            reassembler.finish();
            handOver();
        } catch (IOException | RuntimeException e) {
            log.warn("input-raw " + config.address() + ": capture stopped: " + e.getMessage());
            stage.drop(Reason.CAPTURE_ERROR);
        } finally {
            capture.close();
            if (config.stats()) {
                log.info(health.line());
            }
            ended = true;
        }
    }

    private void idle() {
        reassembler.tick(System.currentTimeMillis() * 1_000_000L);
        handOver();
        if (config.stats() && System.nanoTime() - nextStatsNs >= 0) {
            nextStatsNs = System.nanoTime() + STATS_NS;
            log.info(health.line());
        }
    }

    /** On the capture thread: a live capture gathers its messages for {@link #handOver}, a file's wait for room. */
    private void deliver(Message m) {
        if (capture.finite()) {
            queue(m);
            return;
        }
        gathered.add(m);
        if (gathered.size() >= BATCH) {
            handOver();
        }
    }

    /** On the capture thread: queues (or hands on) what a live capture gathered, in order, in one go. */
    private void handOver() {
        Consumer<List<Message>> to = downstream;
        if (to != null) {
            if (!handing) { // what was queued before goes first
                handing = true;
                ArrayList<Message> queued = new ArrayList<>();
                queue.poll(queued, Integer.MAX_VALUE);
                queued.forEach(m -> queue.release(MessageQueue.bytesOf(m)));
                to.accept(queued);
            }
            if (!gathered.isEmpty()) {
                to.accept(gathered);
                gathered.clear();
            }
            return;
        }
        if (gathered.isEmpty()) {
            return;
        }
        refused.clear();
        queue.offerFitting(gathered, refused);
        if (!refused.isEmpty()) {
            stage.drops(Reason.QUEUE_FULL, refused.size());
        }
        gathered.clear();
    }

    /** On the capture thread: a capture file's message waits for room (dropped only when the input closes). */
    private void queue(Message m) {
        try {
            while (!closed) {
                if (queue.offer(m, READ_POLL_MILLIS, TimeUnit.MILLISECONDS)) {
                    return;
                }
            }
        } catch (InterruptedException e) {
            Thread.currentThread().interrupt();
        }
        stage.drop(Reason.QUEUE_FULL);
    }

    private static Duration positive(Duration d) {
        return d.isZero() || d.isNegative() ? ReassemblyConfig.DEFAULT.expire() : d;
    }
}
