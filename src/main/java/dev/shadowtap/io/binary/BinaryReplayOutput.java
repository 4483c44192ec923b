package dev.shadowtap.io.binary;

import dev.shadowtap.io.session.Sessions;

import dev.shadowtap.core.Log;
import dev.shadowtap.core.Reason;
import dev.shadowtap.core.StageStats;
import dev.shadowtap.core.Stats;
import dev.shadowtap.io.http.ReplyInput;
import dev.shadowtap.pipeline.Input;
import dev.shadowtap.pipeline.Message;
import dev.shadowtap.pipeline.ReplayOutput;

import java.time.Duration;
import java.util.List;
import java.util.concurrent.Semaphore;

/**
 * {@code --output-binary ADDR}: GoReplay's output for protocols that are not HTTP, the partner of
 * {@code --input-raw-protocol binary}. Each request's payload goes to the TCP address as it was
 * recorded; requests that share an id (one recorded connection) go one after another on a connection
 * of their own ({@link Sessions}), each after the reply to the one before, which is read until the
 * target goes quiet, closes, or {@code --output-binary-timeout} passed ({@link TargetLink}). Recorded
 * responses beside the requests are skipped ({@code not-a-request}). With
 * {@code --output-binary-track-response} each reply comes back through {@link #replies()} as a type 3
 * record with the request's id. {@link #write} waits while {@link BinaryReplayConfig#QUEUE_LEN} requests
 * are queued or in flight, so a file input is held back and memory stays bounded.
 */
public final class BinaryReplayOutput implements ReplayOutput {
    private final BinaryReplayConfig config;
    private final BinaryReplayStats stats;
    private final ReplyInput replies;
    private final StageStats repliesStage;
    private final Semaphore credits = new Semaphore(BinaryReplayConfig.QUEUE_LEN);
    private final Sessions<TargetLink> sessions;
    private volatile boolean closed;
    private volatile boolean abandoned;

    /** Counters go to a stage named {@code output-binary <address>} of {@code stats}. */
    public BinaryReplayOutput(BinaryReplayConfig config, Stats stats, Log log) {
        this.config = config;
        String address = config.target().address();
        this.stats = new BinaryReplayStats(address, stats.stage("output-binary " + address));
        this.repliesStage = config.reply().track() ? stats.stage("output-binary-replies " + address) : null;
        this.replies = config.reply().track() ? new ReplyInput(BinaryReplayConfig.QUEUE_LEN, repliesStage) : null;
        this.sessions = new Sessions<>(config.workers(), BinaryReplayConfig.IDLE, "output-binary-session",
                new Exchanges(config, this.stats, log, replies, credits));
        this.stats.gauges(sessions::queued, sessions::open);
    }

    /** Queues a request behind the earlier ones of its id, waiting while too many are queued or in flight. */
    @Override
    public void write(Message message) throws InterruptedException {
        if (!message.isRequest()) {
            stats.stage().skipped(Reason.NOT_A_REQUEST);
            return;
        }
        if (abandoned) {
            message.receipt().markLost();
            stats.stage().drop(Reason.UNSENT_AT_CLOSE);
            return;
        }
        if (closed) {
            message.receipt().markLost();
            stats.stage().drop(Reason.OUTPUT_CLOSED);
            return;
        }
        credits.acquire();
        message.receipt().hold(); // until the exchange is done (taken), or it is dropped unsent (lost)
        if (closed || !sessions.submit(message)) {
            credits.release();
            message.receipt().lose();
            stats.stage().drop(Reason.OUTPUT_CLOSED);
        }
    }

    /** The output's stage name: {@code output-http HOST:PORT}. */
    @Override
    public String toString() {
        return stats.stage().name();
    }

    @Override
    public boolean answeredNone() {
        return stats.replyCount() == 0 && stats.stage().droppedTotal() > 0;
    }

    @Override
    public void abandon() {
        abandoned = true;
        unsent(sessions.drain());
    }

    private void unsent(List<Message> requests) {
        if (!requests.isEmpty()) {
            requests.forEach(m -> m.receipt().lose());
            credits.release(requests.size());
            stats.stage().drops(Reason.UNSENT_AT_CLOSE, requests.size());
        }
    }

    /** The tracked replies; null unless tracking. Register it with the emitter as an input. */
    public Input replies() {
        return replies;
    }

    /** The counters of {@link #replies()} (null unless tracking). */
    public StageStats repliesStage() {
        return repliesStage;
    }

    public BinaryReplayStats stats() {
        return stats;
    }

    public BinaryReplayConfig config() {
        return config;
    }

    /**
     * Stops taking requests, lets queued ones go out while they make progress (giving up when none
     * finished for a whole timeout plus a second: the rest are {@code unsent-at-close}), closes the
     * connections and ends {@link #replies()}.
     */
    @Override
    public void close() {
        if (closed) {
            return;
        }
        closed = true;
        Duration window = config.timeout().plusSeconds(1);
        long deadline = System.nanoTime() + window.toNanos();
        int lastFree = credits.availablePermits();
        try {
            while (!abandoned && credits.availablePermits() < BinaryReplayConfig.QUEUE_LEN && System.nanoTime() < deadline) {
                Thread.sleep(5);
                int free = credits.availablePermits();
                if (free != lastFree) {
                    lastFree = free;
                    deadline = System.nanoTime() + window.toNanos();
                }
            }
            unsent(sessions.stop(window));
        } catch (InterruptedException e) {
            Thread.currentThread().interrupt();
            unsent(sessions.drain());
        }
        if (replies != null) {
            replies.end();
        }
    }
}
