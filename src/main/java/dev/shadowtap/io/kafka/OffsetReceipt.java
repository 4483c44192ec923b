package dev.shadowtap.io.kafka;

import dev.shadowtap.pipeline.Receipt;

import java.util.concurrent.atomic.AtomicInteger;

/**
 * The receipt of one message a group member handed on: its offset, the stages still holding it, and
 * whether one gave it up unsent. Settled when no stage holds it; {@code settled} is then told.
 */
final class OffsetReceipt implements Receipt {
    private final long offset;
    private final Runnable settled;
    private final AtomicInteger holds = new AtomicInteger(1);
    private volatile boolean lost;

    OffsetReceipt(long offset, Runnable settled) {
        this.offset = offset;
        this.settled = settled;
    }

    long offset() {
        return offset;
    }

    @Override
    public void hold() {
        holds.incrementAndGet();
    }

    @Override
    public void release() {
        if (holds.decrementAndGet() == 0) {
            settled.run();
        }
    }

    @Override
    public void markLost() {
        lost = true;
    }

    /** No stage holds it any more. */
    boolean settled() {
        return holds.get() <= 0;
    }

    /** Settled, and every output took it: its offset may be committed. */
    boolean taken() {
        return settled() && !lost;
    }
}
