package dev.shadowtap.pipeline;

import java.util.concurrent.atomic.AtomicInteger;

/** A finite input of {@code count} numbered requests starting at {@code first}; live or file-like. */
class ListInput implements Input {
    private final int first;
    private final int count;
    private final boolean live;
    private final AtomicInteger next = new AtomicInteger();
    private volatile boolean closed;

    ListInput(int first, int count, boolean live) {
        this.first = first;
        this.count = count;
        this.live = live;
    }

    @Override
    public Message read() throws InterruptedException {
        int n = next.getAndIncrement();
        if (closed || n >= count) {
            return null;
        }
        beforeReturning(n);
        return TestMessages.request(first + n);
    }

    /** Messages not yet read. */
    int left() {
        return Math.max(0, count - next.get());
    }

    /** Hook for tests that pace the input. */
    void beforeReturning(int index) throws InterruptedException {
    }

    @Override
    public boolean live() {
        return live;
    }

    @Override
    public void close() {
        closed = true;
    }
}
