package dev.shadowtap.capture;

import dev.shadowtap.core.Reason;
import dev.shadowtap.packet.LinkType;
import dev.shadowtap.core.Log;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;
import org.junit.jupiter.params.ParameterizedTest;
import org.junit.jupiter.params.provider.ValueSource;

import java.io.ByteArrayInputStream;
import java.io.ByteArrayOutputStream;
import java.io.IOException;
import java.nio.ByteOrder;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.Arrays;
import java.util.concurrent.atomic.AtomicInteger;
import java.util.zip.GZIPOutputStream;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;

class PcapFileEngineTest {
    private static final long T0 = 1_700_000_000_123_456_789L;
    private static final byte[] A = frame(60, 1);
    private static final byte[] B = frame(1514, 2);
    private static final byte[] C = frame(9000, 3);

    private final CollectedFrames sink = new CollectedFrames();

    static byte[] frame(int length, int seed) {
        byte[] f = new byte[length];
        for (int i = 0; i < length; i++) {
            f[i] = (byte) (i * 31 + seed);
        }
        return f;
    }

    private static ByteOrder order(boolean big) {
        return big ? ByteOrder.BIG_ENDIAN : ByteOrder.LITTLE_ENDIAN;
    }

    @ParameterizedTest
    @ValueSource(booleans = {true, false})
    void classicMicrosecondsInEitherByteOrder(boolean bigEndian) throws IOException {
        byte[] file = PcapWriter.pcap(order(bigEndian), false, 65535, 1)
                .record(T0, A).record(T0 + 1_000, B).record(T0 + 2_000_000_000L, C).bytes();
        PcapFileEngine engine = sink.read(file);
        assertThat(engine.linkType()).isEqualTo(LinkType.ETHERNET);
        assertThat(sink.frames).hasSize(3);
        assertThat(sink.frames.get(0).bytes()).isEqualTo(A);
        assertThat(sink.frames.get(1).bytes()).isEqualTo(B);
        assertThat(sink.frames.get(2).bytes()).isEqualTo(C);
        assertThat(sink.frames).extracting(CollectedFrames.Frame::timestampNs)
                .containsExactly(T0 / 1000 * 1000, (T0 + 1_000) / 1000 * 1000, (T0 + 2_000_000_000L) / 1000 * 1000);
        assertThat(sink.frames).extracting(CollectedFrames.Frame::link).containsOnly(LinkType.ETHERNET);
        assertThat(engine.stats().packets()).isEqualTo(3);
        assertThat(engine.stats().bytes()).isEqualTo(60 + 1514 + 9000);
        assertThat(engine.stats().drops()).isEmpty();
        assertThat(sink.warnings).isEmpty();
    }

    @ParameterizedTest
    @ValueSource(booleans = {true, false})
    void classicNanosecondsKeepEveryDigit(boolean bigEndian) throws IOException {
        byte[] file = PcapWriter.pcap(order(bigEndian), true, 65535, 101).record(T0, A).record(T0 + 1, B).bytes();
        PcapFileEngine engine = sink.read(file);
        assertThat(engine.linkType()).isEqualTo(LinkType.RAW);
        assertThat(sink.frames).extracting(CollectedFrames.Frame::timestampNs).containsExactly(T0, T0 + 1);
    }

    @Test
    void snaplenTruncatedRecordsKeepTheirWireLength() throws IOException {
        byte[] file = PcapWriter.pcap(ByteOrder.LITTLE_ENDIAN, false, 96, 113).record(T0, B, 96, 1514).bytes();
        sink.read(file);
        assertThat(sink.frames).singleElement().satisfies(f -> {
            assertThat(f.bytes()).isEqualTo(Arrays.copyOf(B, 96));
            assertThat(f.originalLength()).isEqualTo(1514);
            assertThat(f.link()).isEqualTo(LinkType.LINUX_SLL);
        });
    }

