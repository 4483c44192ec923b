package dev.shadowtap.tcp;

import org.junit.jupiter.api.Test;

import static org.assertj.core.api.Assertions.assertThat;

/**
 * A million idle connections (handshake and a request and response each, all in order) stay
 * small: no per-connection buffers unless data arrives out of order. Measured with the heap's used
 * memory after full collections; the bound is generous because the measurement is coarse. Then one
 * tick past the idle timeout closes them all.
 */
class IdleFlowMemoryTest {
    private static final int FLOWS = 1_000_000;

    @Test
    void aMillionIdleConnectionsCostAFewHundredBytesEach() {
        StreamListener quiet = new StreamListener() {
            @Override
            public void onOpen(TcpConnection connection) {
            }

            @Override
            public void onData(TcpConnection c, Direction d, byte[] b, int off, int len, long ts) {
            }

            @Override
            public void onGap(TcpConnection c, Direction d, long length) {
            }

            @Override
            public void onEnd(TcpConnection c, Direction d) {
            }

            @Override
            public void onClose(TcpConnection c, CloseReason reason) {
            }
        };
        TcpStats stats = new TcpStats();
        long before = usedHeap();
        TcpReassembler reassembler = new TcpReassembler(ReassemblyConfig.DEFAULT, quiet, stats);
        Segment s = new Segment();
        byte[] request = "GET / HTTP/1.1\r\nHost: x\r\n\r\n".getBytes();
        byte[] response = "HTTP/1.1 204 No Content\r\n\r\n".getBytes();
        java.lang.management.ThreadMXBean cpu = java.lang.management.ManagementFactory.getThreadMXBean();
        long start = cpu.getCurrentThreadCpuTime();
        for (int i = 0; i < FLOWS; i++) {
            int client = 0x0a000000 | (i >>> 14);
            int port = 1024 + (i & 0x3fff);
            int server = 0x0a800001;
            int cIsn = i * 7919;
            int sIsn = ~i;
            s.timestampNs(i).noPayload();
            reassembler.accept(s.ipv4(client, server).ports(port, 80).tcp(cIsn, 0, Segment.SYN));
            reassembler.accept(s.ipv4(server, client).ports(80, port).tcp(sIsn, cIsn + 1, Segment.SYN | Segment.ACK));
            reassembler.accept(s.ipv4(client, server).ports(port, 80).tcp(cIsn + 1, sIsn + 1, Segment.ACK)
                    .payload(request, 0, request.length));
            reassembler.accept(s.ipv4(server, client).ports(80, port).tcp(sIsn + 1, cIsn + 1 + request.length, Segment.ACK)
                    .payload(response, 0, response.length));
        }
        long elapsed = cpu.getCurrentThreadCpuTime() - start;
        long after = usedHeap();
        long perFlow = (after - before) / FLOWS;
        System.out.printf("tcp reassembly: %,d idle connections, %d bytes per connection, %.0f ns CPU per segment (handshakes included)%n",
                reassembler.openConnections(), perFlow, elapsed / (4.0 * FLOWS));

        assertThat(reassembler.openConnections()).isEqualTo(FLOWS);
        assertThat(stats.snapshot().deliveredBytes()).isEqualTo((long) FLOWS * (request.length + response.length));
        assertThat(perFlow).isBetween(100L, 400L);

        reassembler.tick(FLOWS + ReassemblyConfig.DEFAULT.idleTimeout().toNanos());
        assertThat(reassembler.connections()).isZero();
        assertThat(stats.snapshot().closed().get(CloseReason.IDLE)).isEqualTo(FLOWS);
    }

    private static long usedHeap() {
        Runtime rt = Runtime.getRuntime();
        long used = Long.MAX_VALUE;
        for (int i = 0; i < 5; i++) {
            System.gc();
            used = Math.min(used, rt.totalMemory() - rt.freeMemory());
        }
        return used;
    }
}
