package dev.shadowtap.io.kafka;

import java.time.Duration;

/**
 * The Kafka output's form and producer bounds: its buffer, how long a send may wait for room or metadata, how long
 * a message may wait for a broker, how long opening waits for the first answer, and closing for delivery.
 */
public record KafkaOutputConfig(KafkaTarget target, KafkaFormat format, long bufferBytes, Duration maxBlock, Duration deliveryTimeout,
                                Duration connectWait, Duration closeTimeout) {
    public static KafkaOutputConfig of(KafkaTarget target, KafkaFormat format) {
        return new KafkaOutputConfig(target, format, 64L << 20, Duration.ofMillis(50), Duration.ofMinutes(2),
                Duration.ofSeconds(5), Duration.ofSeconds(30));
    }
}
