package dev.shadowtap.cli;

import java.util.Optional;

/** {@code --input-tcp-*} and {@code --output-tcp-*}, one small record per side. */
public record TcpOptions(InputSide input, OutputSide output) {
    /**
     * {@code --input-tcp-secure}, {@code --input-tcp-certificate}, {@code --input-tcp-certificate-key},
     * and ours, {@code --input-tcp-client-ca}.
     */
    public record InputSide(boolean secure, Optional<String> certificate, Optional<String> certificateKey,
                            Optional<String> clientCa) {
    }

    /**
     * {@code --output-tcp-secure}, {@code --output-tcp-skip-verify}, {@code --output-tcp-sticky},
     * {@code --output-tcp-workers}, {@code --output-tcp-stats}, and ours: the client certificate for
     * mutual TLS and the CA that verifies the receiver.
     */
    public record OutputSide(boolean secure, boolean skipVerify, boolean sticky, int workers, boolean stats,
                             ClientFiles files) {
    }

    /** {@code --output-tcp-certificate}, {@code --output-tcp-certificate-key}, {@code --output-tcp-ca}. */
    public record ClientFiles(Optional<String> certificate, Optional<String> certificateKey, Optional<String> ca) {
    }
}
