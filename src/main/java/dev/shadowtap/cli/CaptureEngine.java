package dev.shadowtap.cli;

import java.util.Locale;

/** {@code --input-raw-engine}, named as on GoReplay's command line. */
public enum CaptureEngine {
    LIBPCAP, RAW_SOCKET, AF_PACKET, PCAP_FILE, VXLAN;

    static final String EXPECTED = "one of libpcap, raw_socket, af_packet, pcap_file, vxlan";

    public static CaptureEngine parse(String text) throws BadValueException {
        for (CaptureEngine e : values()) {
            if (e.cliName().equals(text)) {
                return e;
            }
        }
        throw new BadValueException(EXPECTED);
    }

    public String cliName() {
        return name().toLowerCase(Locale.ROOT);
    }
}
