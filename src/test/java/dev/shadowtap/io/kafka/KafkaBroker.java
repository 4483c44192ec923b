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

    /** {@code 127.0.0.1:PORT} of the broker. */
    public static String bootstrap() {
        if (running == null) {
            throw new IllegalStateException("annotate the test class with @ExtendWith(KafkaBroker.class)");
        }
        return running.bootstrap;
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
        final Path state;
        private final Thread hook;

        private Running(String bootstrap, Path state) {
            this.bootstrap = bootstrap;
            this.state = state;
            this.hook = new Thread(() -> script(state, "stop"));
            Runtime.getRuntime().addShutdownHook(hook); // a JVM that dies early still stops it
        }

        static Running start() {
            Path state = Path.of("target", "kafka-test-" + ProcessHandle.current().pid()).toAbsolutePath();
            String[] lines = script(state, "start").strip().split("\n");
            String out = lines[lines.length - 1].strip(); // the address is the last line, after any fetch's
            if (!out.matches("127\\.0\\.0\\.1:\\d+")) {
                throw new IllegalStateException("bin/kafka-local start did not start a broker: " + out);
            }
            return new Running(out, state);
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
