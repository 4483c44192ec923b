package dev.shadowtap.capture.ffi;

import java.util.Objects;
import java.util.Optional;

/**
 * How to open a live libpcap capture, in the order {@link PcapHandle#open} applies it: the handle's
 * modes and buffering before activation, then the link type and filter of the activated handle.
 *
 * @param device     interface name, or "any"
 * @param modes      what each packet is captured with: snap length, promiscuous and monitor mode, timestamps
 * @param buffering  how packets are handed over: at once, or batched in a buffer
 * @param filter     a tcpdump expression ({@code --input-raw-bpf-filter}), if any
 * @param cookedV2   on "any", ask for Linux cooked v2 frames, which carry the interface index of each frame
 * @param pollMillis longest wait for packets, which bounds how long close() takes to be noticed
 */
public record LibpcapConfig(String device, Modes modes, Buffering buffering, Optional<String> filter, boolean cookedV2,
                            int pollMillis) {
    public static final int DEFAULT_SNAPLEN = 262_144;
    public static final int DEFAULT_TIMEOUT_MILLIS = 10;
    public static final long DEFAULT_BUFFER_BYTES = 32L << 20;
    public static final int DEFAULT_POLL_MILLIS = 100;

    /**
     * Set on the handle before activation.
     *
     * @param snaplen       bytes kept of each packet
     * @param promiscuous   {@code --input-raw-promisc}
     * @param monitor       {@code --input-raw-monitor}: monitor mode (pcap_set_rfmon) for a wireless interface
     * @param timestampType {@code --input-raw-timestamp-type} name ("host", "adapter", ...), if any
     */
    public record Modes(int snaplen, boolean promiscuous, boolean monitor, Optional<String> timestampType) {
        public Modes {
            Objects.requireNonNull(timestampType, "timestampType");
            if (snaplen <= 0) {
                throw new IllegalArgumentException("snaplen must be positive");
            }
        }
    }

    /**
     * @param immediate     deliver each packet at once (pcap_set_immediate_mode); otherwise batch for {@code timeoutMillis}
     * @param timeoutMillis {@code --input-raw-buffer-timeout}: packet buffer timeout when not immediate
     * @param bufferBytes   {@code --input-raw-buffer-size}; 0 keeps libpcap's default
     */
    public record Buffering(boolean immediate, int timeoutMillis, long bufferBytes) {
        public Buffering {
            if (timeoutMillis < 0 || bufferBytes < 0) {
                throw new IllegalArgumentException("timeout and buffer must not be negative");
            }
        }
    }

    public LibpcapConfig {
        Objects.requireNonNull(device, "device");
        Objects.requireNonNull(modes, "modes");
        Objects.requireNonNull(buffering, "buffering");
        Objects.requireNonNull(filter, "filter");
        if (pollMillis <= 0) {
            throw new IllegalArgumentException("poll must be positive");
        }
    }

    /**
     * Full snap length, a 32 MiB buffer, 10 ms buffer timeout, no filter, on {@code device}. Not
     * immediate mode: libpcap then uses TPACKET_V3, whose blocks pack small packets densely, where
     * immediate mode falls back to TPACKET_V2 frames of snap-length size (a 2 MiB buffer of 256 KiB
     * frames holds 8 packets and drops under the lightest burst).
     */
    public static LibpcapConfig of(String device) {
        return new LibpcapConfig(device.isEmpty() ? "any" : device,
                new Modes(DEFAULT_SNAPLEN, false, false, Optional.empty()),
                new Buffering(false, DEFAULT_TIMEOUT_MILLIS, DEFAULT_BUFFER_BYTES), Optional.empty(), false,
                DEFAULT_POLL_MILLIS);
    }

    public LibpcapConfig withModes(Modes value) {
        return new LibpcapConfig(device, value, buffering, filter, cookedV2, pollMillis);
    }

    public LibpcapConfig withBuffering(Buffering value) {
        return new LibpcapConfig(device, modes, value, filter, cookedV2, pollMillis);
    }

    public LibpcapConfig withBuffering(boolean immediate, int timeoutMillis, long bufferBytes) {
        return withBuffering(new Buffering(immediate, timeoutMillis, bufferBytes));
    }

    public LibpcapConfig withFilter(String expression) {
        return new LibpcapConfig(device, modes, buffering, Optional.of(expression), cookedV2, pollMillis);
    }

    public LibpcapConfig withCookedV2(boolean on) {
        return new LibpcapConfig(device, modes, buffering, filter, on, pollMillis);
    }

    public LibpcapConfig withTimestampType(String name) {
        return withModes(new Modes(modes.snaplen(), modes.promiscuous(), modes.monitor(), Optional.of(name)));
    }

    public LibpcapConfig withMonitor(boolean on) {
        return withModes(new Modes(modes.snaplen(), modes.promiscuous(), on, modes.timestampType()));
    }
}
