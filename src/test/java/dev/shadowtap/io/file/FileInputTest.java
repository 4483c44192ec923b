package dev.shadowtap.io.file;

import dev.shadowtap.core.Reason;
import dev.shadowtap.core.Log;
import dev.shadowtap.pipeline.Message;
import dev.shadowtap.pipeline.MessageType;
import dev.shadowtap.core.StageStats;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;

import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.ArrayList;
import java.util.List;
import java.util.concurrent.CopyOnWriteArrayList;

import static dev.shadowtap.io.file.GorFixtures.BASE_NS;
import static dev.shadowtap.io.file.GorFixtures.MS;
import static dev.shadowtap.io.file.GorFixtures.record;
import static dev.shadowtap.io.file.GorFixtures.requestsAtMs;
import static dev.shadowtap.io.file.GorFixtures.write;
import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;

/** What {@link FileInput} reads from real files, in which order, and how it ends; unpaced. */
class FileInputTest {
    @TempDir
    Path dir;

    private final StageStats stats = new StageStats("file");
    private final List<String> warnings = new CopyOnWriteArrayList<>();
    private final Log log = new Log() {
        @Override
        public void warn(String line) {
            warnings.add(line);
        }

        @Override
        public void info(String line) {
        }
    };

    private FileInput fast(String pattern, boolean loop, int readDepth) throws Exception {
        return new FileInput(new FileInputConfig(pattern, FileInputConfig.AS_FAST_AS_POSSIBLE, loop, readDepth,
                null, false), stats, log);
    }

    private static List<Message> readAll(FileInput input) throws Exception {
        List<Message> out = new ArrayList<>();
        Message message;
        while ((message = input.read()) != null) {
            out.add(message);
        }
        return out;
    }

    private static List<Long> offsetsMs(List<Message> messages) {
        return messages.stream().map(m -> (m.timestampNs() - BASE_NS) / MS).toList();
    }

    @Test
    void messagesComeOutExactlyAsRecorded() throws Exception {
        List<Message> written = List.of(record(MessageType.REQUEST, BASE_NS, 1),
                record(MessageType.RESPONSE, BASE_NS + 5 * MS, 1), record(MessageType.REPLAYED, BASE_NS + 9 * MS, 1));
        Path file = write(dir.resolve("one.gor"), written);
        try (FileInput input = fast(file.toString(), false, 100)) {
            assertThat(readAll(input)).containsExactlyElementsOf(written);
            assertThat(input.filesWithoutRecords()).isEmpty();
        }
        // Messages are counted by the emitter that reads the input; the input itself counts only drops.
        assertThat(stats.messages()).isZero();
        assertThat(stats.droppedTotal()).isZero();
    }

    @Test
    void readDepthReordersWithinTheWindowOnly() throws Exception {
        Path file = write(dir.resolve("ooo.gor"), requestsAtMs(40, 10, 20, 30, 5));
        try (FileInput input = fast(file.toString(), false, 3)) {
            // 5 arrives after 10 and 20 have left the window: it cannot go before them
            assertThat(offsetsMs(readAll(input))).containsExactly(10L, 20L, 5L, 30L, 40L);
        }
        try (FileInput input = fast(file.toString(), false, 100)) {
            assertThat(offsetsMs(readAll(input))).containsExactly(5L, 10L, 20L, 30L, 40L);
        }
        try (FileInput input = fast(file.toString(), false, 1)) {
            assertThat(offsetsMs(readAll(input))).containsExactly(40L, 10L, 20L, 30L, 5L);
        }
    }

    @Test
    void equalTimestampsKeepFileOrder() throws Exception {
        Path file = write(dir.resolve("same.gor"), requestsAtMs(7, 7, 7, 3, 7));
        try (FileInput input = fast(file.toString(), false, 100)) {
            List<Message> out = readAll(input);
            assertThat(out.stream().map(m -> new String(m.payload(), StandardCharsets.US_ASCII).substring(0, 12))
                    .toList()).containsExactly("GET /item/3 ", "GET /item/0 ", "GET /item/1 ", "GET /item/2 ",
                    "GET /item/4 ");
        }
    }

    @Test
    void globReadsMatchingFilesSortedByNameAsOneStreamGzipIncluded() throws Exception {
        write(dir.resolve("rec_b.gor"), requestsAtMs(20, 21));
        write(dir.resolve("rec_a.gor.gz"), requestsAtMs(10, 11));
        write(dir.resolve("rec_c.gor"), requestsAtMs(30));
        write(dir.resolve("other.gor"), requestsAtMs(99));
        write(dir.resolve("sub/rec_d.gor"), requestsAtMs(40));
        try (FileInput input = fast(dir + "/rec_*", false, 1)) {
            assertThat(input.files()).containsExactly(dir.resolve("rec_a.gor.gz").toString(), dir.resolve("rec_b.gor").toString(),
                    dir.resolve("rec_c.gor").toString());
            assertThat(offsetsMs(readAll(input))).containsExactly(10L, 11L, 20L, 21L, 30L);
        }
        try (FileInput input = fast(dir + "/**rec_[ad]*", false, 1)) {
            assertThat(input.files()).containsExactly(dir.resolve("rec_a.gor.gz").toString(), dir.resolve("sub/rec_d.gor").toString());
            assertThat(offsetsMs(readAll(input))).containsExactly(10L, 11L, 40L);
        }
        try (FileInput input = fast(dir + "/rec_?.gor", false, 1)) {
            assertThat(input.files()).containsExactly(dir.resolve("rec_b.gor").toString(), dir.resolve("rec_c.gor").toString());
        }
    }

