package dev.shadowtap.tcp;

import org.junit.jupiter.api.Test;

import java.nio.charset.StandardCharsets;
import java.util.ArrayList;
import java.util.Collections;
import java.util.List;
import java.util.Map;
import java.util.Random;
import java.util.Set;
import java.util.concurrent.ConcurrentHashMap;

import static org.assertj.core.api.Assertions.assertThat;

/**
 * The sharded design: segments routed by {@link ConnectionHash#shardOf} to one reassembler per
 * thread, all counting on one shared {@link TcpStats}. Both directions of every connection land on
 * the same shard, every stream comes out whole, and the shared counters add up.
 */
class ShardedReassemblyTest {
    private static final int SHARDS = 3;
    private static final int CONNECTIONS = 600;

    /** What the capture would hand over: one segment, its payload already copied out of the ring. */
    record Captured(int srcIp, int srcPort, int dstIp, int dstPort, int seq, int ack, int flags, byte[] payload) {
    }

    @Test
    void shardsReassembleTheirConnectionsOnTheirOwnThreads() throws InterruptedException {
        Random random = new Random(11);
        List<List<Captured>> perShard = new ArrayList<>();
        for (int i = 0; i < SHARDS; i++) {
            perShard.add(new ArrayList<>());
        }
        Segment probe = new Segment();
        for (int c = 0; c < CONNECTIONS; c++) {
            int clientIp = 0x0a000000 + c;
            int clientPort = 10000 + random.nextInt(50000);
            int cIsn = random.nextInt();
            int sIsn = random.nextInt();
            byte[] request = ("request " + c).getBytes(StandardCharsets.US_ASCII);
            byte[] response = ("response " + c).getBytes(StandardCharsets.US_ASCII);
            List<Captured> segments = List.of(
                    new Captured(clientIp, clientPort, 1, 80, cIsn, 0, Segment.SYN, new byte[0]),
                    new Captured(1, 80, clientIp, clientPort, sIsn, cIsn + 1, Segment.SYN | Segment.ACK, new byte[0]),
                    new Captured(clientIp, clientPort, 1, 80, cIsn + 1, sIsn + 1, Segment.ACK, request),
                    new Captured(1, 80, clientIp, clientPort, sIsn + 1, cIsn + 1 + request.length,
                            Segment.ACK | Segment.FIN, response),
                    new Captured(clientIp, clientPort, 1, 80, cIsn + 1 + request.length, sIsn + 2 + response.length,
                            Segment.ACK | Segment.FIN, new byte[0]));
            int shard = -1;
            for (Captured s : segments) {
                probe.ipv4(s.srcIp(), s.dstIp()).ports(s.srcPort(), s.dstPort());
                int mine = ConnectionHash.shardOf(probe, SHARDS);
                assertThat(shard == -1 || mine == shard).as("both directions on one shard").isTrue();
                shard = mine;
            }
            perShard.get(shard).addAll(segments);
        }

        TcpStats stats = new TcpStats();
        Map<String, String> streams = new ConcurrentHashMap<>();
        List<Thread> threads = new ArrayList<>();
        for (int shard = 0; shard < SHARDS; shard++) {
            List<Captured> input = perShard.get(shard);
            TcpReassembler reassembler = new TcpReassembler(ReassemblyConfig.DEFAULT.withServerPorts(Set.of(80)),
                    new Collecting(streams), stats, shard, SHARDS);
            threads.add(Thread.ofPlatform().name("tcp-shard-" + shard).start(() -> {
                Segment s = new Segment();
                for (Captured c : input) {
                    reassembler.accept(s.ipv4(c.srcIp(), c.dstIp()).ports(c.srcPort(), c.dstPort())
                            .tcp(c.seq(), c.ack(), c.flags()).payload(c.payload(), 0, c.payload().length));
                }
            }));
        }
        for (Thread t : threads) {
            t.join();
        }

        assertThat(perShard).allSatisfy(list -> assertThat(list.size()).isGreaterThan(CONNECTIONS));
        assertThat(streams).hasSize(CONNECTIONS);
        streams.forEach((client, text) -> {
            int c = Integer.parseInt(client) - 0x0a000000;
            assertThat(text).isEqualTo("request " + c + "|response " + c + "|FIN");
        });
        TcpStats.Snapshot s = stats.snapshot();
        assertThat(s.segments()).isEqualTo(5L * CONNECTIONS);
        assertThat(s.connectionsOpened()).isEqualTo(CONNECTIONS);
        assertThat(s.closed().get(CloseReason.FIN)).isEqualTo(CONNECTIONS);
        assertThat(s.payloadBytes()).isEqualTo(s.deliveredBytes());
    }

    /** Per connection "request|response|close reason", keyed by the client address as an int. */
    private record Collecting(Map<String, String> streams) implements StreamListener {
        @Override
        public void onOpen(TcpConnection c) {
            c.attach(new StringBuilder[] {new StringBuilder(), new StringBuilder()});
        }

        @Override
        public void onData(TcpConnection c, Direction d, byte[] b, int off, int len, long ts) {
            ((StringBuilder[]) c.attachment())[d.ordinal()].append(new String(b, off, len, StandardCharsets.US_ASCII));
        }

        @Override
        public void onGap(TcpConnection c, Direction d, long length) {
            ((StringBuilder[]) c.attachment())[d.ordinal()].append("<gap>");
        }

        @Override
        public void onEnd(TcpConnection c, Direction d) {
        }

        @Override
        public void onClose(TcpConnection c, CloseReason reason) {
            StringBuilder[] b = (StringBuilder[]) c.attachment();
            byte[] address = c.client().getAddress().getAddress();
            int ip = java.nio.ByteBuffer.wrap(address).getInt();
            streams.put(Integer.toString(ip), b[0] + "|" + b[1] + "|" + reason);
        }
    }
}
