package dev.shadowtap.io;

import dev.shadowtap.pipeline.Message;
import dev.shadowtap.pipeline.MessageType;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.Timeout;

import java.nio.charset.StandardCharsets;
import java.time.Duration;
import java.time.Instant;
import java.util.HashSet;
import java.util.Set;
import java.util.SplittableRandom;

import static org.assertj.core.api.Assertions.assertThat;

@Timeout(10)
class DummyInputTest {
    @Test
    void emitsAGetRequestEveryIntervalWithAFreshIdAndTheCurrentTimeEachFollowedByItsResponse() throws Exception {
        DummyInput input = new DummyInput(Duration.ofMillis(50), new SplittableRandom(9));
        long started = System.nanoTime();
        Set<String> ids = new HashSet<>();
        for (int i = 0; i < 10; i++) {
            long before = Instant.now().toEpochMilli() * 1_000_000L;
            Message m = input.read();
            assertThat(m.type()).isEqualTo(MessageType.REQUEST);
            assertThat(m.id()).matches("[0-9a-f]{24}");
            assertThat(m.timestampNs()).isBetween(before, before + 1_000_000_000L);
            assertThat(new String(m.payload(), StandardCharsets.US_ASCII))
                    .startsWith("GET / HTTP/1.1\r\n").contains("\r\nHost: localhost\r\n")
                    .contains("\r\nUser-Agent: ").endsWith("\r\n\r\n");
            // GoReplay's input_dummy.go: '1 <id> <now> -1', then '2 <id> <now+1> 1' with an empty 200
            assertThat(m.header()).isEqualTo("1 " + m.id() + " " + m.timestampNs() + " -1");
            Message response = input.read();
            assertThat(response.header()).isEqualTo("2 " + m.id() + " " + (m.timestampNs() + 1) + " 1");
            assertThat(new String(response.payload(), StandardCharsets.US_ASCII))
                    .isEqualTo("HTTP/1.1 200 OK\r\nContent-Length: 0\r\n\r\n");
            ids.add(m.id());
        }
        long elapsedMs = (System.nanoTime() - started) / 1_000_000;
        assertThat(elapsedMs).isBetween(480L, 1_500L); // ten ticks of 50 ms, fixed rate
        assertThat(ids).hasSize(10);
        assertThat(input.live()).isTrue();
    }

    @Test
    void closeEndsABlockedRead() throws Exception {
        DummyInput input = new DummyInput(Duration.ofHours(1), new SplittableRandom(1));
        Thread closer = Thread.ofVirtual().start(() -> {
            try {
                Thread.sleep(100);
            } catch (InterruptedException e) {
                return;
            }
            input.close();
        });
        long started = System.nanoTime();
        assertThat(input.read()).isNull();
        assertThat(System.nanoTime() - started).isLessThan(2_000_000_000L);
        assertThat(input.read()).isNull();
        closer.join();
    }
}
