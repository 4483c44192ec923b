package dev.shadowtap.io.tcp;

import dev.shadowtap.core.RecordingLog;
import org.junit.jupiter.api.RepeatedTest;

import java.util.ArrayList;
import java.util.List;
import java.util.concurrent.CountDownLatch;

import static org.assertj.core.api.Assertions.assertThat;

/**
 * Refusals of one host arriving at once, on the connections' own threads: one line says so, whatever
 * the timing (a check and a put apart once let two simultaneous handshakes both log); another host
 * gets its own line.
 */
class RefusalLogTest {
    @RepeatedTest(20)
    void simultaneousRefusalsOfOneHostAreLoggedOnce() throws Exception {
        RecordingLog log = new RecordingLog();
        RefusalLog refusals = new RefusalLog(log);
        CountDownLatch start = new CountDownLatch(1);
        List<Thread> threads = new ArrayList<>();
        for (int i = 0; i < 16; i++) {
            int n = i;
            threads.add(Thread.ofPlatform().start(() -> {
                try {
                    start.await();
                } catch (InterruptedException e) {
                    return;
                }
                refusals.refused("10.0.0.1", "refused 10.0.0.1:" + (40000 + n));
            }));
        }
        start.countDown();
        for (Thread t : threads) {
            t.join();
        }
        refusals.refused("10.0.0.2", "refused 10.0.0.2:40000");

        assertThat(log.warnings().stream().filter(l -> l.startsWith("refused 10.0.0.1:"))).hasSize(1);
        assertThat(log.warnings().stream().filter(l -> l.startsWith("refused 10.0.0.2:"))).singleElement()
                .asString().endsWith("(further refusals of this host within a minute are counted, not logged)");
    }
}
