package dev.shadowtap.io.kafka;

import org.apache.kafka.clients.admin.Admin;
import org.apache.kafka.clients.admin.NewTopic;

import java.nio.file.Path;
import java.util.List;
import java.util.Map;
import java.util.UUID;

/**
 * A real broker of one test's own (not the shared {@link KafkaBroker}), for tests that stop it: started by
 * {@code bin/kafka-local} in its own state dir, {@link #halt() halted} and {@link #resume() resumed} on the
 * same port from the same data, stopped by {@link #close()}.
 */
public final class PrivateBroker implements AutoCloseable {
    private final Path state;
    private final String bootstrap;

    private PrivateBroker(Path state, String bootstrap) {
        this.state = state;
        this.bootstrap = bootstrap;
    }

    public static PrivateBroker start(String name) {
        Path state = Path.of("target", "kafka-" + name + "-" + ProcessHandle.current().pid()).toAbsolutePath();
        String[] lines = script(state, "start").strip().split("\n");
        String address = lines[lines.length - 1].strip();
        if (!address.matches("127\\.0\\.0\\.1:\\d+")) {
            throw new IllegalStateException("bin/kafka-local start did not start a broker: " + String.join("\n", lines));
        }
        return new PrivateBroker(state, address);
    }

    public String bootstrap() {
        return bootstrap;
    }

    /** A new topic with a unique name. */
    public String newTopic(int partitions) throws Exception {
        String topic = "t-" + UUID.randomUUID();
        try (Admin admin = Admin.create(Map.of("bootstrap.servers", bootstrap))) {
            admin.createTopics(List.of(new NewTopic(topic, partitions, (short) 1))).all().get();
        }
        return topic;
    }

    /** Stops the broker (controlled shutdown), keeping its data and port. */
    public void halt() {
        script(state, "halt");
    }

    /** Starts the halted broker again; returns once it takes connections. */
    public void resume() {
        String address = script(state, "resume").strip();
        if (!address.endsWith(bootstrap)) {
            throw new IllegalStateException("resumed on " + address + ", not " + bootstrap);
        }
    }

    @Override
    public void close() {
        script(state, "stop");
    }

    private static String script(Path state, String command) {
        java.util.HashMap<String, String> plain = new java.util.HashMap<>();
        plain.put("KAFKA_LOCAL_SASL_USER", null);
        plain.put("KAFKA_LOCAL_TLS_DIR", null);
        return KafkaLocalScript.run(state, command, plain);
    }
}
