package dev.shadowtap.io.kafka;

import dev.shadowtap.core.Log;
import dev.shadowtap.core.Reason;
import dev.shadowtap.core.SessionKey;
import dev.shadowtap.core.StageStats;
import dev.shadowtap.gor.GorRecord;
import dev.shadowtap.pipeline.Message;
import dev.shadowtap.pipeline.MessageType;
import org.apache.kafka.clients.consumer.ConsumerRecord;
import org.apache.kafka.clients.consumer.KafkaConsumer;
import org.apache.kafka.common.TopicPartition;
import org.apache.kafka.common.serialization.ByteArrayDeserializer;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.extension.ExtendWith;

import java.net.ServerSocket;
import java.nio.charset.StandardCharsets;
import java.time.Duration;
import java.util.ArrayList;
import java.util.HashMap;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;
import java.util.concurrent.CopyOnWriteArrayList;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;

/** The Kafka output and input against a real broker: records go in and come back byte for byte. */
@ExtendWith(KafkaBroker.class)
class KafkaRoundTripTest {
    private static final Duration WAIT = Duration.ofSeconds(20);

    /** Requests and responses of several recorded connections, binary payloads, a 3-field header. */
    static List<Message> recording(int connections, int exchanges) {
        List<Message> out = new ArrayList<>();
        long ts = 1_700_000_000_000_000_000L;
        for (int e = 0; e < exchanges; e++) {
            for (int c = 0; c < connections; c++) {
                String id = String.format("%04x%04x%08x%08x", 40000 + c, 80, 0x7f000001, e);
                byte[] body = new byte[e % 7 * 50];
                for (int i = 0; i < body.length; i++) {
                    body[i] = (byte) (i * 31 + c);
                }
                byte[] head = ("POST /c" + c + "/e" + e + " HTTP/1.1\r\nHost: x\r\nContent-Length: " + body.length
                        + "\r\n\r\n").getBytes(StandardCharsets.ISO_8859_1);
                byte[] request = new byte[head.length + body.length];
                System.arraycopy(head, 0, request, 0, head.length);
                System.arraycopy(body, 0, request, head.length, body.length);
                long latency = (c + e) % 5 == 0 ? Message.NO_LATENCY : 1000L + c;
                out.add(new Message(MessageType.REQUEST, id, ts++, latency, request));
                out.add(new Message(MessageType.RESPONSE, id, ts++, 2000L,
                        "HTTP/1.1 204 No Content\r\n\r\n".getBytes(StandardCharsets.ISO_8859_1)));
            }
        }
        return out;
    }

    @Test
    void aRecordingWrittenToATopicIsReadBackByteForByte() throws Exception {
        String topic = KafkaBroker.newTopic(3);
        KafkaTarget target = new KafkaTarget(List.of(KafkaBroker.bootstrap()), topic);
        List<Message> sent = recording(12, 20);
        StageStats outStage = new StageStats("output-kafka");
        try (KafkaOutput output = KafkaOutput.open(KafkaOutputConfig.of(target, KafkaFormat.RAW), outStage, Log.SILENT)) {
            for (Message m : sent) {
                output.write(m);
            }
        }
        assertThat(outStage.droppedTotal()).isZero();

        List<Message> read = new ArrayList<>();
        try (KafkaInput input = KafkaInput.open(raw(target, KafkaStart.OLDEST, WAIT), new StageStats("in"), Log.SILENT)) {
            while (read.size() < sent.size()) {
                read.add(input.read());
            }
        }
        // the same records, byte for byte; each connection's in the order it was written
        assertThat(read.stream().map(m -> new String(GorRecord.bytes(m), StandardCharsets.ISO_8859_1)))
                .containsExactlyInAnyOrderElementsOf(sent.stream()
                        .map(m -> new String(GorRecord.bytes(m), StandardCharsets.ISO_8859_1)).toList());
        assertThat(bySession(read)).isEqualTo(bySession(sent));
    }

