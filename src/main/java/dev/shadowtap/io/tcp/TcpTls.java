package dev.shadowtap.io.tcp;

import java.nio.file.Path;
import java.util.Objects;
import java.util.Optional;

/** The TLS settings of the TCP input and output, as files; {@link TlsContexts} turns them into contexts. */
public final class TcpTls {
    private TcpTls() {
    }

    /**
     * {@code --input-tcp-secure}: the listener's PEM certificate (chain) and key, and with
     * {@code --input-tcp-client-ca} the CA that must have signed every client's certificate.
     */
    public record Server(Path certificate, Path key, Optional<Path> clientCa) {
        public Server {
            Objects.requireNonNull(certificate, "certificate");
            Objects.requireNonNull(key, "key");
            Objects.requireNonNull(clientCa, "clientCa");
        }
    }

    /**
     * {@code --output-tcp-secure}: whether the peer's certificate is verified (against {@code ca}, else
     * the JDK's trust store, and its name against the address), and the client certificate and key
     * presented for mutual TLS ({@code --output-tcp-certificate}, {@code --output-tcp-certificate-key}).
     */
    public record Client(boolean skipVerify, Optional<Path> ca, Optional<Path> certificate, Optional<Path> key) {
        public Client {
            Objects.requireNonNull(ca, "ca");
            Objects.requireNonNull(certificate, "certificate");
            Objects.requireNonNull(key, "key");
            if (certificate.isPresent() != key.isPresent()) {
                throw new IllegalArgumentException("--output-tcp-certificate and --output-tcp-certificate-key go together");
            }
        }
    }
}
