package dev.shadowtap.io.raw;

import dev.shadowtap.capture.CaptureEngine;
import dev.shadowtap.capture.CaptureSpec;
import dev.shadowtap.capture.VxlanOptions;
import dev.shadowtap.http.PairingOptions;

import java.time.Duration;
import java.util.List;
import java.util.Objects;
import java.util.Optional;
import java.util.Set;

/**
 * One {@code --input-raw} and the {@code --input-raw-*} settings it runs with, by the stage that
 * honours them.
 *
 * @param capture       where and how frames are captured, and which are kept
 * @param expire        how long out-of-order data waits for a missing segment ({@code --input-raw-expire})
 * @param binary        {@code --input-raw-protocol binary}: no HTTP framing, each run of bytes one way is a message
 * @param pairing       how streams become messages: responses, incomplete messages, real-IP header, body size
 * @param stats         log capture statistics every {@link #STATS_INTERVAL} and at the end
 * @param queueCapacity messages waiting for the pipeline before a live capture drops (counted {@code queue-full})
 */
public record RawInputConfig(CaptureSpec capture, Duration expire, boolean binary, PairingOptions pairing,
                             boolean stats, int queueCapacity) {
    public static final Duration STATS_INTERVAL = Duration.ofSeconds(5);
    public static final int DEFAULT_QUEUE_CAPACITY = 16384;

    public RawInputConfig {
        Objects.requireNonNull(capture, "capture");
        Objects.requireNonNull(expire, "expire");
        Objects.requireNonNull(pairing, "pairing");
        if (queueCapacity <= 0) {
            throw new IllegalArgumentException("queueCapacity must be positive");
        }
    }

    /** Defaults for tests and simple uses: the engine's defaults, 2 s expire, 5 MiB bodies. */
    public static RawInputConfig of(String address, CaptureEngine engine, boolean trackResponse) {
        return new RawInputConfig(CaptureSpec.of(address, engine), Duration.ofSeconds(2), false,
                new PairingOptions(trackResponse, false, Optional.empty(), 5 << 20), false, DEFAULT_QUEUE_CAPACITY);
    }

    /** The address as on the command line, as messages name the input. */
    public String address() {
        return capture.address();
    }

    public RawInputConfig withCapture(CaptureSpec value) {
        return new RawInputConfig(value, expire, binary, pairing, stats, queueCapacity);
    }

    public RawInputConfig withPairing(PairingOptions value) {
        return new RawInputConfig(capture, expire, binary, value, stats, queueCapacity);
    }

    public RawInputConfig withQueueCapacity(int value) {
        return new RawInputConfig(capture, expire, binary, pairing, stats, value);
    }

    public RawInputConfig withBinary(boolean on) {
        return new RawInputConfig(capture, expire, on, pairing, stats, queueCapacity);
    }

    public RawInputConfig withMaxBodyBytes(int value) {
        return withPairing(new PairingOptions(pairing.trackResponse(), pairing.allowIncomplete(), pairing.realIpHeader(), value,
                pairing.maxHeadBytes()));
    }

    public RawInputConfig withRealIpHeader(String name) {
        return withPairing(new PairingOptions(pairing.trackResponse(), pairing.allowIncomplete(), Optional.of(name),
                pairing.maxBodyBytes(), pairing.maxHeadBytes()));
    }

    public RawInputConfig withAllowIncomplete(boolean value) {
        return withPairing(new PairingOptions(pairing.trackResponse(), value, pairing.realIpHeader(), pairing.maxBodyBytes(),
                pairing.maxHeadBytes()));
    }

    public RawInputConfig withBpfFilter(String expression) {
        return withCapture(capture.withDevice(capture.device().withBpfFilter(expression)));
    }

    /** {@code --input-raw-vlan} and {@code --input-raw-vlan-vid}. */
    public RawInputConfig withVlan(boolean on, Set<Integer> ids) {
        return withCapture(capture.withRules(capture.rules().withVlan(on, ids)));
    }

    public RawInputConfig withIgnoreInterfaces(List<String> names) {
        return withCapture(capture.withRules(capture.rules().withIgnoreInterfaces(names)));
    }

    public RawInputConfig withVxlan(int port, Set<Integer> vnis) {
        return withCapture(capture.withVxlan(new VxlanOptions(port, vnis)));
    }
}