    @Test
    void relativeGlobWorksFromTheCurrentDirectory() throws Exception {
        Path cwd = Path.of("").toAbsolutePath();
        Path relativeDir = cwd.relativize(dir);
        write(dir.resolve("r1.gor"), requestsAtMs(1));
        try (FileInput input = fast(relativeDir + "/r*.gor", false, 1)) {
            assertThat(input.files()).containsExactly(relativeDir.resolve("r1.gor").toString());
            assertThat(readAll(input)).hasSize(1);
        }
    }

    @Test
    void patternMatchingNothingIsAOneLineErrorNamingIt() {
        String pattern = dir + "/nothing-*.gor";
        assertThatThrownBy(() -> fast(pattern, false, 100))
                .isInstanceOf(FileInputException.class)
                .hasMessage("--input-file " + pattern + ": no file matches")
                .hasMessageNotContaining("\n");
        String plain = dir + "/missing.gor";
        assertThatThrownBy(() -> fast(plain, false, 100))
                .isInstanceOf(FileInputException.class)
                .hasMessage("--input-file " + plain + ": no such file");
        String noDir = dir + "/nodir/*.gor";
        assertThatThrownBy(() -> fast(noDir, false, 100))
                .isInstanceOf(FileInputException.class)
                .hasMessageStartingWith("--input-file " + noDir + ": no file matches")
                .hasMessageNotContaining("\n");
        String badGlob = dir + "/rec_[ab.gor";
        assertThatThrownBy(() -> fast(badGlob, false, 100))
                .isInstanceOf(FileInputException.class)
                .hasMessageStartingWith("--input-file " + badGlob + ": bad glob")
                .hasMessageNotContaining("\n");
    }

    @Test
    void filesWithoutReadableRecordsAreReportedAndTheRestIsRead() throws Exception {
        write(dir.resolve("f1.gor"), requestsAtMs(1, 2));
        Files.writeString(dir.resolve("f2.gor"), "this is not a gor file\n\uD83D\uDC35\uD83D\uDE48\uD83D\uDE49\nnor this");
        Files.write(dir.resolve("f3.gor"), new byte[0]);
        Files.writeString(dir.resolve("f4.gor.gz"), "not gzip at all");
        write(dir.resolve("f5.gor"), requestsAtMs(5));
        try (FileInput input = fast(dir + "/f*", false, 100)) {
            assertThat(offsetsMs(readAll(input))).containsExactly(1L, 2L, 5L);
            assertThat(input.filesWithoutRecords()).containsExactly(dir.resolve("f2.gor").toString(), dir.resolve("f3.gor").toString(),
                    dir.resolve("f4.gor.gz").toString());
        }
        // The reader reports a .gz name that holds no gzip stream as corrupt (it is opened, not refused).
        assertThat(stats.dropped(Reason.CORRUPT_GZIP) + stats.dropped(Reason.TRUNCATED_GZIP)).isEqualTo(1);
        assertThat(stats.droppedTotal()).isEqualTo(3); // two garbage records and the non-gzip file
        assertThat(warnings).anySatisfy(w -> assertThat(w).startsWith(dir.resolve("f4.gor.gz").toString()));
        assertThat(warnings).allSatisfy(w -> assertThat(w).doesNotContain("\n"));
    }

    @Test
    void loopRepeatsTheFilesUntilClosed() throws Exception {
        write(dir.resolve("l1.gor"), requestsAtMs(1, 2));
        write(dir.resolve("l2.gor.gz"), requestsAtMs(3));
        FileInput input = fast(dir + "/l*", true, 100);
        List<Long> seen = new ArrayList<>();
        for (int i = 0; i < 10; i++) {
            seen.add((input.read().timestampNs() - BASE_NS) / MS);
        }
        assertThat(seen).containsExactly(1L, 2L, 3L, 1L, 2L, 3L, 1L, 2L, 3L, 1L);
        input.close();
        assertThat(input.read()).isNull();
        assertThat(input.filesWithoutRecords()).isEmpty();
    }

