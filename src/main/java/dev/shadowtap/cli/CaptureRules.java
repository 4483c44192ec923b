package dev.shadowtap.cli;

import dev.shadowtap.capture.CaptureEngine;
import dev.shadowtap.capture.VxlanConfig;

import java.util.List;
import java.util.Locale;

/**
 * {@code --input-raw-*} flags that only one engine can honour: given with another engine they are a
 * usage error naming the flag, never silently ignored.
 */
final class CaptureRules {
    private CaptureRules() {
    }

    /** GoReplay 2.x's {@code k8s://} addresses (pod capture through the Kubernetes API): not built, said in one line. */
    static void checkAddresses(List<String> raw) throws UsageException {
        for (String address : raw) {
            if (address.regionMatches(true, 0, "k8s://", 0, "k8s://".length())) {
                throw new UsageException("--input-raw " + address + ": Kubernetes pod capture is not built;"
                        + " capture on the node's interface with the pod's port (--input-raw eth0:8080), or mirror the"
                        + " pod's traffic as VXLAN and use --input-raw-engine vxlan");
            }
        }
    }

    static void check(CaptureOptions c, List<Flag> given) throws UsageException {
        CaptureEngine engine = c.engine();
        boolean live = engine.onInterface();
        if (c.device().timestampType().isPresent() && engine != CaptureEngine.LIBPCAP && !hostClock(c.device().timestampType().get())) {
            throw new UsageException("--input-raw-timestamp-type " + c.device().timestampType().get()
                    + " needs --input-raw-engine libpcap (" + engine.cliName() + " stamps frames with "
                    + (engine == CaptureEngine.PCAP_FILE ? "the file's times)" : "the host clock: host)"));
        }
        if (c.device().monitor() && engine != CaptureEngine.LIBPCAP) {
            throw new UsageException("--input-raw-monitor needs --input-raw-engine libpcap (monitor mode is set through libpcap)");
        }
        if (!c.frames().ignoreInterfaces().isEmpty() && !live) {
            throw new UsageException("--input-raw-ignore-interface applies to a live capture on interfaces, not to --input-raw-engine "
                    + engine.cliName());
        }
        if (c.protocol() == CaptureProtocol.BINARY && c.pairing().realIpHeader().isPresent()) {
            throw new UsageException("--input-raw-realip-header needs HTTP: not with --input-raw-protocol binary");
        }
        if (engine == CaptureEngine.VXLAN) {
            for (Flag flag : List.of(Flag.INPUT_RAW_BPF_FILTER, Flag.INPUT_RAW_PROMISC, Flag.INPUT_RAW_OVERRIDE_SNAPLEN)) {
                if (given.contains(flag)) {
                    throw new UsageException(flag.display() + " applies to capture on an interface, not to --input-raw-engine vxlan");
                }
            }
        } else {
            // GoReplay passes its default port to every engine: 4789 is accepted, any other port is not
            if (given.contains(Flag.INPUT_RAW_VXLAN_PORT) && c.vxlan().port() != VxlanConfig.DEFAULT_PORT) {
                throw new UsageException("--input-raw-vxlan-port " + c.vxlan().port() + " applies only to --input-raw-engine vxlan");
            }
            if (given.contains(Flag.INPUT_RAW_VXLAN_VNI)) {
                throw new UsageException("--input-raw-vxlan-vni applies only to --input-raw-engine vxlan");
            }
        }
    }

    /** "host", GoReplay's "go" (Go's clock) or "PCAP_TSTAMP_HOST": the clock every engine stamps with. */
    static boolean hostClock(String type) {
        String lower = type.toLowerCase(Locale.ROOT);
        return lower.equals("host") || lower.equals("go") || lower.equals("pcap_tstamp_host");
    }
}
