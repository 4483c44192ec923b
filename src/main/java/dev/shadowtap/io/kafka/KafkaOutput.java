package dev.shadowtap.io.kafka;

import dev.shadowtap.core.LinkDetail;
import dev.shadowtap.core.Log;
import dev.shadowtap.core.Reason;
import dev.shadowtap.core.SessionKey;
import dev.shadowtap.core.StageStats;
import dev.shadowtap.pipeline.DeliveryLosses;
import dev.shadowtap.gor.GorRecord;
import dev.shadowtap.pipeline.Message;
import dev.shadowtap.pipeline.Output;
import org.apache.kafka.clients.producer.KafkaProducer;
import org.apache.kafka.clients.producer.ProducerRecord;
import org.apache.kafka.common.KafkaException;
import org.apache.kafka.common.serialization.ByteArraySerializer;

import java.io.IOException;
import java.nio.charset.StandardCharsets;
import java.time.Duration;
import java.util.Properties;

/**
 * {@code --output-kafka-host}/{@code --output-kafka-topic}: each message becomes one Kafka message in
 * GoReplay's raw form (the value is the record's header line, a newline and the payload), or with
 * {@code --output-kafka-json-format} each request in its JSON form ({@link KafkaJson}; responses are
 * skipped as {@code not-a-request}), whose key is
 * the record's session ({@link SessionKey}), so a recorded connection's messages share a partition,
 * in order. The producer is idempotent with {@code acks=all}, batches and compresses with lz4; its
 * buffer is bounded and a send waits at most {@link KafkaOutputConfig#maxBlock()}, so the output's
 * worker (and the capture before it) never waits on an unreachable broker: what does not fit is
 * counted by {@link DeliveryFailures}. {@link #close()} waits for what is buffered to be delivered,
 * up to {@link KafkaOutputConfig#closeTimeout()}, and counts the rest.
 */
public final class KafkaOutput implements Output, DeliveryLosses {
    private final KafkaOutputConfig config;
    private final KafkaProducer<byte[], byte[]> producer;
    private final DeliveryFailures failures;
    private final StageStats stage;
    private final BrokerWatch watch;
    private final Thread watcher;

    private KafkaOutput(KafkaOutputConfig config, KafkaProducer<byte[], byte[]> producer, StageStats stage, Log log,
                        Duration quiet) {
        this.config = config;
        this.producer = producer;
        this.stage = stage;
        this.failures = new DeliveryFailures(stage, log, "output-kafka " + config.target().describe());
        this.watch = new BrokerWatch("output-kafka " + config.target().describe(), log, quiet, System.nanoTime());
        long tick = Math.max(50, quiet.toMillis() / 5);
        this.watcher = Thread.ofVirtual().name("output-kafka watch").start(() -> {
            try {
                while (true) {
                    Thread.sleep(tick);
                    watch.tick(System.nanoTime());
                }
            } catch (InterruptedException e) {
                // closed
            }
        });
    }

    /** How the brokers stand, for the live views: taking messages or not, messages not yet acknowledged. */
    public LinkDetail link() {
        return LinkDetail.of(stage, () -> {
            long quiet = watch.quietSeconds(System.nanoTime());
            return new LinkDetail.State("kafka-out", quiet > 0 ? 0 : 1, 1, watch.waiting(),
                    quiet > 0 ? "no broker has taken a message for " + quiet + " s" : "");
        });
    }

    /**
     * Creates the producer and asks the brokers for the topic's partitions for up to
     * {@link KafkaOutputConfig#connectWait()}; brokers that do not answer by then are only reported
     * (kafka-clients buffers only for a topic whose partitions it knows: until then sends are counted).
     */
    public static KafkaOutput open(KafkaOutputConfig config, StageStats stage, Log log) throws IOException {
        return open(config, stage, log, BrokerWatch.QUIET);
    }

    /** {@code quiet}: how long the brokers may take nothing, with messages waiting, before it is said. */
    static KafkaOutput open(KafkaOutputConfig config, StageStats stage, Log log, Duration quiet) throws IOException {
        String name = "output-kafka " + config.target().describe();
        KafkaProducer<byte[], byte[]> producer;
        try {
            producer = new KafkaProducer<>(producerProperties(config), new ByteArraySerializer(), new ByteArraySerializer());
        } catch (KafkaException e) {
            throw new IOException("--output-kafka-host " + String.join(",", config.target().hosts()) + ": "
                    + rootMessage(e));
        }
        KafkaOutput output = new KafkaOutput(config, producer, stage, log, quiet);
        boolean answered;
        try {
            answered = output.awaitMetadata();
        } catch (IOException e) {
            producer.close(Duration.ZERO);
            output.watcher.interrupt();
            throw e;
        }
        if (!answered) {
            log.warn(name + ": no broker answered within " + config.connectWait().toMillis() + " ms"
                    + (config.target().tls().isPresent() ? " (over TLS: is it the broker's TLS listener?)" : "")
                    + "; until one names the topic's partitions messages are counted as kafka-unavailable, then they wait"
                    + " in a buffer of " + (config.bufferBytes() >> 20) + " MB");
        }
        return output;
    }

