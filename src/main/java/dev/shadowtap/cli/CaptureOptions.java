package dev.shadowtap.cli;

import dev.shadowtap.capture.CaptureEngine;

import java.time.Duration;
import java.util.List;
import java.util.Objects;
import java.util.Optional;

/**
 * The {@code --input-raw-*} settings shared by every {@code --input-raw}, grouped as the capture
 * ({@code CaptureSpec}) and the raw input ({@code RawInputConfig}) take them.
 *
 * @param engine   {@code --input-raw-engine}
 * @param device   how a live engine opens its interface
 * @param frames   which frames are kept beyond the ports
 * @param vxlan    what the vxlan engine listens to
 * @param expire   {@code --input-raw-expire}
 * @param protocol {@code --input-raw-protocol}
 * @param pairing  how streams become messages
 * @param stats    {@code --input-raw-stats}
 */
public record CaptureOptions(CaptureEngine engine, Device device, Frames frames, Vxlan vxlan, Duration expire,
                             CaptureProtocol protocol, Pairing pairing, boolean stats) {
    public CaptureOptions {
        Objects.requireNonNull(device, "device");
        Objects.requireNonNull(frames, "frames");
        Objects.requireNonNull(vxlan, "vxlan");
        Objects.requireNonNull(pairing, "pairing");
    }

    /**
     * {@code --input-raw-bpf-filter}, {@code --input-raw-buffer-size}, {@code --input-raw-buffer-timeout},
     * {@code --input-raw-override-snaplen}, {@code --input-raw-promisc}, {@code --input-raw-monitor},
     * {@code --input-raw-timestamp-type}.
     */
    public record Device(Optional<String> bpfFilter, long bufferSize, Duration bufferTimeout,
                         boolean overrideSnaplen, boolean promiscuous, boolean monitor,
                         Optional<String> timestampType) {
    }

    /** {@code --input-raw-vlan}, {@code --input-raw-vlan-vid}, {@code --input-raw-ignore-interface}. */
    public record Frames(boolean vlan, List<Integer> vlanIds, List<String> ignoreInterfaces) {
        public Frames {
            vlanIds = List.copyOf(vlanIds);
            ignoreInterfaces = List.copyOf(ignoreInterfaces);
        }
    }

    /** {@code --input-raw-vxlan-port}, {@code --input-raw-vxlan-vni}. */
    public record Vxlan(int port, List<Integer> vnis) {
        public Vxlan {
            vnis = List.copyOf(vnis);
        }
    }

    /**
     * {@code --input-raw-track-response}, {@code --input-raw-allow-incomplete},
     * {@code --input-raw-realip-header}, {@code --input-raw-max-head-size}.
     */
    public record Pairing(boolean trackResponse, boolean allowIncomplete, Optional<String> realIpHeader, int maxHeadBytes) {
    }
}
