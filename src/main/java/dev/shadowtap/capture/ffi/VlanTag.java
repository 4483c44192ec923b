package dev.shadowtap.capture.ffi;

/**
 * Puts back the 802.1Q tag that the NIC stripped (the kernel reports it beside the frame in
 * tp_vlan_tci), so decoders see the frame as it was on the wire.
 */
final class VlanTag {
    private VlanTag() {
    }

    /** A copy of the Ethernet frame at {@code buf[off, off+len)} with the tag after both MAC addresses. */
    static byte[] reinsert(byte[] buf, int off, int len, int tpid, int tci) {
        byte[] tagged = new byte[len + 4];
        System.arraycopy(buf, off, tagged, 0, 12);
        tagged[12] = (byte) (tpid >>> 8);
        tagged[13] = (byte) tpid;
        tagged[14] = (byte) (tci >>> 8);
        tagged[15] = (byte) tci;
        System.arraycopy(buf, off + 12, tagged, 16, len - 12);
        return tagged;
    }
}
