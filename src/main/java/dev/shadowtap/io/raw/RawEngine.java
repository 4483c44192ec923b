package dev.shadowtap.io.raw;

/** How {@code --input-raw} reads frames: an AF_PACKET ring, the system libpcap, or a capture file. */
public enum RawEngine {
    AF_PACKET, LIBPCAP, PCAP_FILE
}
