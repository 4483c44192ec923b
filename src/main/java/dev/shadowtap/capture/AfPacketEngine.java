package dev.shadowtap.capture;

import dev.shadowtap.capture.ffi.AfPacketConfig;
import dev.shadowtap.capture.ffi.AfPacketSocket;

/**
 * {@code --input-raw-engine af_packet}: an AF_PACKET socket with a TPACKET_V3 ring, opened in the
 * constructor. Ethernet frames; with the "any" interface each frame carries its own device's link type.
 */
public final class AfPacketEngine extends NativeEngine {
    /** @throws dev.shadowtap.capture.ffi.NativeCaptureException one line when the capture cannot start */
    public AfPacketEngine(AfPacketConfig config) {
        super(AfPacketSocket.open(config), config.pollMillis());
    }
}
