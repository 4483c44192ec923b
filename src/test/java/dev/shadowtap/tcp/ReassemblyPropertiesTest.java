package dev.shadowtap.tcp;

import net.jqwik.api.Arbitraries;
import net.jqwik.api.Arbitrary;
import net.jqwik.api.ForAll;
import net.jqwik.api.Property;
import net.jqwik.api.Provide;
import net.jqwik.api.constraints.IntRange;

import java.util.ArrayList;
import java.util.Comparator;
import java.util.List;
import java.util.Random;
import java.util.Set;

import static org.assertj.core.api.Assertions.assertThat;

/**
 * A random byte stream cut into random segments, with random duplicates and overlaps, shuffled
 * within a window, sequence numbers anywhere (often across 2^32): it reassembles to exactly the
 * original. With segments dropped, everything delivered is right and the lost bytes are reported
 * as gaps of exactly the missing lengths. With tiny held-bytes caps, nothing is delivered wrong and
 * every stream position is either delivered or inside a reported gap.
 */
class ReassemblyPropertiesTest {
    private static final long T0 = 5_000_000_000L;

    @Provide
    Arbitrary<Long> seeds() {
        return Arbitraries.longs();
    }

    @Property(tries = 400)
    void shuffledDuplicatedSegmentsReassembleExactly(@ForAll("seeds") long seed, @ForAll @IntRange(max = 5000) int length,
                                                     @ForAll @IntRange(min = 1, max = 600) int maxSegment,
                                                     @ForAll @IntRange(max = 12) int window) {
        Random random = new Random(seed);
        Stream stream = new Stream(random, length);
        List<int[]> ranges = stream.cut(maxSegment);
        ranges.addAll(stream.duplicates(ranges.size() / 3 + 1, maxSegment));

        Image image = stream.feed(shuffle(random, ranges, window), ReassemblyConfig.DEFAULT);

        assertThat(image.gaps).isEmpty();
        assertThat(image.bytes()).isEqualTo(stream.data);
        assertThat(image.ended).isTrue();
        assertThat(image.stats.heldBytes()).isZero();
        assertThat(image.stats.deliveredBytes()).isEqualTo(length);
        assertThat(image.stats.payloadBytes()).isEqualTo(image.stats.deliveredBytes() + image.stats.notDeliveredBytes());
    }

    @Property(tries = 400)
    void droppedSegmentsBecomeGapsOfExactlyTheMissingLengths(@ForAll("seeds") long seed,
                                                              @ForAll @IntRange(min = 1, max = 5000) int length,
                                                              @ForAll @IntRange(min = 1, max = 600) int maxSegment,
                                                              @ForAll @IntRange(max = 12) int window,
                                                              @ForAll @IntRange(min = 1, max = 60) int dropPercent) {
        Random random = new Random(seed);
        Stream stream = new Stream(random, length);
        List<int[]> ranges = new ArrayList<>(stream.cut(maxSegment).stream().filter(r -> random.nextInt(100) >= dropPercent).toList());
        ranges.addAll(stream.duplicates(ranges.size() / 4, maxSegment));
        boolean[] sent = new boolean[length];
        ranges.forEach(r -> java.util.Arrays.fill(sent, r[0], r[0] + r[1], true));

        // 1-byte segments behind an early gap would exceed the default cap of 4096 held pieces
        ReassemblyConfig config = ReassemblyConfig.DEFAULT.withHeldLimits(1 << 20, 10_000, 1 << 20);
        Image image = stream.feed(shuffle(random, ranges, window), config);

        assertThat(image.position).isEqualTo(length);
        assertThat(image.gaps).isEqualTo(missingRuns(sent));
        for (int i = 0; i < length; i++) {
            if (sent[i]) {
                assertThat(image.image[i]).as("byte %d", i).isEqualTo(stream.data[i]);
            }
        }
        assertThat(image.ended).isTrue();
        long missing = image.gaps.stream().mapToLong(Gap::length).sum();
        assertThat(image.stats.gapBytes().get(GapReason.EXPIRED)).isEqualTo(missing);
        assertThat(image.stats.deliveredBytes()).isEqualTo(length - missing);
        assertThat(image.stats.payloadBytes()).isEqualTo(image.stats.deliveredBytes() + image.stats.notDeliveredBytes());
    }

    @Property(tries = 300)
    void tinyHeldCapsNeverDeliverWrongBytesNorLoseTrackOfAPosition(@ForAll("seeds") long seed,
                                                                   @ForAll @IntRange(min = 1, max = 3000) int length,
                                                                   @ForAll @IntRange(min = 1, max = 300) int maxSegment,
                                                                   @ForAll @IntRange(max = 20) int window,
                                                                   @ForAll @IntRange(min = 1, max = 2000) int heldCap,
                                                                   @ForAll @IntRange(min = 1, max = 6) int pieceCap) {
        Random random = new Random(seed);
        Stream stream = new Stream(random, length);
        List<int[]> ranges = stream.cut(maxSegment);
        ranges.addAll(stream.duplicates(ranges.size() / 3, maxSegment));
        ReassemblyConfig config = ReassemblyConfig.DEFAULT.withHeldLimits(heldCap, pieceCap, heldCap);

        Image image = stream.feed(shuffle(random, ranges, window), config);

        assertThat(image.position).isEqualTo(length);
        for (int i = 0; i < length; i++) {
            if (!image.inGap[i]) {
                assertThat(image.image[i]).as("byte %d", i).isEqualTo(stream.data[i]);
            }
        }
        long gapBytes = image.gaps.stream().mapToLong(Gap::length).sum();
        assertThat(image.stats.gapBytesTotal()).isEqualTo(gapBytes);
        assertThat(image.stats.deliveredBytes() + gapBytes).isEqualTo(length);
        assertThat(image.stats.heldBytes()).isZero();
    }

