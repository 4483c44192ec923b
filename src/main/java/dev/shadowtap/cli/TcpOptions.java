package dev.shadowtap.cli;

import java.util.Optional;

/** {@code --input-tcp-*} and {@code --output-tcp-*}. */
public record TcpOptions(boolean inputSecure, Optional<String> inputCertificate, Optional<String> inputCertificateKey,
                         boolean outputSecure, boolean outputSkipVerify, boolean outputSticky, int outputWorkers,
                         boolean outputStats) {
}
