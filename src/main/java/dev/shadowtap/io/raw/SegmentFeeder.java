package dev.shadowtap.io.raw;

import dev.shadowtap.core.Reason;
import dev.shadowtap.capture.FrameSink;
import dev.shadowtap.packet.Bytes;
import dev.shadowtap.packet.DecodeStatus;
import dev.shadowtap.packet.DecodedPacket;
import dev.shadowtap.packet.LinkType;
import dev.shadowtap.packet.PacketDecoder;
import dev.shadowtap.core.StageStats;
import dev.shadowtap.tcp.Segment;
import dev.shadowtap.tcp.TcpReassembler;

import java.util.List;

/**
 * Decodes each captured frame in place and hands its TCP segment to the reassembler, reusing one
 * cursor and one segment (no allocation per packet). Frames that are not a TCP segment are counted
 * by decode status on the input's stage ({@code not-ip}, {@code not-tcp}, {@code ip-fragment},
 * {@code malformed}...); segments of other ports than the captured ones are skipped (a file holds
 * whatever its capture kept; they are not losses); segments of the captured ports that the
 * {@link FrameSelection} refuses (VLAN tags, ignored interfaces) are counted by its reason.
 */
final class SegmentFeeder implements FrameSink {
    private final TcpReassembler reassembler;
    private final StageStats stage;
    private final boolean[] ports;
    private final FrameSelection selection;
    private final DecodedPacket packet = new DecodedPacket();
    private final Segment segment = new Segment();

    SegmentFeeder(TcpReassembler reassembler, StageStats stage, List<Integer> ports, FrameSelection selection) {
        this.reassembler = reassembler;
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
        int src = packet.srcAddressOffset();
        int dst = packet.dstAddressOffset();
        if (packet.addressLength() == 4) {
            segment.ipv4(Bytes.i32be(buf, src), Bytes.i32be(buf, dst));
        } else {
            segment.ipv6(Bytes.i64(buf, src, true), Bytes.i64(buf, src + 8, true),
                    Bytes.i64(buf, dst, true), Bytes.i64(buf, dst + 8, true));
        }
        segment.ports(packet.srcPort(), packet.dstPort())
                .tcp((int) packet.seq(), (int) packet.ack(), packet.flags())
                .payload(buf, packet.payloadOffset() < 0 ? 0 : packet.payloadOffset(), packet.payloadLength())
                .timestampNs(timestampNs);
        reassembler.accept(segment);
    }
}
