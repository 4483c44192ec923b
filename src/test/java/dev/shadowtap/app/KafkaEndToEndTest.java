package dev.shadowtap.app;

import com.sun.net.httpserver.HttpServer;
import dev.shadowtap.io.kafka.KafkaBroker;
import dev.shadowtap.pipeline.Message;
import dev.shadowtap.pipeline.MessageType;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.extension.ExtendWith;
import org.junit.jupiter.api.io.TempDir;

import java.net.InetSocketAddress;
import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.ArrayList;
import java.util.List;
import java.util.concurrent.CopyOnWriteArrayList;

import static org.assertj.core.api.Assertions.assertThat;

/**
 * The command line's Kafka output and input on a real broker: a recording goes through a topic unchanged
 * (raw form), and GoReplay's JSON form replays to a real HTTP server.
 */
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
    void theJsonFormCarriesGoReplaysFieldsAndReplaysToARealHttpServer() throws Exception {
        String topic = KafkaBroker.newTopic(2);
        List<Message> records = new ArrayList<>();
        for (int i = 0; i < 20; i++) {
            String id = String.format("%04x0050%08x%08x", 40000 + i % 4, 0x7f000001, i);
            String body = "{\"i\":" + i + "}";
            records.add(new Message(MessageType.REQUEST, id, 1_795_000_000_000_000_000L + i * 1_000_000L, 1,
                    ("POST /json/" + i + " HTTP/1.1\r\nHost: shop\r\nx-tag: a\r\nX-Tag: b\r\nContent-Length: "
                            + body.length() + "\r\n\r\n" + body).getBytes(StandardCharsets.US_ASCII)));
            records.add(new Message(MessageType.RESPONSE, id, 1_795_000_000_000_000_000L + i * 1_000_000L + 1, 1,
                    "HTTP/1.1 204 No Content\r\n\r\n".getBytes(StandardCharsets.US_ASCII)));
        }
        Path in = Gor.write(dir.resolve("json.gor"), records);
        Run write = Run.of("--input-file", in.toString(), "--output-kafka-host", KafkaBroker.bootstrap(),
                "--output-kafka-topic", topic, "--output-kafka-json-format", "--stats");
        assertThat(write.status()).as(write.err()).isZero();
        assertThat(write.err()).contains("skipped 20 (not-a-request 20)");

        List<String> seen = new CopyOnWriteArrayList<>();
        HttpServer server = HttpServer.create(new InetSocketAddress("127.0.0.1", 0), 0);
        server.createContext("/", exchange -> {
            seen.add(exchange.getRequestMethod() + " " + exchange.getRequestURI() + " "
                    + exchange.getRequestHeaders().get("X-Tag") + " "
                    + new String(exchange.getRequestBody().readAllBytes(), StandardCharsets.US_ASCII));
            exchange.sendResponseHeaders(204, -1);
            exchange.close();
        });
        server.start();
        try {
            Run replay = Run.of("--input-kafka-host", KafkaBroker.bootstrap(), "--input-kafka-topic", topic,
                    "--input-kafka-json-format", "--input-kafka-offset", "-2|1000%",
                    "--output-http", "http://127.0.0.1:" + server.getAddress().getPort(), "--exit-after", "4s");
            assertThat(replay.status()).as(replay.err()).isZero();
        } finally {
            server.stop(0);
        }
        List<String> expected = new ArrayList<>();
        for (int i = 0; i < 20; i++) {
            expected.add("POST /json/" + i + " [a, b] {\"i\":" + i + "}");
        }
        assertThat(seen).containsExactlyInAnyOrderElementsOf(expected);
    }

    @Test
    void aKafkaSideWithoutItsTopicIsRefusedInOneLine() {
        Run run = Run.of("--input-file", "x.gor", "--output-kafka-host", "127.0.0.1:9092");
        assertThat(run.status()).isNotZero();
        assertThat(run.err().strip()).endsWith("--output-kafka-host needs --output-kafka-topic").doesNotContain("\n");
    }
}
