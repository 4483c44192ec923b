package dev.shadowtap.io.kafka;

import dev.shadowtap.core.Log;
import dev.shadowtap.core.Reason;
import dev.shadowtap.core.StageStats;
import dev.shadowtap.gor.GorRecord;
import dev.shadowtap.pipeline.Message;
import dev.shadowtap.pipeline.MessageType;
import org.junit.jupiter.api.AfterAll;
import org.junit.jupiter.api.BeforeAll;
import org.junit.jupiter.api.Test;

import java.nio.charset.StandardCharsets;
import java.time.Duration;
import java.util.ArrayList;
import java.util.Arrays;
import java.util.HashSet;
import java.util.List;
import java.util.Set;

import static org.assertj.core.api.Assertions.assertThat;

/**
 * The output while its broker is stopped and started again (its own broker, same port and data): what fits
 * the producer's buffer is delivered once the broker is back, exactly once; what does not is counted as
 * {@code kafka-unavailable}; delivered + counted == written.
 */
class KafkaOutputRestartTest {
    private static PrivateBroker broker;

    @BeforeAll
    static void start() {
        broker = PrivateBroker.start("restart");
    }

    @AfterAll
    static void stop() {
        if (broker != null) {
            broker.close();
        }
    }

    private static List<Message> messages(int from, int count, int size) {
        List<Message> out = new ArrayList<>();
        for (int i = from; i < from + count; i++) {
            byte[] payload = new byte[size];
            Arrays.fill(payload, (byte) ('a' + i % 26));
            byte[] head = ("POST /m/" + i + " HTTP/1.1\r\n\r\n").getBytes(StandardCharsets.US_ASCII);
            System.arraycopy(head, 0, payload, 0, head.length);
            out.add(new Message(MessageType.REQUEST, String.format("%04x0050%016x", i % 64, i),
                    1_700_000_000_000_000_000L + i, Message.NO_LATENCY, payload));
        }
        return out;
    }

    /** Writes at about 0.5 MB/s, well within what the broker takes, so that only the outage overflows the buffer. */
    private static void paced(List<Message> messages, KafkaOutput output) throws InterruptedException {
        for (Message m : messages) {
            output.write(m);
            Thread.sleep(2);
        }
    }

    private static void awaitInTopic(String topic, long count, StageStats stage) throws InterruptedException {
        long deadline = System.nanoTime() + Duration.ofSeconds(60).toNanos();
        int seen;
        while ((seen = TopicContents.values(broker.bootstrap(), topic).size()) < count) {
            assertThat(System.nanoTime() - deadline).as("%d of %d messages in the topic after 60 s (dropped %d)", seen, count, stage.droppedTotal()).isNegative();
            Thread.sleep(200);
        }
    }

    @Test
    void whatFitsTheBufferOutlivesARestartAndTheRestIsCountedExactly() throws Exception {
        String topic = broker.newTopic(2);
        KafkaTarget target = new KafkaTarget(List.of(broker.bootstrap()), topic);
        // a 256 KB buffer and 20 ms for room: an outage of 300 messages of 4 KB overflows it
        KafkaOutputConfig config = new KafkaOutputConfig(target, KafkaFormat.RAW, 256 * 1024, Duration.ofMillis(20),
                Duration.ofMinutes(2), Duration.ofSeconds(10), Duration.ofSeconds(90));
        List<Message> before = messages(0, 100, 1024);
        List<Message> during = messages(100, 300, 4096);
        List<Message> after = messages(400, 100, 1024);
        StageStats stage = new StageStats("output-kafka");
        dev.shadowtap.core.RecordingLog log = new dev.shadowtap.core.RecordingLog();
        try (KafkaOutput output = KafkaOutput.open(config, stage, log, Duration.ofSeconds(1))) {
            paced(before, output);
            awaitInTopic(topic, 100, stage);
            assertThat(stage.droppedTotal()).as("nothing lost while the broker is up").isZero();
            broker.halt();
            during.forEach(output::write);
            long overflowed = stage.dropped(Reason.KAFKA_UNAVAILABLE);
            assertThat(overflowed).as("the buffer kept some of what came during the outage").isLessThan(250);
            // the outage is said while it lasts, not only when messages time out minutes later
            long saidBy = System.nanoTime() + Duration.ofSeconds(20).toNanos();
            while (log.warnings().stream().noneMatch(l -> l.contains("no broker has taken a message for"))
                    && System.nanoTime() < saidBy) {
                Thread.sleep(100);
            }
            assertThat(log.warnings()).anyMatch(l -> l.contains("no broker has taken a message for")
                    && l.contains("message(s) wait in the buffer"));
            broker.resume();
            // what the buffer held arrives once the broker is back
            awaitInTopic(topic, 100 + 300 - overflowed, stage);
            long backBy = System.nanoTime() + Duration.ofSeconds(10).toNanos();
            while (log.infos().stream().noneMatch(l -> l.contains("the brokers take messages again"))
                    && System.nanoTime() < backBy) {
                Thread.sleep(100);
            }
            assertThat(log.infos()).anyMatch(l -> l.contains("the brokers take messages again"));
            paced(after, output);
        }
        List<byte[]> delivered = TopicContents.values(broker.bootstrap(), topic);
        long counted = stage.dropped(Reason.KAFKA_UNAVAILABLE);

        Set<String> deliveredText = new HashSet<>();
        delivered.forEach(v -> deliveredText.add(new String(v, StandardCharsets.ISO_8859_1)));
        assertThat(deliveredText).as("no message twice").hasSize(delivered.size());
        assertThat(counted).as("the outage overflowed the buffer").isPositive();
        assertThat(stage.droppedTotal()).isEqualTo(counted);
        assertThat(delivered.size() + counted).as("delivered %d + counted %d == written", delivered.size(), counted)
                .isEqualTo(500);
        // only messages written during the outage were counted; the rest all arrived
        for (Message m : before) {
            assertThat(deliveredText).contains(new String(GorRecord.bytes(m), StandardCharsets.ISO_8859_1));
        }
        for (Message m : after) {
            assertThat(deliveredText).contains(new String(GorRecord.bytes(m), StandardCharsets.ISO_8859_1));
        }
    }
}