    @Test
    void everyCutOfAClassicFileIsOneLineAndNoCrash() throws IOException {
        byte[] file = PcapWriter.pcap(ByteOrder.LITTLE_ENDIAN, false, 65535, 1).record(T0, A).record(T0, B).bytes();
        int firstEnd = 24 + 16 + A.length;
        for (int cut = 25; cut < file.length; cut++) { // 24: a valid file with no records
            CollectedFrames collected = new CollectedFrames();
            PcapFileEngine engine = collected.read(Arrays.copyOf(file, cut), 32);
            assertThat(collected.frames).as("cut at %d", cut).hasSize(cut < firstEnd ? 0 : 1);
            if (cut == firstEnd) {
                assertThat(collected.warnings).isEmpty();
                assertThat(engine.stats().drops()).isEmpty();
            } else {
                long at = cut < firstEnd ? 24 : firstEnd;
                assertThat(collected.warnings).singleElement().asString()
                        .startsWith("test.pcap: truncated ").contains("at byte " + at + " ").contains("stopped");
                assertThat(engine.stats().dropped(Reason.TRUNCATED_FILE)).isEqualTo(1);
            }
        }
    }

    @Test
    void aCorruptRecordHeaderIsSkippedToTheNextRecord() throws IOException {
        byte[] good = PcapWriter.pcap(ByteOrder.BIG_ENDIAN, false, 65535, 1).record(T0, A).record(T0 + 1000, B).record(T0 + 2000, A).bytes();
        int second = 24 + 16 + A.length;
        byte[] damaged = good.clone();
        damaged[second + 8] = 0x7f; // caplen of the second record: 2 GB
        PcapFileEngine engine = sink.read(damaged);
        assertThat(sink.frames).extracting(f -> f.bytes().length).containsExactly(A.length, A.length);
        assertThat(sink.frames.get(1).timestampNs()).isEqualTo((T0 + 2000) / 1000 * 1000);
        assertThat(engine.stats().dropped(Reason.CORRUPT_RECORD)).isEqualTo(1);
        assertThat(sink.warnings).singleElement().asString()
                .isEqualTo("test.pcap: corrupt record header at byte " + second + " (caplen 2130707946); skipped "
                        + (16 + B.length) + " bytes to the next record at byte " + (second + 16 + B.length));
    }

    @Test
    void aHugeSnaplenDoesNotLetACorruptRecordExhaustMemory() throws IOException {
        byte[] file = PcapWriter.pcap(ByteOrder.LITTLE_ENDIAN, false, Integer.MAX_VALUE, 1)
                .record(T0, A).raw(PcapWriter.pcap(ByteOrder.LITTLE_ENDIAN, false, 0, 0).bytes()).record(T0, A).bytes();
        file[24 + 16 + A.length + 11] = 0x40; // the next record claims 1 GB
        PcapFileEngine engine = sink.read(file);
        assertThat(engine.stats().dropped(Reason.CORRUPT_RECORD)).isEqualTo(1);
        assertThat(sink.frames).hasSize(2);
    }

    @Test
    void garbageAfterTheLastRecordStopsWithOneLine() throws IOException {
        byte[] file = PcapWriter.pcap(ByteOrder.LITTLE_ENDIAN, false, 65535, 1).record(T0, A)
                .raw(new byte[]{-1, -1, -1, -1, -1, -1, -1, -1, -1, -1, -1, -1, -1, -1, -1, -1, -1, -1, -1, -1}).bytes();
        PcapFileEngine engine = sink.read(file);
        assertThat(sink.frames).hasSize(1);
        assertThat(engine.stats().dropped(Reason.CORRUPT_RECORD)).isEqualTo(1);
        assertThat(sink.warnings).singleElement().asString()
                .startsWith("test.pcap: corrupt record header at byte " + (24 + 16 + A.length)).endsWith("stopped");
    }

