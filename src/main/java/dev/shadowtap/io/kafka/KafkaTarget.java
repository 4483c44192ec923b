package dev.shadowtap.io.kafka;

import java.util.List;
import java.util.Objects;
import java.util.Optional;
import java.util.Properties;

/** The brokers (bootstrap list), topic and login of one Kafka input or output. */
public record KafkaTarget(List<String> hosts, String topic, Optional<KafkaSasl> sasl) {
    public KafkaTarget {
        hosts = List.copyOf(hosts);
        Objects.requireNonNull(topic, "topic");
        Objects.requireNonNull(sasl, "sasl");
        if (hosts.isEmpty()) {
            throw new IllegalArgumentException("no Kafka broker given");
        }
    }

    /** Without SASL. */
    public KafkaTarget(List<String> hosts, String topic) {
        this(hosts, topic, Optional.empty());
    }

    /** What users read in messages: {@code host1,host2/topic}. */
    public String describe() {
        return String.join(",", hosts) + "/" + topic;
    }

    /** The settings every client of this target shares: where the brokers are, a client id, the login. */
    Properties clientProperties(String clientId) {
        Properties p = new Properties();
        p.put("bootstrap.servers", String.join(",", hosts));
        p.put("client.id", clientId);
        sasl.ifPresent(s -> s.addTo(p));
        return p;
    }
}
