package dev.shadowtap.io.kafka;

import java.util.List;
import java.util.Objects;
import java.util.Optional;
import java.util.Properties;

/** The brokers (bootstrap list), topic, login and TLS of one Kafka input or output. */
public record KafkaTarget(List<String> hosts, String topic, Optional<KafkaSasl> sasl, Optional<KafkaTls> tls) {
    public KafkaTarget {
        hosts = List.copyOf(hosts);
        Objects.requireNonNull(topic, "topic");
        Objects.requireNonNull(sasl, "sasl");
        Objects.requireNonNull(tls, "tls");
        if (hosts.isEmpty()) {
            throw new IllegalArgumentException("no Kafka broker given");
        }
    }

    /** Without SASL and TLS. */
    public KafkaTarget(List<String> hosts, String topic) {
        this(hosts, topic, Optional.empty());
    }

    /** Without TLS. */
    public KafkaTarget(List<String> hosts, String topic, Optional<KafkaSasl> sasl) {
        this(hosts, topic, sasl, Optional.empty());
    }

    /** What users read in messages: {@code host1,host2/topic}. */
    public String describe() {
        return String.join(",", hosts) + "/" + topic;
    }

    /** The settings every client of this target shares: where the brokers are, a client id, the login, TLS. */
    Properties clientProperties(String clientId) {
        Properties p = new Properties();
        p.put("bootstrap.servers", String.join(",", hosts));
        p.put("client.id", clientId);
        sasl.ifPresent(s -> s.addTo(p));
        tls.ifPresent(t -> t.addTo(p, sasl.isPresent()));
        return p;
    }
}
