package dev.shadowtap.io.http;

import dev.shadowtap.core.Reason;
import dev.shadowtap.pipeline.Input;
import dev.shadowtap.pipeline.Message;
import dev.shadowtap.core.StageStats;

import java.util.concurrent.ArrayBlockingQueue;
import java.util.concurrent.BlockingQueue;
import java.util.concurrent.TimeUnit;

/**
 * The replies of a replay output ({@link HttpReplayOutput} with {@code --output-http-track-response},
 * {@code --output-binary} with {@code --output-binary-track-response}), as an input the
 * application registers with the emitter. Bounded: a worker with a reply waits while it is full.
 * Ends (read returns null) once the output is closed and every reply is delivered.
 */
public final class ReplyInput implements Input {
    private final BlockingQueue<Message> queue;
    private final StageStats stats;
    private volatile boolean ended;
    private volatile boolean closed;

    public ReplyInput(int capacity, StageStats stats) {
        this.queue = new ArrayBlockingQueue<>(capacity);
        this.stats = stats;
    }

    /** Hands a reply over, waiting while the queue is full; dropped and counted once this input is closed. */
    public void offer(Message reply) throws InterruptedException {
        try {
            while (!closed) {
                if (queue.offer(reply, 100, TimeUnit.MILLISECONDS)) {
                    return;
                }
            }
        } catch (InterruptedException e) {
            stats.drop(Reason.REPLY_UNREAD);
            throw e;
        }
        stats.drop(Reason.REPLY_UNREAD);
    }

    /** No more replies will come. */
    public void end() {
        ended = true;
    }

    int size() {
        return queue.size();
    }

    @Override
    public Message read() throws InterruptedException {
        while (true) {
            boolean wasEnded = ended;
            Message m = queue.poll(100, TimeUnit.MILLISECONDS);
            if (m != null) {
                return m;
            }
            if (closed || (wasEnded && queue.isEmpty())) {
                return null;
            }
        }
    }

    @Override
    public void close() {
        closed = true;
        stats.drops(Reason.REPLY_UNREAD, drain());
    }

    private int drain() {
        int n = 0;
        while (queue.poll() != null) {
            n++;
        }
        return n;
    }
}
