package dev.shadowtap.app;

import dev.shadowtap.gor.GorRecord;
import dev.shadowtap.io.kafka.PrivateBroker;
import dev.shadowtap.io.kafka.TopicContents;
import dev.shadowtap.pipeline.Message;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;

import java.nio.charset.StandardCharsets;
import java.nio.file.Path;
import java.util.List;
import java.util.concurrent.CompletableFuture;
import java.util.concurrent.TimeUnit;

import static org.assertj.core.api.Assertions.assertThat;

/**
 * A paced recording through {@code --output-kafka-*} while the broker is stopped and started again on the same
 * port and data (its own broker): every record arrives exactly once, and the exit summary counts no loss.
 */
class KafkaBrokerRestartTest {
    @TempDir
    Path dir;

    @Test
    void aBrokerRestartedDuringTheRunLosesNothingThatFitTheBuffer() throws Exception {
        try (PrivateBroker broker = PrivateBroker.start("cli-restart")) {
            String topic = broker.newTopic(3);
            // 600 records 10 ms apart: the file input plays them over 6 s, as recorded
            List<Message> records = Gor.records(600, 10, 23);
            Path in = Gor.write(dir.resolve("in.gor"), records);
            CompletableFuture<Run> run = CompletableFuture.supplyAsync(() -> Run.of("--input-file", in.toString(),
                    "--output-kafka-host", broker.bootstrap(), "--output-kafka-topic", topic, "--stats"));
            // stopped once the output is open and delivering
            while (TopicContents.values(broker.bootstrap(), topic).size() < 50) {
                Thread.sleep(100);
            }
            broker.halt();
            assertThat(run).as("the run outlives the broker's stop").isNotDone();
            broker.resume();
            Run write = run.get(3, TimeUnit.MINUTES);

            assertThat(write.status()).as(write.err()).isZero();
            assertThat(write.err()).contains("summary output-kafka " + broker.bootstrap() + "/" + topic + ": 600 msgs")
                    .contains("0 messages dropped in all");
            List<String> delivered = TopicContents.values(broker.bootstrap(), topic).stream()
                    .map(v -> new String(v, StandardCharsets.ISO_8859_1)).toList();
            List<String> sent = records.stream().map(m -> new String(GorRecord.bytes(m), StandardCharsets.ISO_8859_1)).toList();
            // delivered (600) + counted (0) == sent: each record once, byte for byte
            assertThat(delivered).containsExactlyInAnyOrderElementsOf(sent);
        }
    }
}
