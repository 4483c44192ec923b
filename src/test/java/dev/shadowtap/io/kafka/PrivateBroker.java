package dev.shadowtap.io.kafka;

import org.apache.kafka.clients.admin.Admin;
import org.apache.kafka.clients.admin.NewTopic;

import java.io.IOException;
import java.nio.charset.StandardCharsets;
import java.nio.file.Path;
import java.util.List;
import java.util.Map;
import java.util.UUID;
import java.util.concurrent.TimeUnit;

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
        try {
            ProcessBuilder pb = new ProcessBuilder(Path.of("bin", "kafka-local").toAbsolutePath().toString(), command)
                    .redirectErrorStream(true);
            pb.environment().put("KAFKA_LOCAL_DIR", state.toString());
            pb.environment().remove("KAFKA_LOCAL_SASL_USER");
            pb.environment().remove("KAFKA_LOCAL_TLS_DIR");
            Process p = pb.start();
            byte[] out = p.getInputStream().readAllBytes();
            if (!p.waitFor(120, TimeUnit.SECONDS) || p.exitValue() != 0) {
                throw new IllegalStateException("bin/kafka-local " + command + " failed: "
                        + new String(out, StandardCharsets.UTF_8).strip());
            }
            return new String(out, StandardCharsets.UTF_8);
        } catch (IOException e) {
            throw new IllegalStateException("bin/kafka-local " + command + ": " + e.getMessage(), e);
        } catch (InterruptedException e) {
            Thread.currentThread().interrupt();
            throw new IllegalStateException("interrupted", e);
        }
    }
}
