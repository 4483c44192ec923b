package dev.shadowtap.io.kafka;

import java.util.Objects;
import java.util.Properties;

/**
 * SASL for a Kafka input or output ({@code --*-kafka-use-sasl}, {@code -mechanism}, {@code -username},
 * {@code -password}): PLAIN (GoReplay's default), SCRAM-SHA-256 or SCRAM-SHA-512, over plaintext, or over TLS with {@link KafkaTls} (SASL_SSL).
 */
public record KafkaSasl(Mechanism mechanism, String username, String password) {
    public KafkaSasl {
        Objects.requireNonNull(mechanism, "mechanism");
        Objects.requireNonNull(username, "username");
        Objects.requireNonNull(password, "password");
    }

    /** The mechanisms GoReplay offers, by their Kafka names. */
    public enum Mechanism {
        PLAIN("PLAIN", "org.apache.kafka.common.security.plain.PlainLoginModule"),
        SCRAM_SHA_256("SCRAM-SHA-256", "org.apache.kafka.common.security.scram.ScramLoginModule"),
        SCRAM_SHA_512("SCRAM-SHA-512", "org.apache.kafka.common.security.scram.ScramLoginModule");

        private final String kafkaName;
        private final String loginModule;

        Mechanism(String kafkaName, String loginModule) {
            this.kafkaName = kafkaName;
            this.loginModule = loginModule;
        }

        public String kafkaName() {
            return kafkaName;
        }
    }

    /** The client settings that log in with it. */
    void addTo(Properties p) {
        p.put("security.protocol", "SASL_PLAINTEXT");
        p.put("sasl.mechanism", mechanism.kafkaName);
        p.put("sasl.jaas.config", mechanism.loginModule + " required username=\"" + quoted(username)
                + "\" password=\"" + quoted(password) + "\";");
    }

    /** JAAS's quoted string: a backslash escapes the next character. */
    private static String quoted(String s) {
        return s.replace("\\", "\\\\").replace("\"", "\\\"");
    }
}
