package dev.shadowtap.io.raw;

import dev.shadowtap.capture.PacketSink;
import dev.shadowtap.packet.Bytes;
import dev.shadowtap.packet.DecodedPacket;
import dev.shadowtap.tcp.Segment;
import dev.shadowtap.tcp.TcpReassembler;

/**
 * Hands each TCP packet the capture selected to the reassembler as a {@link Segment}, reusing one
 * segment (no allocation per packet): the glue between the capture's door and TCP.
 */
final class SegmentFeeder implements PacketSink {
    private final TcpReassembler reassembler;
    private final Runnable flush;
    private final Segment segment = new Segment();

    /** @param flush runs when the engine handed over every packet that was ready */
    SegmentFeeder(TcpReassembler reassembler, Runnable flush) {
        this.reassembler = reassembler;
        this.flush = flush;
    }

    @Override
    public void flush() {
        flush.run();
    }

    @Override
    public void packet(byte[] buf, DecodedPacket packet, long timestampNs) {
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
