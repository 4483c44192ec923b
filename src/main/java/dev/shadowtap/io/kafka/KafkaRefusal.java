package dev.shadowtap.io.kafka;

import org.apache.kafka.common.errors.AuthenticationException;
import org.apache.kafka.common.errors.SslAuthenticationException;

/** What a broker's refusal says to a user, after the host flag and address: a failed TLS handshake or a refused login. */
final class KafkaRefusal {
    private KafkaRefusal() {
    }

    static String describe(AuthenticationException e) {
        String root = rootMessage(e);
        if (e instanceof SslAuthenticationException) {
            return "the TLS handshake failed: " + root + " (check --kafka-tls-ca-cert, --kafka-tls-client-cert and"
                    + " --kafka-tls-client-key, and that this is the broker's TLS listener)";
        }
        return "the broker refused the login: " + root;
    }

    static String rootMessage(Throwable e) {
        Throwable t = e;
        while (t.getCause() != null && t.getCause() != t) {
            t = t.getCause();
        }
        String message = t.getMessage() != null ? t.getMessage() : t.getClass().getSimpleName();
        return message.lines().findFirst().orElse("").strip();
    }
}
