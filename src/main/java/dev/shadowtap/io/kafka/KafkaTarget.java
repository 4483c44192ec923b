package dev.shadowtap.io.kafka;

import java.util.List;
import java.util.Objects;
import java.util.Properties;

/** The brokers (bootstrap list) and topic of one Kafka input or output. */
public record KafkaTarget(List<String> hosts, String topic) {
    public KafkaTarget {
        hosts = List.copyOf(hosts);
        Objects.requireNonNull(topic, "topic");
        if (hosts.isEmpty()) {
            throw new IllegalArgumentException("no Kafka broker given");
        }
    }

    /** What users read in messages: {@code host1,host2/topic}. */
    public String describe() {
        return String.join(",", hosts) + "/" + topic;
    }

    /** The settings every client of this target shares: where the brokers are, and a client id. */
    Properties clientProperties(String clientId) {
        Properties p = new Properties();
        p.put("bootstrap.servers", String.join(",", hosts));
        p.put("client.id", clientId);
        return p;
    }
}
