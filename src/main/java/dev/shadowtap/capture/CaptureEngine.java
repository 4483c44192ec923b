package dev.shadowtap.capture;

import java.util.Locale;
import java.util.Optional;

/**
 * {@code --input-raw-engine}: the one name of where frames come from, from the command line to the
 * engine that opens. {@code raw_socket} is GoReplay's name, accepted and served by the AF_PACKET ring;
 * it stays a value of its own so that messages name the engine as the user typed it.
 */
public enum CaptureEngine {
    LIBPCAP, RAW_SOCKET, AF_PACKET, PCAP_FILE, VXLAN;

    /** The accepted names, as a usage error lists them. */
    public static final String EXPECTED = "one of libpcap, raw_socket, af_packet, pcap_file, vxlan";

    /** The engine of that command-line name, if any. */
    public static Optional<CaptureEngine> named(String text) {
        for (CaptureEngine e : values()) {
            if (e.cliName().equals(text)) {
                return Optional.of(e);
            }
        }
        return Optional.empty();
    }

    public String cliName() {
        return name().toLowerCase(Locale.ROOT);
    }

    /** True for the engines that capture on a network interface (not a file, not VXLAN over UDP). */
    public boolean onInterface() {
        return this != PCAP_FILE && this != VXLAN;
    }
}
