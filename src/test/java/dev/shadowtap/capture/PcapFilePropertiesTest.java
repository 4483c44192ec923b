package dev.shadowtap.capture;

import dev.shadowtap.packet.LinkType;
import net.jqwik.api.Arbitraries;
import net.jqwik.api.Arbitrary;
import net.jqwik.api.Combinators;
import net.jqwik.api.Example;
import net.jqwik.api.ForAll;
import net.jqwik.api.Property;
import net.jqwik.api.Provide;
import net.jqwik.api.constraints.IntRange;
import net.jqwik.api.constraints.Size;

import java.io.IOException;
import java.nio.ByteOrder;
import java.util.List;
import java.util.Random;

import static org.assertj.core.api.Assertions.assertThat;

/**
 * Arbitrary packets written as pcap or pcapng (either byte order, micro/nano/binary resolutions)
 * read back exactly, whatever the buffer size; random bytes, random tails after a valid header and
 * randomly damaged files never make the engine throw anything but a one-line {@link PcapFileException}
 * at open, and whatever it says is one line per problem.
 */
class PcapFilePropertiesTest {
    private static final long T0 = 1_700_000_000_000_000_000L;

    record Packet(long timestampNs, byte[] bytes, int originalLength) {
    }

    @Property(tries = 300)
    void writtenPacketsReadBackExactly(@ForAll("packets") List<Packet> packets, @ForAll boolean pcapng,
                                       @ForAll boolean bigEndian, @ForAll boolean nanos,
                                       @ForAll @IntRange(min = 1, max = 5000) int bufferSize) throws IOException {
        byte[] file = write(packets, pcapng, bigEndian, nanos);
        CollectedFrames sink = new CollectedFrames();
        PcapFileEngine engine = sink.read(file, bufferSize);
        assertThat(sink.warnings).isEmpty();
        assertThat(sink.frames).hasSameSizeAs(packets);
        for (int i = 0; i < packets.size(); i++) {
            Packet want = packets.get(i);
            CollectedFrames.Frame got = sink.frames.get(i);
            assertThat(got.bytes()).isEqualTo(want.bytes());
            assertThat(got.originalLength()).isEqualTo(want.originalLength());
            assertThat(got.timestampNs()).isEqualTo(nanos ? want.timestampNs() : want.timestampNs() / 1000 * 1000);
            assertThat(got.link()).isEqualTo(LinkType.ETHERNET);
        }
        assertThat(engine.stats().packets()).isEqualTo(packets.size());
        assertThat(engine.stats().bytes()).isEqualTo(packets.stream().mapToLong(p -> p.bytes().length).sum());
    }

    @Example
    void aCutGzipHeaderIsOneLineNotAnIoFailure() {
        readWithoutSurprises(new byte[]{0x1f, (byte) 0x8b, 0x08});
        readWithoutSurprises(new byte[]{0x1f, (byte) 0x8b, 0x07, 0, 0, 0, 0, 0, 0, 0});
    }

    @Property(tries = 1000)
    void randomBytesNeverThrow(@ForAll @Size(max = 400) byte[] bytes) {
        readWithoutSurprises(bytes);
    }

    @Property(tries = 1000)
    void randomTailsAfterAValidHeaderNeverThrow(@ForAll @Size(max = 400) byte[] tail, @ForAll boolean pcapng,
                                                @ForAll boolean bigEndian) {
        byte[] head = pcapng
                ? PcapWriter.pcapng(order(bigEndian)).interfaceDescription(1, 0, 9, 0).bytes()
                : PcapWriter.pcap(order(bigEndian), true, 65535, 1).bytes();
        readWithoutSurprises(concat(head, tail));
    }

    @Property(tries = 500)
    void damagedFilesNeverThrow(@ForAll("packets") List<Packet> packets, @ForAll boolean pcapng,
                                @ForAll boolean bigEndian, @ForAll long seed) {
        byte[] file = write(packets, pcapng, bigEndian, true);
        Random random = new Random(seed);
        int flips = 1 + random.nextInt(6);
        for (int i = 0; i < flips; i++) {
            file[random.nextInt(file.length)] = (byte) random.nextInt(256);
        }
        readWithoutSurprises(random.nextBoolean() ? file : java.util.Arrays.copyOf(file, random.nextInt(file.length)));
    }

    private static void readWithoutSurprises(byte[] file) {
        CollectedFrames sink = new CollectedFrames();
        try {
            PcapFileEngine engine = sink.read(file, 97);
            assertThat(engine.stats().packets()).isEqualTo(sink.frames.size());
            assertThat(sink.warnings.size()).isLessThanOrEqualTo(PcapFileEngine.MAX_WARNINGS + 1);
            long damageLines = sink.warnings.stream().filter(l -> l.contains("corrupt") || l.contains("truncated")).count();
            assertThat(engine.stats().engineDrops()).as("every damage line is counted").isGreaterThanOrEqualTo(damageLines);
        } catch (PcapFileException e) {
            assertThat(e.getMessage()).startsWith("test.pcap: ").doesNotContain("\n");
        } catch (IOException e) {
            throw new AssertionError("unexpected I/O failure reading bytes from memory", e);
        }
        assertThat(sink.warnings).allSatisfy(line -> assertThat(line).startsWith("test.pcap: ").doesNotContain("\n"));
    }

    private static byte[] write(List<Packet> packets, boolean pcapng, boolean bigEndian, boolean nanos) {
        if (pcapng) {
            PcapWriter w = PcapWriter.pcapng(order(bigEndian)).interfaceDescription(1, 0, nanos ? 9 : 6, 0);
            for (Packet p : packets) {
                long units = nanos ? p.timestampNs() : p.timestampNs() / 1000;
                w.enhancedPacket(0, units, p.bytes(), p.bytes().length, p.originalLength());
            }
            return w.bytes();
        }
        PcapWriter w = PcapWriter.pcap(order(bigEndian), nanos, 65535, 1);
        for (Packet p : packets) {
            w.record(p.timestampNs(), p.bytes(), p.bytes().length, p.originalLength());
        }
        return w.bytes();
    }

    private static ByteOrder order(boolean big) {
        return big ? ByteOrder.BIG_ENDIAN : ByteOrder.LITTLE_ENDIAN;
    }

    private static byte[] concat(byte[] a, byte[] b) {
        byte[] out = java.util.Arrays.copyOf(a, a.length + b.length);
        System.arraycopy(b, 0, out, a.length, b.length);
        return out;
    }

    @Provide
    Arbitrary<List<Packet>> packets() {
        Arbitrary<Packet> packet = Combinators.combine(
                        Arbitraries.longs().between(0, 3_000_000_000_000_000_000L),
                        Arbitraries.bytes().array(byte[].class).ofMaxSize(3000),
                        Arbitraries.integers().between(0, 100))
                .as((offset, bytes, extra) -> new Packet(T0 - 1_000_000_000_000_000_000L + offset, bytes, bytes.length + extra));
        return packet.list().ofMaxSize(20);
    }
}
