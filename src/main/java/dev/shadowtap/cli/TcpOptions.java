package dev.shadowtap.cli;

import java.util.Optional;

/** {@code --input-tcp-*} and {@code --output-tcp-*}, one small record per side. */
public record TcpOptions(InputSide input, OutputSide output) {
    /** {@code --input-tcp-secure}, {@code --input-tcp-certificate}, {@code --input-tcp-certificate-key}. */
    public record InputSide(boolean secure, Optional<String> certificate, Optional<String> certificateKey) {
    }

    /**
     * {@code --output-tcp-secure}, {@code --output-tcp-skip-verify}, {@code --output-tcp-sticky},
     * {@code --output-tcp-workers}, {@code --output-tcp-stats}.
     */
    public record OutputSide(boolean secure, boolean skipVerify, boolean sticky, int workers, boolean stats) {
    }
}
