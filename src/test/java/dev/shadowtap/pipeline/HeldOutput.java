package dev.shadowtap.pipeline;

import java.io.IOException;
import java.util.concurrent.CountDownLatch;

/**
 * An output held in its first write until a live input has offered all its messages, so that what a
 * full queue drops is exact: {@link #output()} is the held output, {@link #input} the paced input.
 */
final class HeldOutput {
    private final CountDownLatch inWrite = new CountDownLatch(1);
    private final CountDownLatch release = new CountDownLatch(1);
    private final RecordingOutput output = new RecordingOutput() {
        @Override
        public void write(Message message) throws IOException, InterruptedException {
            inWrite.countDown();
            release.await();
            super.write(message);
        }
    };

    RecordingOutput output() {
        return output;
    }

    /** A live input of {@code count} requests: its second waits until the output is in its write; its end releases it. */
    ListInput input(int count) {
        return new ListInput(0, count, true) {
            @Override
            void beforeReturning(int index) throws InterruptedException {
                if (index == 1) {
                    inWrite.await();
                }
            }

            @Override
            public Message read() throws InterruptedException {
                Message m = super.read();
                if (m == null) {
                    release.countDown();
                }
                return m;
            }
        };
    }
}
