package dev.shadowtap.io.kafka;

import java.time.Duration;
import java.util.Objects;

/**
 * A Kafka input's settings: where, in which form, where on each partition it starts, the speed it
 * plays at by the records' timestamps (1.0 as recorded; 0 or less: not paced), and how long opening
 * waits for a broker to name the topic's partitions.
 */
public record KafkaInputConfig(KafkaTarget target, KafkaFormat format, KafkaStart start, double speed,
                               Duration openWait) {
    public KafkaInputConfig {
        Objects.requireNonNull(target, "target");
        Objects.requireNonNull(format, "format");
        Objects.requireNonNull(start, "start");
        Objects.requireNonNull(openWait, "openWait");
    }
}
