package dev.shadowtap.io.kafka;

/** How a record travels in a Kafka message: GoReplay's raw form, or its JSON {@code KafkaMessage}. */
public enum KafkaFormat {
    /** The header line, a newline and the payload: nothing lost. */
    RAW,
    /** GoReplay's {@code KafkaMessage} ({@link KafkaJson}): requests only; header order, case and repeats lost. */
    JSON
}