    static Properties producerProperties(KafkaOutputConfig config) {
        Properties p = config.target().clientProperties("shadowtap-output");
        p.put("enable.idempotence", "true");
        p.put("acks", "all");
        p.put("compression.type", "lz4");
        p.put("linger.ms", "5");
        // a batch takes its full size from the buffer while it fills and until a broker acknowledges it:
        // at most a sixteenth, so that a small buffer still holds batches for several partitions
        p.put("batch.size", String.valueOf(Math.clamp(config.bufferBytes() / 16, 16 * 1024, 128 * 1024)));
        p.put("buffer.memory", String.valueOf(config.bufferBytes()));
        // kafka-clients 4 forgets the cluster when no broker answers ("rebootstrap"), and then refuses every send
        // for want of the topic's partitions: keeping them lets the buffer fill while the brokers are away
        p.put("metadata.recovery.strategy", "none");
        p.put("max.block.ms", String.valueOf(config.maxBlock().toMillis()));
        p.put("delivery.timeout.ms", String.valueOf(config.deliveryTimeout().toMillis()));
        // the client refuses a delivery timeout below linger + request timeout
        p.put("request.timeout.ms", String.valueOf(Math.max(1, Math.min(30_000, config.deliveryTimeout().toMillis() - 5))));
        return p;
    }

    private boolean awaitMetadata() throws IOException {
        long deadline = System.nanoTime() + config.connectWait().toNanos();
        while (true) {
            try {
                return !producer.partitionsFor(config.target().topic()).isEmpty();
            } catch (org.apache.kafka.common.errors.AuthenticationException e) {
                throw new IOException("--output-kafka-host " + String.join(",", config.target().hosts())
                        + ": " + KafkaRefusal.describe(e));
            } catch (KafkaException e) {
                // a timeout (max.block.ms) while the metadata request goes on in the background
                if (System.nanoTime() - deadline >= 0) {
                    return false;
                }
            }
        }
    }

    @Override
    public void write(Message message) {
        byte[] value;
        if (config.format() == KafkaFormat.JSON) {
            if (!message.isRequest()) {
                stage.skipped(Reason.NOT_A_REQUEST); // GoReplay's JSON form describes requests only
                return;
            }
            value = KafkaJson.encode(message);
        } else {
            value = GorRecord.bytes(message);
        }
        byte[] key = SessionKey.of(message.id()).getBytes(StandardCharsets.ISO_8859_1);
        try {
            watch.handed();
            producer.send(new ProducerRecord<>(config.target().topic(), key, value), (metadata, e) -> {
                watch.settled(System.nanoTime());
                if (e != null) {
                    failures.failed(e, describe(message, value.length));
                }
            });
        } catch (KafkaException | IllegalStateException e) {
            watch.settled(System.nanoTime());
            failures.failed(e, describe(message, value.length));
        }
    }

    private static String describe(Message message, int size) {
        return "'" + message.header() + "' (" + size + " bytes)";
    }

    @Override
    public void close() {
        producer.close(config.closeTimeout());
        watcher.interrupt();
    }

    private static String rootMessage(Throwable e) {
        Throwable t = e;
        while (t.getCause() != null && t.getCause() != t) {
            t = t.getCause();
        }
        return t.getMessage() != null ? t.getMessage() : t.getClass().getSimpleName();
    }

    @Override
    public java.util.Optional<String> lossLine() {
        long unavailable = stage.dropped(Reason.KAFKA_UNAVAILABLE);
        long tooLarge = stage.dropped(Reason.TOO_LARGE);
        long failed = stage.dropped(Reason.WRITE_ERROR);
        long lost = unavailable + tooLarge + failed;
        return lost == 0 ? java.util.Optional.empty() : java.util.Optional.of("output-kafka "
                + String.join(",", config.target().hosts()) + " topic " + config.target().topic() + ": " + lost
                + " message(s) not delivered (kafka-unavailable " + unavailable + ", too-large " + tooLarge
                + ", write-error " + failed + ")");
    }
}
