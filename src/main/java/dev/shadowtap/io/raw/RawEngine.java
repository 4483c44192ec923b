package dev.shadowtap.io.raw;

/** How {@code --input-raw} reads frames: an AF_PACKET ring, the system libpcap, a capture file, or VXLAN over UDP. */
public enum RawEngine {
    AF_PACKET, LIBPCAP, PCAP_FILE, VXLAN
}