    @Test
    void loopDoesNotReorderAcrossPasses() throws Exception {
        write(dir.resolve("l.gor"), requestsAtMs(1, 2, 3));
        try (FileInput input = fast(dir + "/l.gor", true, 100)) {
            List<Long> seen = new ArrayList<>();
            for (int i = 0; i < 7; i++) {
                seen.add((input.read().timestampNs() - BASE_NS) / MS);
            }
            assertThat(seen).containsExactly(1L, 2L, 3L, 1L, 2L, 3L, 1L);
        }
    }

    @Test
    void aDamagedRecordIsReportedOnceWhenLoopingAndCountedEveryPass() throws Exception {
        Path file = write(dir.resolve("d.gor"), requestsAtMs(1, 2));
        Files.writeString(file, "garbage here\n\uD83D\uDC35\uD83D\uDE48\uD83D\uDE49\n", java.nio.file.StandardOpenOption.APPEND);
        try (FileInput input = fast(file.toString(), true, 100)) {
            for (int i = 0; i < 2 * 50; i++) { // 50 whole passes (the window reads each file to its end)
                assertThat(input.read()).isNotNull();
            }
        }

        assertThat(warnings).singleElement().asString().startsWith(file + ":").contains("record skipped");
        assertThat(stats.dropped(Reason.BAD_HEADER)).isEqualTo(50);
    }

    @Test
    void loopOverFilesWithoutRecordsStopsWithAnError() throws Exception {
        Files.writeString(dir.resolve("g.gor"), "garbage only");
        try (FileInput input = fast(dir + "/g.gor", true, 100)) {
            assertThatThrownBy(input::read).isInstanceOf(FileInputException.class)
                    .hasMessageContaining(dir + "/g.gor").hasMessageNotContaining("\n");
            assertThat(input.filesWithoutRecords()).containsExactly(dir.resolve("g.gor").toString());
            assertThat(input.read()).isNull();
        }
    }

    @Test
    void aDirectoryGivenAsTheFileIsRefusedAsADirectoryNotAsMissing() {
        assertThatThrownBy(() -> fast(dir.toString(), false, 100)).isInstanceOf(FileInputException.class)
                .hasMessageStartingWith("--input-file " + dir + ": is a directory")
                .hasMessageContaining(dir + "/*.gor").hasMessageNotContaining("no such file");
        assertThatThrownBy(() -> fast(dir.resolve("nope.gor").toString(), false, 100))
                .hasMessage("--input-file " + dir.resolve("nope.gor") + ": no such file");
    }

    @Test
    void aMissingFileWhoseChunksAreThereNamesTheGlobThatReadsThem() throws Exception {
        write(dir.resolve("requests_0.gor"), requestsAtMs(1));
        write(dir.resolve("requests_1.gor"), requestsAtMs(2));
        assertThatThrownBy(() -> fast(dir.resolve("requests.gor").toString(), false, 100))
                .hasMessage("--input-file " + dir.resolve("requests.gor") + ": no such file (it was written in chunks,"
                        + " requests_0.gor, ...: --input-file '" + dir.resolve("requests_*.gor") + "' reads them all)");
        Files.write(dir.resolve("old_0.gor.gz"), new byte[0]);
        assertThatThrownBy(() -> fast(dir.resolve("old.gor.gz").toString(), false, 100))
                .hasMessageEndingWith("--input-file '" + dir.resolve("old_*.gor.gz") + "' reads them all)");
    }

    @Test
    void aFileThatCannotBeReadIsSkippedWithTheReasonAndIsNotAFileWithoutRecords() throws Exception {
        write(dir.resolve("a.gor"), requestsAtMs(1, 2));
        Path gone = write(dir.resolve("b.gor"), requestsAtMs(3));
        write(dir.resolve("c.gor"), requestsAtMs(4));
        FileInput input = fast(dir + "/*.gor", false, 100);
        Files.delete(gone); // matched by the glob, gone when its turn comes: a real failure to open it

        assertThat(offsetsMs(readAll(input))).containsExactly(1L, 2L, 4L);
        assertThat(warnings).containsExactly(gone + ": cannot read (no such file or directory); file skipped");
        assertThat(stats.dropped(Reason.UNREADABLE_FILE)).isEqualTo(1);
        assertThat(input.unreadableFiles()).containsExactly(java.util.Map.entry(gone.toString(), "no such file or directory"));
        assertThat(input.filesWithoutRecords()).isEmpty();
    }

    @Test
    void closeBeforeReadingEndsAtOnce() throws Exception {
        Path file = write(dir.resolve("c.gor"), requestsAtMs(1, 2));
        FileInput input = fast(file.toString(), true, 100);
        input.close();
        assertThat(input.read()).isNull();
        input.close();
    }

    @Test
    void aFileThatEndsEndsTheInput() throws Exception {
        Path file = write(dir.resolve("e.gor"), requestsAtMs(1));
        FileInput input = fast(file.toString(), false, 100);
        assertThat(input.read()).isNotNull();
        assertThat(input.read()).isNull();
        assertThat(input.read()).isNull();
        input.close();
    }
}
