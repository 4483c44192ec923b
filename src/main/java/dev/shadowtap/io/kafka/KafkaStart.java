package dev.shadowtap.io.kafka;

/**
 * Where a Kafka input without a group starts on every partition ({@code --input-kafka-offset}): the
 * newest end ({@code -1}, only what comes from now on), the oldest message ({@code -2}) or an offset.
 */
public record KafkaStart(long offset) {
    public static final KafkaStart NEWEST = new KafkaStart(-1);
    public static final KafkaStart OLDEST = new KafkaStart(-2);

    public KafkaStart {
        if (offset < -2) {
            throw new IllegalArgumentException("a Kafka offset is -1, -2 or 0 and above, got " + offset);
        }
    }

    /** Whether the input reads live: GoReplay paces only the other starts by their timestamps. */
    public boolean live() {
        return offset == -1;
    }
}
