package dev.shadowtap.cli;

import java.util.Optional;

/**
 * Kafka input and output (present when their {@code -host} flag is given), the shared TLS files, and
 * the input's consumer group (present when {@code --input-kafka-group} is given).
 */
public record KafkaOptions(Optional<KafkaEndpoint> input, Optional<KafkaEndpoint> output,
                           Optional<String> tlsCaCert, Optional<String> tlsClientCert,
                           Optional<String> tlsClientKey, Optional<KafkaGroupOptions> group) {
}
