package dev.shadowtap.http;

import java.util.Objects;
import java.util.Optional;

/**
 * How captured streams become messages ({@link HttpPairing}; the binary protocol honours the same).
 *
 * @param trackResponse   emit responses (type 2) too; they are framed either way to keep the pairing
 * @param allowIncomplete emit messages a TCP gap cut short, as far as they arrived (head whole), marked with
 *                        an {@code X-Shadowtap-Incomplete} header; otherwise they are dropped and counted
 * @param realIpHeader    a header name to add to each request with the client's address
 * @param maxBodyBytes    body bytes kept per message ({@code --copy-buffer-size}); longer ones are truncated
 * @param maxHeadBytes    the largest head framed ({@code --input-raw-max-head-size}); a longer message is skipped whole
 */
public record PairingOptions(boolean trackResponse, boolean allowIncomplete, Optional<String> realIpHeader,
                             int maxBodyBytes, int maxHeadBytes) {
    public PairingOptions {
        Objects.requireNonNull(realIpHeader, "realIpHeader");
        if (maxBodyBytes < 0) {
            throw new IllegalArgumentException("maxBodyBytes must not be negative");
        }
    }

    public PairingOptions(boolean trackResponse, boolean allowIncomplete, Optional<String> realIpHeader, int maxBodyBytes) {
        this(trackResponse, allowIncomplete, realIpHeader, maxBodyBytes, FramingLimits.DEFAULT_MAX_HEAD_BYTES);
    }
}