    @Test
    void theKeyIsTheSessionSoAConnectionStaysInOnePartitionAndTheValueIsGoReplaysRawForm() throws Exception {
        String topic = KafkaBroker.newTopic(4);
        KafkaTarget target = new KafkaTarget(List.of(KafkaBroker.bootstrap()), topic);
        List<Message> sent = recording(10, 6);
        try (KafkaOutput output = KafkaOutput.open(KafkaOutputConfig.of(target, KafkaFormat.RAW), new StageStats("o"), Log.SILENT)) {
            for (Message m : sent) {
                output.write(m);
            }
        }
        Map<String, Integer> partitionOfSession = new HashMap<>();
        List<ConsumerRecord<byte[], byte[]>> records = consumeAll(topic, 4, sent.size());
        for (ConsumerRecord<byte[], byte[]> r : records) {
            String key = new String(r.key(), StandardCharsets.ISO_8859_1);
            String value = new String(r.value(), StandardCharsets.ISO_8859_1);
            String id = value.split(" ", 3)[1];
            assertThat(key).isEqualTo(SessionKey.of(id)).hasSize(16);
            assertThat(value).matches("(?s)[12] [0-9a-f]{24} \\d+( \\d+)?\\n(POST|HTTP/1\\.1) .*");
            Integer before = partitionOfSession.putIfAbsent(key, r.partition());
            assertThat(before == null || before == r.partition()).as("session %s in one partition", key).isTrue();
        }
        assertThat(partitionOfSession).hasSize(10);
        assertThat(partitionOfSession.values().stream().distinct().count()).isGreaterThan(1);
    }

    @Test
    void aLiveInputReadsWhatIsWrittenAfterItOpenedAndNothingBefore() throws Exception {
        String topic = KafkaBroker.newTopic(2);
        KafkaTarget target = new KafkaTarget(List.of(KafkaBroker.bootstrap()), topic);
        List<Message> before = recording(2, 2);
        List<Message> after = recording(3, 3).stream().map(m -> m.withTimestamp(m.timestampNs() + 1)).toList();
        KafkaOutputConfig config = KafkaOutputConfig.of(target, KafkaFormat.RAW);
        try (KafkaOutput output = KafkaOutput.open(config, new StageStats("o"), Log.SILENT)) {
            for (Message m : before) {
                output.write(m);
            }
        }
        try (KafkaInput input = KafkaInput.open(raw(target, KafkaStart.NEWEST, WAIT), new StageStats("in"), Log.SILENT)) {
            try (KafkaOutput output = KafkaOutput.open(config, new StageStats("o"), Log.SILENT)) {
                for (Message m : after) {
                    output.write(m);
                }
            }
            List<Message> read = new ArrayList<>();
            while (read.size() < after.size()) {
                read.add(input.read());
            }
            assertThat(read).containsExactlyInAnyOrderElementsOf(after);
        }
    }

    @Test
    void aMessageOverTheLimitIsCountedAndNamedOnceTheOthersGetThrough() throws Exception {
        String topic = KafkaBroker.newTopic(1);
        KafkaTarget target = new KafkaTarget(List.of(KafkaBroker.bootstrap()), topic);
        List<String> warnings = new CopyOnWriteArrayList<>();
        StageStats stage = new StageStats("output-kafka");
        byte[] big = new byte[3 << 20];
        try (KafkaOutput output = KafkaOutput.open(KafkaOutputConfig.of(target, KafkaFormat.RAW), stage, warningsTo(warnings))) {
            output.write(new Message(MessageType.REQUEST, "0000000000000000000000a1", 1, 1, big));
            output.write(new Message(MessageType.REQUEST, "0000000000000000000000a2", 2, 1, "GET / HTTP/1.1\r\n\r\n".getBytes()));
            output.write(new Message(MessageType.REQUEST, "0000000000000000000000a3", 3, 1, big));
        }
        assertThat(stage.dropped(Reason.TOO_LARGE)).isEqualTo(2);
        assertThat(warnings).hasSize(1);
        assertThat(warnings.getFirst()).contains("'1 0000000000000000000000a1 1 1'").contains("too-large");
        assertThat(consumeAll(topic, 1, 1)).hasSize(1);
    }

