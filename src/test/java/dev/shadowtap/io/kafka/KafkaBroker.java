package dev.shadowtap.io.kafka;

import org.apache.kafka.clients.admin.Admin;
import org.apache.kafka.clients.admin.NewTopic;
import org.junit.jupiter.api.extension.BeforeAllCallback;
import org.junit.jupiter.api.extension.ExtensionContext;

import dev.shadowtap.io.tcp.TestPki;

import java.io.IOException;
import java.nio.file.Files;
import java.nio.file.Path;
import java.nio.file.StandardCopyOption;
import java.util.List;
import java.util.Map;
import java.util.UUID;
import java.util.concurrent.ExecutionException;

/**
 * A real Kafka 4 broker (KRaft, its own process, started by {@code bin/kafka-local}) shared by every
 * test class of a run that uses this extension: started before the first one, stopped (SIGTERM) when
 * the run ends, through JUnit's root store. Its state lives in {@code target/kafka-test-PID}. Beside its
 * plaintext and SASL listeners it has TLS ones, with a CA and certificates the extension makes.
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

    /**
     * {@code 127.0.0.1:PORT} of one of its TLS listeners: {@code tls} (server certificate only), {@code mtls}
     * (a client certificate is required) or {@code sasl_ssl}; their certificates are {@link #tlsFiles()}.
     */
    public static String tlsBootstrap(String listener) {
        String address = running().listeners.get(listener);
        if (address == null) {
            throw new IllegalArgumentException("no listener " + listener + " in " + running().listeners);
        }
        return address;
    }

    /** The PEM files of the TLS listeners: ca.crt, server.crt/.key, client.crt/.key (a client the CA signed). */
    public static Path tlsFiles() {
        return running().state.resolve("tls");
    }

    /** The CA the broker trusts, to sign more client certificates. */
    public static TestPki.Authority tlsAuthority() {
        return running().authority;
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
        final Map<String, String> listeners;
        final TestPki.Authority authority;
        final Path state;
        private final Thread hook;

        private Running(Map<String, String> listeners, TestPki.Authority authority, Path state) {
            this.authority = authority;
            this.bootstrap = listeners.get("plaintext");
            this.saslBootstrap = listeners.get("sasl_plaintext");
            this.listeners = listeners;
            this.state = state;
            this.hook = new Thread(() -> script(state, "stop"));
            Runtime.getRuntime().addShutdownHook(hook); // a JVM that dies early still stops it
        }

        static Running start() {
            Path state = Path.of("target", "kafka-test-" + ProcessHandle.current().pid()).toAbsolutePath();
            TestPki.Authority authority = writeCertificates(state.resolve("tls"));
            String out = script(state, "start");
            Map<String, String> listeners = new java.util.HashMap<>();
            try {
                for (String line : Files.readAllLines(state.resolve("listeners"))) {
                    String[] nameAddress = line.strip().split(" ");
                    listeners.put(nameAddress[0], nameAddress[1]);
                }
            } catch (IOException | ArrayIndexOutOfBoundsException e) {
                throw new IllegalStateException("bin/kafka-local start did not start a broker: " + out, e);
            }
            if (!listeners.keySet().containsAll(List.of("plaintext", "sasl_plaintext", "tls", "mtls", "sasl_ssl"))) {
                throw new IllegalStateException("bin/kafka-local start did not start every listener: " + listeners);
            }
            return new Running(Map.copyOf(listeners), authority, state);
        }

        /** A CA, the broker's certificate for 127.0.0.1 and a client's, made by the test (no key is committed). */
        private static TestPki.Authority writeCertificates(Path dir) {
            try {
                Files.createDirectories(dir);
                TestPki.Authority ca = TestPki.authority(dir, "ca");
                Files.move(ca.ca(), dir.resolve("ca.crt"), StandardCopyOption.REPLACE_EXISTING);
                TestPki.server(dir, ca, "server", TestPki.KeyForm.PKCS8);
                TestPki.client(dir, ca, "client");
                return ca;
            } catch (Exception e) {
                throw new IllegalStateException("could not make the broker's certificates in " + dir + ": " + e, e);
            }
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
            return KafkaLocalScript.run(state, command, Map.of("KAFKA_LOCAL_SASL_USER", SASL_USER + ":" + SASL_PASSWORD,
                    "KAFKA_LOCAL_TLS_DIR", state.resolve("tls").toString()));
        }
    }
}
