package dev.shadowtap.packet;

/**
 * The link layers shadowtap decodes, with their pcap {@code LINKTYPE_} codes. A capture engine
 * tells the decoder which one a frame starts with; any other code is unsupported and the engine says
 * so in one line.
 */
public enum LinkType {
    /** BSD loopback: a 4-byte address family in the byte order of the host that wrote it. */
    NULL(0),
    /** Ethernet II, possibly with 802.1Q / 802.1ad VLAN tags. */
    ETHERNET(1),
    /** Raw IPv4 or IPv6, told apart by the version nibble (also DLT 12 and 14 on some systems). */
    RAW(101),
    /** OpenBSD loopback: like {@link #NULL} but the family is in network byte order. */
    LOOP(108),
    /** Linux cooked capture v1 ({@code -i any} on older libpcap). */
    LINUX_SLL(113),
    /** Raw IPv4 only. */
    IPV4(228),
    /** Raw IPv6 only. */
    IPV6(229),
    /** Linux cooked capture v2, which carries the interface index. */
    LINUX_SLL2(276);

    private final int code;

    LinkType(int code) {
        this.code = code;
    }

    /** The {@code LINKTYPE_} value written in pcap and pcapng files. */
    public int code() {
        return code;
    }

    /**
     * The link type for a pcap {@code LINKTYPE_} (or legacy {@code DLT_}) code, or {@code null} when
     * shadowtap cannot decode it. Only the low 16 bits count (the high bits of a pcap header's
     * link-type field carry FCS information).
     */
    public static LinkType fromCode(int code) {
        return switch (code & 0xffff) {
            case 0 -> NULL;
            case 1 -> ETHERNET;
            case 12, 14, 101 -> RAW;
            case 108 -> LOOP;
            case 113 -> LINUX_SLL;
            case 228 -> IPV4;
            case 229 -> IPV6;
            case 276 -> LINUX_SLL2;
            default -> null;
        };
    }

    /** A readable name for a code shadowtap cannot decode, for the one-line message. */
    public static String describe(int code) {
        LinkType known = fromCode(code);
        if (known != null) {
            return known.name() + " (" + code + ")";
        }
        String name = switch (code & 0xffff) {
            case 6 -> "IEEE802_5";
            case 9 -> "PPP";
            case 10 -> "FDDI";
            case 50 -> "PPP_HDLC";
            case 105 -> "IEEE802_11";
            case 127 -> "IEEE802_11_RADIOTAP";
            case 147 -> "USER0";
            case 192 -> "PPI";
            case 220 -> "USB_LINUX_MMAPPED";
            case 239 -> "NFLOG";
            case 249 -> "USBPCAP";
            default -> "unknown";
        };
        return name + " (" + (code & 0xffff) + ")";
    }
}