    @Test
    void withNoBrokerTheOutputNeitherBlocksNorLosesCountThemAsKafkaUnavailable() throws Exception {
        int port;
        try (ServerSocket s = new ServerSocket(0)) {
            port = s.getLocalPort(); // closed again: nothing listens there
        }
        KafkaTarget target = new KafkaTarget(List.of("127.0.0.1:" + port), "nowhere");
        KafkaOutputConfig config = new KafkaOutputConfig(target, KafkaFormat.RAW, 1 << 20, Duration.ofMillis(20), Duration.ofSeconds(2),
                Duration.ofMillis(100), Duration.ofMillis(200));
        List<String> warnings = new CopyOnWriteArrayList<>();
        StageStats stage = new StageStats("output-kafka");
        try (KafkaOutput output = KafkaOutput.open(config, stage, warningsTo(warnings))) {
            for (Message m : recording(2, 2)) {
                output.write(m);
            }
        }
        assertThat(stage.dropped(Reason.KAFKA_UNAVAILABLE)).isEqualTo(8);
        // the lack of a broker, then the first message it cost; the rest only counted
        assertThat(warnings).hasSize(2);
        assertThat(warnings.get(0)).contains("no broker answered");
        assertThat(warnings.get(1)).contains("was not delivered").endsWith("such messages are counted as kafka-unavailable");
    }

    @Test
    void anInputOnAnUnreachableBrokerFailsInOneLineNamingTheFlag() throws Exception {
        int port;
        try (ServerSocket s = new ServerSocket(0)) {
            port = s.getLocalPort();
        }
        KafkaTarget target = new KafkaTarget(List.of("127.0.0.1:" + port), "t");
        assertThatThrownBy(() -> KafkaInput.open(raw(target, KafkaStart.OLDEST, Duration.ofSeconds(1)), new StageStats("in"), Log.SILENT))
                .hasMessage("--input-kafka-host 127.0.0.1:" + port + ": no broker answered within 1 s (topic 't')");
    }

    @Test
    void aMessageThatIsNotARecordIsCountedAndSkipped() throws Exception {
        String topic = KafkaBroker.newTopic(1);
        KafkaTarget target = new KafkaTarget(List.of(KafkaBroker.bootstrap()), topic);
        try (var producer = new org.apache.kafka.clients.producer.KafkaProducer<byte[], byte[]>(
                Map.of("bootstrap.servers", KafkaBroker.bootstrap()),
                new org.apache.kafka.common.serialization.ByteArraySerializer(),
                new org.apache.kafka.common.serialization.ByteArraySerializer())) {
            producer.send(new org.apache.kafka.clients.producer.ProducerRecord<>(topic, "no header".getBytes()));
            producer.send(new org.apache.kafka.clients.producer.ProducerRecord<>(topic,
                    GorRecord.bytes(recording(1, 1).getFirst())));
        }
        List<String> warnings = new CopyOnWriteArrayList<>();
        StageStats stage = new StageStats("in");
        try (KafkaInput input = KafkaInput.open(raw(target, KafkaStart.OLDEST, WAIT), stage, warningsTo(warnings))) {
            assertThat(input.read()).isEqualTo(recording(1, 1).getFirst());
        }
        assertThat(stage.dropped(Reason.BAD_HEADER)).isEqualTo(1);
        assertThat(warnings).singleElement().asString().contains("partition 0 offset 0 is not a record");
    }

    private static Map<String, List<String>> bySession(List<Message> messages) {
        Map<String, List<String>> out = new LinkedHashMap<>();
        for (Message m : messages) {
            out.computeIfAbsent(SessionKey.of(m.id()), k -> new ArrayList<>()).add(m.header());
        }
        return new HashMap<>(out);
    }

    private static List<ConsumerRecord<byte[], byte[]>> consumeAll(String topic, int partitions, int count) {
        List<ConsumerRecord<byte[], byte[]>> out = new ArrayList<>();
        try (KafkaConsumer<byte[], byte[]> c = new KafkaConsumer<>(Map.of("bootstrap.servers", KafkaBroker.bootstrap()),
                new ByteArrayDeserializer(), new ByteArrayDeserializer())) {
            List<TopicPartition> tps = new ArrayList<>();
            for (int p = 0; p < partitions; p++) {
                tps.add(new TopicPartition(topic, p));
            }
            c.assign(tps);
            c.seekToBeginning(tps);
            long deadline = System.nanoTime() + WAIT.toNanos();
            while (out.size() < count && System.nanoTime() < deadline) {
                c.poll(Duration.ofMillis(200)).forEach(out::add);
            }
        }
        return out;
    }

    private static KafkaInputConfig raw(KafkaTarget target, KafkaStart start, Duration wait) {
        return new KafkaInputConfig(target, KafkaFormat.RAW, start, 0, wait);
    }

    private static Log warningsTo(List<String> warnings) {
        return new Log() {
            @Override
            public void warn(String line) {
                warnings.add(line);
            }

            @Override
            public void info(String line) {
            }
        };
    }
}