    @Test
    void notACaptureAndUnsupportedLinkTypesAreOneLineErrors() {
        assertThatThrownBy(() -> sink.read("GET / HTTP/1.1\r\n".getBytes()))
                .isInstanceOf(PcapFileException.class)
                .hasMessage("test.pcap: not a pcap or pcapng file (magic 0x47455420 at byte 0)");
        assertThatThrownBy(() -> sink.read(new byte[2]))
                .isInstanceOf(PcapFileException.class).hasMessage("test.pcap: not a pcap or pcapng file (2 bytes long)");
        assertThatThrownBy(() -> sink.read(PcapWriter.pcap(ByteOrder.LITTLE_ENDIAN, false, 65535, 105).bytes()))
                .isInstanceOf(PcapFileException.class)
                .hasMessageStartingWith("test.pcap: link type IEEE802_11 (105) is not supported")
                .hasMessageNotContaining("\n");
        assertThatThrownBy(() -> sink.read(Arrays.copyOf(PcapWriter.pcap(ByteOrder.LITTLE_ENDIAN, false, 1, 1).bytes(), 20)))
                .isInstanceOf(PcapFileException.class).hasMessage("test.pcap: truncated pcap file header (20 of 24 bytes)");
    }

    @Test
    void missingFileIsOneLine(@TempDir Path dir) {
        assertThatThrownBy(() -> PcapFileEngine.open(dir.resolve("nope.pcap"), Log.SILENT))
                .isInstanceOf(PcapFileException.class).hasMessage(dir.resolve("nope.pcap") + ": no such file");
        assertThatThrownBy(() -> PcapFileEngine.open(dir, Log.SILENT))
                .isInstanceOf(PcapFileException.class).hasMessage(dir + ": is a directory, not a pcap file");
    }

    @ParameterizedTest
    @ValueSource(booleans = {true, false})
    void pcapngInterfacesResolutionsAndBlockKinds(boolean bigEndian) throws IOException {
        byte[] file = PcapWriter.pcapng(order(bigEndian))
                .block(0x0BAD, new byte[]{1, 2, 3}) // unknown block, skipped
                .interfaceDescription(1, 65535, -1, 0)          // 0: Ethernet, microseconds by default
                .interfaceDescription(276, 65535, 9, 0)         // 1: SLL2, nanoseconds
                .interfaceDescription(101, 65535, 0x94, 0)      // 2: raw, 2^-20 s
                .interfaceDescription(0, 65535, 3, 100)         // 3: null, milliseconds, +100 s offset
                .enhancedPacketNs(0, T0, A)
                .enhancedPacketNs(1, T0, B)
                .enhancedPacketNs(2, T0, C)
                .enhancedPacketNs(3, T0, A)
                .block(0x0000_0BAD, new byte[40])
                .simplePacket(B, B.length)
                .obsoletePacket(1, T0 + 5, C)
                .interfaceStatistics(0, 7)
                .interfaceStatistics(1, 5)
                .bytes();
        PcapFileEngine engine = sink.read(file);
        assertThat(engine.linkType()).isEqualTo(LinkType.ETHERNET);
        assertThat(sink.frames).extracting(CollectedFrames.Frame::link).containsExactly(
                LinkType.ETHERNET, LinkType.LINUX_SLL2, LinkType.RAW, LinkType.NULL, LinkType.ETHERNET, LinkType.LINUX_SLL2);
        assertThat(sink.frames).extracting(f -> f.bytes().length).containsExactly(60, 1514, 9000, 60, 1514, 9000);
        assertThat(sink.frames.get(2).bytes()).isEqualTo(C);
        long binary = sink.frames.get(2).timestampNs();
        assertThat(sink.frames).extracting(CollectedFrames.Frame::timestampNs).containsExactly(
                T0 / 1000 * 1000, T0, binary, T0 / 1_000_000 * 1_000_000 + 100_000_000_000L,
                T0 / 1_000_000 * 1_000_000 + 100_000_000_000L, // simple packets take the last time seen
                T0 + 5);
        assertThat(binary).isBetween(T0 - 954, T0); // 2^-20 s is 954 ns
        assertThat(engine.stats().kernelDrops()).isEqualTo(12);
        assertThat(engine.stats().packets()).isEqualTo(6);
        assertThat(sink.warnings).isEmpty();
    }

