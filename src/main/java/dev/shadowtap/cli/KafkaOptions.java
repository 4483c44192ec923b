package dev.shadowtap.cli;

import java.util.Optional;

/** Kafka input and output (present when their {@code -host} flag is given) and the shared TLS files. */
public record KafkaOptions(Optional<KafkaEndpoint> input, Optional<KafkaEndpoint> output,
                           Optional<String> tlsCaCert, Optional<String> tlsClientCert,
                           Optional<String> tlsClientKey) {
}
