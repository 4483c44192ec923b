package dev.shadowtap.cli;

import java.util.List;
import java.util.Objects;
import java.util.Optional;

/**
 * One Kafka side ({@code --input-kafka-*} or {@code --output-kafka-*}): brokers, topic, JSON instead
 * of .gor text, and SASL settings. {@code offset} is only meaningful for the input (default -1).
 */
public record KafkaEndpoint(List<String> hosts, Optional<String> topic, boolean json, KafkaOffset offset, Sasl sasl) {
    public KafkaEndpoint {
        hosts = List.copyOf(hosts);
        Objects.requireNonNull(sasl, "sasl");
    }

    /** {@code --*-kafka-use-sasl}, {@code -mechanism}, {@code -username}, {@code -password}. */
    public record Sasl(boolean enabled, Optional<String> mechanism, Optional<String> username,
                       Optional<String> password) {
    }
}