    record Gap(long offset, long length) {
    }

    private static List<Gap> missingRuns(boolean[] sent) {
        List<Gap> runs = new ArrayList<>();
        for (int i = 0; i < sent.length; ) {
            if (sent[i]) {
                i++;
                continue;
            }
            int start = i;
            while (i < sent.length && !sent[i]) {
                i++;
            }
            runs.add(new Gap(start, i - start));
        }
        return runs;
    }

    /** Each range moves at most {@code window} places from where it was. */
    private static List<int[]> shuffle(Random random, List<int[]> ranges, int window) {
        List<double[]> keyed = new ArrayList<>();
        for (int i = 0; i < ranges.size(); i++) {
            keyed.add(new double[] {i + random.nextDouble() * (window + 1), i});
        }
        keyed.sort(Comparator.comparingDouble(k -> k[0]));
        return keyed.stream().map(k -> ranges.get((int) k[1])).toList();
    }

    /** The original stream of the client side, and how its segments go on the wire. */
    private static final class Stream {
        final Random random;
        final byte[] data;
        final int isn;

        Stream(Random random, int length) {
            this.random = random;
            this.data = new byte[length];
            random.nextBytes(data);
            // half the time the sequence numbers cross 2^32 inside the stream
            this.isn = random.nextBoolean() ? -1 - random.nextInt(length + 1) : random.nextInt();
        }

        /** The stream cut into consecutive segments: {offset, length}. */
        List<int[]> cut(int maxSegment) {
            List<int[]> ranges = new ArrayList<>();
            for (int pos = 0; pos < data.length; ) {
                int n = Math.min(data.length - pos, 1 + random.nextInt(maxSegment));
                ranges.add(new int[] {pos, n});
                pos += n;
            }
            return ranges;
        }

        /** Random ranges re-sent: retransmissions, overlaps, segments spanning several others. */
        List<int[]> duplicates(int count, int maxSegment) {
            List<int[]> ranges = new ArrayList<>();
            for (int i = 0; i < count && data.length > 0; i++) {
                int start = random.nextInt(data.length);
                ranges.add(new int[] {start, Math.min(data.length - start, 1 + random.nextInt(2 * maxSegment))});
            }
            return ranges;
        }

        /** SYN, the ranges in the given order with a FIN among the last of them, then time passes. */
        Image feed(List<int[]> order, ReassemblyConfig config) {
            Image image = new Image(data.length);
            TcpStats stats = new TcpStats();
            TcpReassembler reassembler = new TcpReassembler(config.withServerPorts(Set.of(80)), image, stats);
            Segment s = new Segment().ipv4(0x0a000001, 0x0a000002).ports(40000, 80).timestampNs(T0);
            reassembler.accept(s.tcp(isn - 1, 0, Segment.SYN).noPayload());
            int finAt = Math.max(0, order.size() - random.nextInt(4));
            for (int i = 0; i <= order.size(); i++) {
                if (i == finAt) {
                    reassembler.accept(s.tcp(isn + data.length, 0, Segment.FIN | Segment.ACK).noPayload());
                }
                if (i < order.size()) {
                    int[] r = order.get(i);
                    byte[] wire = new byte[r[1] + 10];
                    System.arraycopy(data, r[0], wire, 5, r[1]);
                    reassembler.accept(s.tcp(isn + r[0], 0, Segment.ACK).payload(wire, 5, r[1]));
                    java.util.Arrays.fill(wire, (byte) 0x5a);
                }
            }
            reassembler.tick(T0 + config.expire().toNanos());
            image.stats = stats.snapshot();
            return image;
        }
    }

    /** The client stream as the listener saw it: bytes at their offsets, gaps as {offset, length}. */
    private static final class Image implements StreamListener {
        final byte[] image;
        final boolean[] inGap;
        final List<Gap> gaps = new ArrayList<>();
        int position;
        boolean ended;
        TcpStats.Snapshot stats;

        Image(int length) {
            image = new byte[length];
            inGap = new boolean[length];
        }

        byte[] bytes() {
            return java.util.Arrays.copyOf(image, position);
        }

        @Override
        public void onOpen(TcpConnection connection) {
        }

        @Override
        public void onData(TcpConnection c, Direction d, byte[] b, int off, int len, long ts) {
            assertThat(d).isEqualTo(Direction.FROM_CLIENT);
            System.arraycopy(b, off, image, position, len);
            position += len;
        }

        @Override
        public void onGap(TcpConnection c, Direction d, long length) {
            gaps.add(new Gap(position, length));
            java.util.Arrays.fill(inGap, position, position + (int) length, true);
            position += (int) length;
        }

        @Override
        public void onEnd(TcpConnection c, Direction d) {
            ended = true;
        }

        @Override
        public void onClose(TcpConnection c, CloseReason reason) {
        }
    }
}