    @Test
    void pcapngSectionsMayChangeByteOrderAndInterfaces() throws IOException {
        byte[] file = PcapWriter.pcapng(ByteOrder.LITTLE_ENDIAN)
                .interfaceDescription(1, 0, 9, 0).enhancedPacketNs(0, T0, A).interfaceStatistics(0, 3)
                .section(ByteOrder.BIG_ENDIAN)
                .interfaceDescription(113, 0, 9, 0).enhancedPacketNs(0, T0 + 1, B).interfaceStatistics(0, 4)
                .bytes();
        PcapFileEngine engine = sink.read(file);
        assertThat(sink.frames).extracting(CollectedFrames.Frame::link).containsExactly(LinkType.ETHERNET, LinkType.LINUX_SLL);
        assertThat(sink.frames).extracting(CollectedFrames.Frame::timestampNs).containsExactly(T0, T0 + 1);
        assertThat(engine.stats().kernelDrops()).isEqualTo(7);
    }

    @Test
    void pcapngUnknownLinkTypeIsOneLineAndItsPacketsAreCounted() throws IOException {
        byte[] file = PcapWriter.pcapng(ByteOrder.LITTLE_ENDIAN)
                .interfaceDescription(105, 0, 9, 0).interfaceDescription(1, 0, 9, 0)
                .enhancedPacketNs(0, T0, A).enhancedPacketNs(1, T0, B).enhancedPacketNs(0, T0, A).bytes();
        PcapFileEngine engine = PcapFileEngine.open(new ByteArrayInputStream(file), "test.pcap", sink.log, 64);
        assertThat(engine.linkType()).isNull(); // known only after reading the second interface
        engine.run(sink);
        assertThat(sink.frames).hasSize(1);
        assertThat(engine.linkType()).isEqualTo(LinkType.ETHERNET);
        assertThat(engine.stats().dropped(Reason.UNKNOWN_LINK_TYPE)).isEqualTo(2);
        assertThat(sink.warnings).containsExactly("test.pcap: interface 0 (block at byte 28) has link type IEEE802_11 (105),"
                + " which shadowtap cannot decode; its packets are skipped");
    }

    @Test
    void pcapngDamageInsideABlockIsSkippedAndBrokenFramingResyncs() throws IOException {
        PcapWriter w = PcapWriter.pcapng(ByteOrder.LITTLE_ENDIAN).interfaceDescription(1, 0, 9, 0);
        int badInterface = w.bytes().length;
        w.enhancedPacket(5, 0, A, A.length, A.length);
        int goodPacket = w.bytes().length;
        w.enhancedPacketNs(0, T0, B);
        int broken = w.bytes().length;
        w.enhancedPacketNs(0, T0, A).enhancedPacketNs(0, T0, A);
        byte[] file = w.bytes();
        file[broken + 4] = 13; // block length not a multiple of 4
        PcapFileEngine engine = sink.read(file);
        int next = broken + PcapWriter.pcapng(ByteOrder.LITTLE_ENDIAN).enhancedPacket(0, 0, A, A.length, A.length).bytes().length - 28;
        assertThat(sink.frames).extracting(f -> f.bytes().length).containsExactly(B.length, A.length);
        assertThat(engine.stats().dropped(Reason.CORRUPT_BLOCK)).isEqualTo(2);
        assertThat(sink.warnings).containsExactly(
                "test.pcap: corrupt block at byte " + badInterface + " (packet of interface 5 but the section describes 1); skipped it",
                "test.pcap: corrupt block at byte " + broken + " (type 0x6, length 13); skipped " + (next - broken)
                        + " bytes to the next block at byte " + next);
        assertThat(goodPacket).isGreaterThan(badInterface);
    }

    @Test
    void pcapngBrokenFramingWithNothingAfterItStops() throws IOException {
        byte[] file = PcapWriter.pcapng(ByteOrder.BIG_ENDIAN).interfaceDescription(1, 0, 9, 0).enhancedPacketNs(0, T0, A).bytes();
        int packet = PcapWriter.pcapng(ByteOrder.BIG_ENDIAN).interfaceDescription(1, 0, 9, 0).bytes().length;
        file[file.length - 1] = 1; // trailing length differs
        PcapFileEngine engine = sink.read(file);
        assertThat(sink.frames).isEmpty();
        assertThat(engine.stats().dropped(Reason.CORRUPT_BLOCK)).isEqualTo(1);
        assertThat(sink.warnings).containsExactly("test.pcap: corrupt block at byte " + packet + " (type 0x6: trailing length "
                + (((file.length - packet) & ~0xff) | 1) + " differs from " + (file.length - packet) + "); no block found after it, stopped");
    }

