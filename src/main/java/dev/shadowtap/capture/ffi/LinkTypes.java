package dev.shadowtap.capture.ffi;

/**
 * pcap LINKTYPE numbers the engines report, and the mapping from a Linux device's ARPHRD hardware
 * type (sockaddr_ll.sll_hatype) to the link layer an AF_PACKET SOCK_RAW socket delivers for it.
 */
public final class LinkTypes {
    public static final int NULL = 0;          // BSD loopback
    public static final int ETHERNET = 1;      // DLT_EN10MB
    public static final int RAW = 101;         // raw IPv4/IPv6
    public static final int LINUX_SLL = 113;   // Linux cooked v1
    public static final int LINUX_SLL2 = 276;  // Linux cooked v2
    /** A device whose link layer shadowtap does not decode; frames carry it so they can be counted. */
    public static final int UNSUPPORTED = -1;

    static final int ARPHRD_ETHER = 1;
    static final int ARPHRD_PPP = 512;
    static final int ARPHRD_TUNNEL = 768;
    static final int ARPHRD_TUNNEL6 = 769;
    static final int ARPHRD_LOOPBACK = 772;
    static final int ARPHRD_SIT = 776;
    static final int ARPHRD_IPGRE = 778;
    static final int ARPHRD_IP6GRE = 823;
    static final int ARPHRD_RAWIP = 519;
    static final int ARPHRD_NONE = 0xFFFE;

    private LinkTypes() {
    }

    /**
     * The link layer of frames read from a device of this hardware type. Ethernet and loopback
     * (zeroed MACs) give Ethernet frames; tun, WireGuard, IP tunnels and raw-IP devices give IP
     * packets with no link header.
     */
    public static int ofHardwareType(int hatype) {
        return switch (hatype) {
            case ARPHRD_ETHER, ARPHRD_LOOPBACK -> ETHERNET;
            case ARPHRD_NONE, ARPHRD_RAWIP, ARPHRD_TUNNEL, ARPHRD_TUNNEL6, ARPHRD_SIT, ARPHRD_IPGRE,
                 ARPHRD_IP6GRE, ARPHRD_PPP -> RAW;
            default -> UNSUPPORTED;
        };
    }
}
