import org.apache.kafka.clients.admin.Admin;
import org.apache.kafka.clients.admin.NewTopic;
import org.apache.kafka.clients.consumer.ConsumerRecord;
import org.apache.kafka.clients.consumer.KafkaConsumer;
import org.apache.kafka.clients.producer.KafkaProducer;
import org.apache.kafka.clients.producer.ProducerRecord;
import org.apache.kafka.common.TopicPartition;
import org.apache.kafka.common.serialization.ByteArrayDeserializer;
import org.apache.kafka.common.serialization.ByteArraySerializer;

import java.io.BufferedOutputStream;
import java.io.OutputStream;
import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.nio.file.Path;
import java.time.Duration;
import java.util.Arrays;
import java.util.List;
import java.util.Map;
import java.util.concurrent.atomic.AtomicLong;

/**
 * The least a kafka-clients program does to move a .gor file's records to a topic and back, for
 * bench/kafka/run to set shadowtap beside: the client's default settings, the same messages as
 * shadowtap's raw form (value = header line, newline, payload; key = the record's session).
 *
 * <pre>
 *   create BOOTSTRAP TOPIC PARTITIONS
 *   produce BOOTSTRAP TOPIC FILE      every record of the .gor file; prints the count
 *   consume BOOTSTRAP TOPIC COUNT     the first COUNT messages from the oldest, to stdout in .gor form
 *   count BOOTSTRAP TOPIC             messages in the topic
 * </pre>
 */
public class MinimalKafka {
    static final byte[] SEP = "\n\uD83D\uDC35\uD83D\uDE48\uD83D\uDE49\n".getBytes(StandardCharsets.UTF_8);

    public static void main(String[] args) throws Exception {
        String bootstrap = args[1];
        String topic = args[2];
        switch (args[0]) {
            case "create" -> {
                try (Admin admin = Admin.create(Map.of("bootstrap.servers", bootstrap))) {
                    admin.createTopics(List.of(new NewTopic(topic, Integer.parseInt(args[3]), (short) 1))).all().get();
                }
            }
            case "produce" -> produce(bootstrap, topic, Path.of(args[3]));
            case "consume" -> consume(bootstrap, topic, Long.parseLong(args[3]));
            case "count" -> {
                try (KafkaConsumer<byte[], byte[]> c = consumer(bootstrap)) {
                    List<TopicPartition> ps = partitions(c, topic);
                    long n = 0;
                    Map<TopicPartition, Long> begin = c.beginningOffsets(ps);
                    for (var e : c.endOffsets(ps).entrySet()) {
                        n += e.getValue() - begin.get(e.getKey());
                    }
                    System.out.println(n);
                }
            }
            default -> throw new IllegalArgumentException(args[0]);
        }
    }

    static void produce(String bootstrap, String topic, Path file) throws Exception {
        byte[] all = Files.readAllBytes(file);
        AtomicLong failed = new AtomicLong();
        long sent = 0;
        try (KafkaProducer<byte[], byte[]> producer = new KafkaProducer<>(Map.of("bootstrap.servers", bootstrap),
                new ByteArraySerializer(), new ByteArraySerializer())) {
            int start = 0;
            while (start < all.length) {
                int end = indexOf(all, SEP, start);
                if (end < 0) {
                    end = all.length;
                }
                byte[] value = Arrays.copyOfRange(all, start, end);
                int line = indexOf(value, new byte[] {'\n'}, 0);
                String id = new String(value, 0, line, StandardCharsets.US_ASCII).split(" ")[1];
                byte[] key = (id.length() == 24 ? id.substring(0, 16) : id).getBytes(StandardCharsets.US_ASCII);
                producer.send(new ProducerRecord<>(topic, key, value), (m, e) -> {
                    if (e != null) {
                        failed.incrementAndGet();
                    }
                });
                sent++;
                start = end + SEP.length;
            }
        }
        System.out.println(sent + " sent, " + failed.get() + " failed");
    }

    static void consume(String bootstrap, String topic, long count) throws Exception {
        OutputStream out = new BufferedOutputStream(System.out, 1 << 16);
        long n = 0;
        try (KafkaConsumer<byte[], byte[]> c = consumer(bootstrap)) {
            List<TopicPartition> ps = partitions(c, topic);
            c.assign(ps);
            c.seekToBeginning(ps);
            while (n < count) {
                for (ConsumerRecord<byte[], byte[]> r : c.poll(Duration.ofMillis(500))) {
                    out.write(r.value());
                    out.write(SEP);
                    n++;
                }
            }
        }
        out.flush();
    }

    static KafkaConsumer<byte[], byte[]> consumer(String bootstrap) {
        return new KafkaConsumer<>(Map.of("bootstrap.servers", bootstrap, "enable.auto.commit", "false"),
                new ByteArrayDeserializer(), new ByteArrayDeserializer());
    }

    static List<TopicPartition> partitions(KafkaConsumer<byte[], byte[]> c, String topic) {
        return c.partitionsFor(topic, Duration.ofSeconds(30)).stream().map(p -> new TopicPartition(topic, p.partition())).toList();
    }

    static int indexOf(byte[] a, byte[] b, int from) {
        outer:
        for (int i = from; i <= a.length - b.length; i++) {
            for (int j = 0; j < b.length; j++) {
                if (a[i + j] != b[j]) {
                    continue outer;
                }
            }
            return i;
        }
        return -1;
    }
}
