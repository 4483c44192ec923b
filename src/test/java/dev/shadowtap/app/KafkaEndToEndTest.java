package dev.shadowtap.app;

import dev.shadowtap.io.kafka.KafkaBroker;
import dev.shadowtap.pipeline.Message;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.extension.ExtendWith;
import org.junit.jupiter.api.io.TempDir;

import java.nio.file.Files;
import java.nio.file.Path;
import java.util.List;

import static org.assertj.core.api.Assertions.assertThat;

/** The command line's Kafka output and input on a real broker: a recording goes through a topic unchanged. */
@ExtendWith(KafkaBroker.class)
class KafkaEndToEndTest {
    @TempDir
    Path dir;

    @Test
    void aRecordingWrittenToATopicAndReadBackIsTheSameFileByteForByte() throws Exception {
        String topic = KafkaBroker.newTopic(1);
        List<Message> records = Gor.records(300, 1, 17);
        Path in = Gor.write(dir.resolve("in.gor"), records);

        Run write = Run.of("--input-file", in.toString(), "--output-kafka-host", KafkaBroker.bootstrap(),
                "--output-kafka-topic", topic, "--stats");
        assertThat(write.status()).as(write.err()).isZero();
        assertThat(write.err()).contains("output-kafka " + KafkaBroker.bootstrap() + "/" + topic).contains("300 msgs").contains("0 messages dropped in all");

        Path out = dir.resolve("out.gor");
        // the records are 1 ms apart: at 1000% the 300 take about 30 ms; the input never ends by itself
        Run read = Run.of("--input-kafka-host", KafkaBroker.bootstrap(), "--input-kafka-topic", topic,
                "--input-kafka-offset", "-2|1000%", "--output-file", out.toString(), "--output-file-append", "--exit-after", "4s");
        assertThat(read.status()).as(read.err()).isZero();
        assertThat(Gor.read(out)).isEqualTo(records);
        assertThat(Files.readAllBytes(out)).isEqualTo(Files.readAllBytes(in));
    }

    @Test
    void aKafkaSideWithoutItsTopicIsRefusedInOneLine() {
        Run run = Run.of("--input-file", "x.gor", "--output-kafka-host", "127.0.0.1:9092");
        assertThat(run.status()).isNotZero();
        assertThat(run.err().strip()).endsWith("--output-kafka-host needs --output-kafka-topic").doesNotContain("\n");
    }
}
