package dev.shadowtap.capture;

import dev.shadowtap.capture.ffi.Libpcap;
import dev.shadowtap.capture.ffi.LibpcapConfig;
import dev.shadowtap.capture.ffi.PcapHandle;
import dev.shadowtap.core.Log;

/**
 * {@code --input-raw-engine libpcap}: the system libpcap through FFM. The handle is activated in the
 * constructor (warnings go to the log, errors are one-line exceptions). The link type is the device's
 * ({@code pcap_datalink}): Ethernet for "lo" and NICs, Linux cooked for "any".
 */
public final class LibpcapEngine extends NativeEngine {
    /** @throws dev.shadowtap.capture.ffi.NativeCaptureException one line when the capture cannot start */
    public LibpcapEngine(Libpcap pcap, LibpcapConfig config, Log log) {
        super(open(pcap, config, log), config.pollMillis());
    }

    private static PcapHandle open(Libpcap pcap, LibpcapConfig config, Log log) {
        PcapHandle handle = PcapHandle.open(pcap, config);
        handle.warnings().forEach(log::warn);
        return handle;
    }
}
