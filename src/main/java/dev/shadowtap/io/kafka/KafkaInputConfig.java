package dev.shadowtap.io.kafka;

import java.time.Duration;
import java.util.Objects;
import java.util.Optional;

/**
 * A Kafka input's settings: where, in which form, where on each partition it starts (with a group:
 * where a partition the group never committed starts), the speed it plays at by the records'
 * timestamps (1.0 as recorded; 0 or less: not paced), how long opening waits for a broker to name the
 * topic's partitions, and the consumer group, if any.
 */
public record KafkaInputConfig(KafkaTarget target, KafkaFormat format, KafkaStart start, double speed,
                               Duration openWait, Optional<KafkaGroup> group) {
    public KafkaInputConfig {
        Objects.requireNonNull(target, "target");
        Objects.requireNonNull(format, "format");
        Objects.requireNonNull(start, "start");
        Objects.requireNonNull(openWait, "openWait");
        Objects.requireNonNull(group, "group");
    }

    /** Without a group, as GoReplay reads. */
    public KafkaInputConfig(KafkaTarget target, KafkaFormat format, KafkaStart start, double speed, Duration openWait) {
        this(target, format, start, speed, openWait, Optional.empty());
    }
}