    @Test
    void everyCutOfAPcapngFileIsOneLineAndNoCrash() throws IOException {
        int sectionEnd = PcapWriter.pcapng(ByteOrder.BIG_ENDIAN).bytes().length;
        int interfaceEnd = PcapWriter.pcapng(ByteOrder.BIG_ENDIAN).interfaceDescription(1, 0, 9, 0).bytes().length;
        byte[] file = PcapWriter.pcapng(ByteOrder.BIG_ENDIAN).interfaceDescription(1, 0, 9, 0).enhancedPacketNs(0, T0, A).bytes();
        for (int cut = 4; cut < file.length; cut++) {
            if (cut == sectionEnd || cut == interfaceEnd) {
                continue; // a valid file without packets
            }
            CollectedFrames collected = new CollectedFrames();
            PcapFileEngine engine = collected.read(Arrays.copyOf(file, cut), 16);
            assertThat(collected.frames).isEmpty();
            assertThat(collected.warnings).as("cut at %d", cut).singleElement().asString()
                    .startsWith("test.pcap: truncated block").contains("stopped there");
            assertThat(engine.stats().dropped(Reason.TRUNCATED_FILE)).isEqualTo(1);
        }
    }

    @Test
    void damageLinesAreCappedButAllCounted() throws IOException {
        PcapWriter w = PcapWriter.pcapng(ByteOrder.LITTLE_ENDIAN).interfaceDescription(1, 0, 9, 0);
        for (int i = 0; i < 100; i++) {
            w.enhancedPacket(9, 0, A, A.length, A.length);
        }
        PcapFileEngine engine = sink.read(w.bytes());
        assertThat(engine.stats().dropped(Reason.CORRUPT_BLOCK)).isEqualTo(100);
        assertThat(sink.warnings).hasSize(PcapFileEngine.MAX_WARNINGS + 1);
        assertThat(sink.warnings.getLast()).contains("only counted");
    }

    @Test
    void gzippedFilesAndPathsAreRead(@TempDir Path dir) throws IOException {
        byte[] file = PcapWriter.pcap(ByteOrder.LITTLE_ENDIAN, true, 65535, 1).record(T0, A).record(T0, C).bytes();
        ByteArrayOutputStream gz = new ByteArrayOutputStream();
        try (GZIPOutputStream out = new GZIPOutputStream(gz)) {
            out.write(file);
        }
        Path path = dir.resolve("f.pcap.gz");
        Files.write(path, gz.toByteArray());
        try (PcapFileEngine engine = PcapFileEngine.open(path, sink.log)) {
            engine.run(sink);
            assertThat(engine.name()).isEqualTo(path.toString());
        }
        assertThat(sink.frames).extracting(CollectedFrames.Frame::bytes).containsExactly(A, C);
    }

    @Test
    void closeStopsRunBeforeTheNextFrame() throws IOException {
        PcapWriter w = PcapWriter.pcap(ByteOrder.LITTLE_ENDIAN, false, 65535, 1);
        for (int i = 0; i < 1000; i++) {
            w.record(T0 + i * 1000L, A);
        }
        PcapFileEngine engine = PcapFileEngine.open(new ByteArrayInputStream(w.bytes()), "stdin", Log.SILENT);
        AtomicInteger seen = new AtomicInteger();
        engine.run((buf, off, len, orig, ts, link) -> {
            if (seen.incrementAndGet() == 10) {
                engine.close();
            }
        });
        assertThat(seen.get()).isEqualTo(10);
        assertThat(engine.stats().packets()).isEqualTo(10);
        assertThatThrownBy(() -> engine.run((buf, off, len, orig, ts, link) -> {
        })).isInstanceOf(IllegalStateException.class);
    }
}
