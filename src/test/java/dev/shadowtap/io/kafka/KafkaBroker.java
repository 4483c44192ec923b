package dev.shadowtap.io.kafka;

import org.apache.kafka.clients.admin.Admin;
import org.apache.kafka.clients.admin.NewTopic;
import org.junit.jupiter.api.extension.BeforeAllCallback;
import org.junit.jupiter.api.extension.ExtensionContext;

import java.io.IOException;
import java.nio.charset.StandardCharsets;
import java.nio.file.Path;
import java.util.List;
import java.util.Map;
import java.util.UUID;
import java.util.concurrent.ExecutionException;
import java.util.concurrent.TimeUnit;

/**
 * A real Kafka 4 broker (KRaft, its own process, started by {@code bin/kafka-local}) shared by every
 * test class of a run that uses this extension: started before the first one, stopped (SIGTERM) when
 * the run ends, through JUnit's root store. Its state lives in {@code target/kafka-test-PID}.
 */
public final class KafkaBroker implements BeforeAllCallback {
    private static final ExtensionContext.Namespace NAMESPACE = ExtensionContext.Namespace.create(KafkaBroker.class);
    private static volatile Running running;

    @Override
    public void beforeAll(ExtensionContext context) {
        running = context.getRoot().getStore(NAMESPACE).computeIfAbsent("broker", k -> Running.start(), Running.class);
    }

    /** The user and password of the SASL listener (PLAIN, SCRAM-SHA-256, SCRAM-SHA-512). */
    public static final String SASL_USER = "shadowtap";
    public static final String SASL_PASSWORD = "s3cret-pass";

    /** {@code 127.0.0.1:PORT} of the broker's plaintext listener. */
    public static String bootstrap() {
        return running().bootstrap;
    }

    /** {@code 127.0.0.1:PORT} of its SASL_PLAINTEXT listener. */
    public static String saslBootstrap() {
        return running().saslBootstrap;
    }

    private static Running running() {
        if (running == null) {
            throw new IllegalStateException("annotate the test class with @ExtendWith(KafkaBroker.class)");
        }
        return running;
    }

    /** A new topic with a unique name and {@code partitions} partitions. */
    public static String newTopic(int partitions) throws ExecutionException, InterruptedException {
        String topic = "t-" + UUID.randomUUID();
        try (Admin admin = Admin.create(Map.of("bootstrap.servers", bootstrap()))) {
            admin.createTopics(List.of(new NewTopic(topic, partitions, (short) 1))).all().get();
        }
        return topic;
    }

    /** The broker process, stopped when JUnit closes the root store at the end of the run. */
    static final class Running implements AutoCloseable {
        final String bootstrap;
        final String saslBootstrap;
        final Path state;
        private final Thread hook;

        private Running(String bootstrap, String saslBootstrap, Path state) {
            this.bootstrap = bootstrap;
            this.saslBootstrap = saslBootstrap;
            this.state = state;
            this.hook = new Thread(() -> script(state, "stop"));
            Runtime.getRuntime().addShutdownHook(hook); // a JVM that dies early still stops it
        }

        static Running start() {
            Path state = Path.of("target", "kafka-test-" + ProcessHandle.current().pid()).toAbsolutePath();
            String[] lines = script(state, "start").replaceAll("\u001B\\[[;\\d]*m", "").strip().split("\n");
            // the two addresses are the last lines, after any fetch's
            String plain = lines.length < 2 ? "" : lines[lines.length - 2].strip();
            String sasl = lines[lines.length - 1].strip();
            if (!plain.matches("127\\.0\\.0\\.1:\\d+") || !sasl.matches("127\\.0\\.0\\.1:\\d+")) {
                throw new IllegalStateException("bin/kafka-local start did not start a broker: " + String.join("\n", lines));
            }
            return new Running(plain, sasl, state);
        }

        @Override
        public void close() {
            script(state, "stop");
            try {
                Runtime.getRuntime().removeShutdownHook(hook);
            } catch (IllegalStateException e) {
                // the JVM is shutting down already
            }
        }

        private static String script(Path state, String command) {
            try {
                ProcessBuilder pb = new ProcessBuilder(Path.of("bin", "kafka-local").toAbsolutePath().toString(), command)
                        .redirectErrorStream(true);
                pb.environment().put("KAFKA_LOCAL_DIR", state.toString());
                pb.environment().put("KAFKA_LOCAL_SASL_USER", SASL_USER + ":" + SASL_PASSWORD);
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
}
