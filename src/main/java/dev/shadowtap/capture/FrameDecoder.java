package dev.shadowtap.capture;

import dev.shadowtap.core.Reason;
import dev.shadowtap.core.StageStats;
import dev.shadowtap.packet.DecodeStatus;
import dev.shadowtap.packet.DecodedPacket;
import dev.shadowtap.packet.LinkType;
import dev.shadowtap.packet.PacketDecoder;

import java.util.List;

/**
 * Decodes each captured frame in place, reusing one {@link DecodedPacket} (no allocation per packet),
 * and passes the TCP packets the capture selected to a {@link PacketSink}. Frames that are not a TCP
 * segment are counted by decode status on the input's stage ({@code not-ip}, {@code not-tcp},
 * {@code ip-fragment}, {@code malformed}...); segments of other ports than the captured ones are
 * skipped (a file holds whatever its capture kept; they are not losses); segments of the captured
 * ports that the {@link FrameSelection} refuses (VLAN tags, ignored interfaces) are counted by its reason.
 */
final class FrameDecoder implements FrameSink {
    private final PacketSink sink;
    private final StageStats stage;
    private final boolean[] ports;
    private final FrameSelection selection;
    private final DecodedPacket packet = new DecodedPacket();

    /** @param ports the captured ports; empty for every port */
    FrameDecoder(PacketSink sink, StageStats stage, List<Integer> ports, FrameSelection selection) {
        this.sink = sink;
        this.stage = stage;
        this.selection = selection;
        if (ports.isEmpty()) {
            this.ports = null;
        } else {
            this.ports = new boolean[65536];
            ports.forEach(p -> this.ports[p] = true);
        }
    }

    @Override
    public void frame(byte[] buf, int off, int len, int originalLength, long timestampNs, LinkType link) {
        if (link == null) {
            stage.drop(Reason.UNKNOWN_LINK_TYPE);
            return;
        }
        DecodeStatus status = PacketDecoder.decode(buf, off, len, link, packet);
        if (!status.isTcp()) {
            stage.drop(status.reason());
            return;
        }
        if (ports != null && !ports[packet.srcPort()] && !ports[packet.dstPort()]) {
            return;
        }
        Reason refused = selection.rejection(packet);
        if (refused != null) {
            stage.drop(refused);
            return;
        }
        if (status == DecodeStatus.PAYLOAD_TRUNCATED) {
            // the capture kept only part of the payload: the missing bytes become a gap in the stream
            stage.drop(status.reason());
        }
        sink.packet(buf, packet, timestampNs);
    }

    @Override
    public void flush() {
        sink.flush();
    }
}
