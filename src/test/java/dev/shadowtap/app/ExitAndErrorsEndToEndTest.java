package dev.shadowtap.app;

import dev.shadowtap.pipeline.Message;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;

import java.io.IOException;
import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.List;

import static org.assertj.core.api.Assertions.assertThat;

/** How a run ends, and what a user sees for bad flags and bad files. */
class ExitAndErrorsEndToEndTest {
    @TempDir
    Path dir;

    @Test
    void exitAfterStopsAnEndlessInput() {
        Run run = Run.of("--input-dummy", "0", "--output-null", "--exit-after", "1500ms", "--stats");

        assertThat(run.status()).isZero();
        assertThat(run.millis()).isBetween(1400L, 4000L);
        assertThat(run.err()).contains("summary input-dummy: 2 msgs"); // a request and its response
    }

    @Test
    void unknownFlagIsOneLineWithTheClosestNameAndStatusTwo() {
        Run run = Run.of("--output-fille", "x.gor", "--input-dummy", "0");

        assertThat(run.status()).isEqualTo(2);
        assertThat(run.err().strip()).isEqualTo("shadowtap: unknown flag: --output-fille (did you mean --output-file?)");
    }

    @Test
    void aFlagWhoseFeatureIsNotBuiltIsRefused() {
        Run run = Run.of("--input-raw", ":80", "--output-ws", "ws://k:28020", "--output-stdout");

        assertThat(run.status()).isEqualTo(2);
        assertThat(run.err().strip()).isEqualTo("shadowtap: not supported yet: --output-ws");
    }

    @Test
    void aMissingFileIsOneLineAndStatusOne() {
        Run run = Run.of("--input-file", dir.resolve("nope-*.gor").toString(), "--output-null");

        assertThat(run.status()).isEqualTo(1);
        assertThat(run.err().lines().toList()).hasSize(1);
        assertThat(run.err()).contains("nope-*.gor").contains("no file matches").doesNotContain("Exception");
    }

    @Test
    void aDirectoryGivenAsTheInputFileIsSaidToBeOneNotToBeMissing() {
        Run run = Run.of("--input-file", dir.toString(), "--output-null");
        Run dry = Run.of("--input-file", dir.toString(), "--input-file-dry-run");

        for (Run r : List.of(run, dry)) {
            assertThat(r.status()).isEqualTo(1);
            assertThat(r.err().lines().toList()).singleElement().asString()
                    .startsWith("shadowtap: --input-file " + dir + ": is a directory").doesNotContain("no such file");
        }
    }

    @Test
    void damagedRecordsAreNamedByOffsetCountedAndSkippedWhileTheRestIsReplayed() throws IOException {
        List<Message> records = Gor.records(6, 0, 9);
        Path good = Gor.write(dir.resolve("good.gor"), records);
        byte[] bytes = Files.readAllBytes(good);
        // Damage the third record's header: its type digit becomes 'x'.
        String text = new String(bytes, StandardCharsets.ISO_8859_1);
        int third = nthRecordStart(text, 2);
        bytes[third] = 'x';
        Path damaged = Files.write(dir.resolve("damaged.gor"), bytes);
        Path out = dir.resolve("out.gor");

        Run run = Run.of("--input-file", damaged + "|100000000%", "--output-file", out.toString(),
                "--output-file-append");

        assertThat(run.status()).as("a file with readable records is not a failure").isZero();
        assertThat(run.err()).contains(damaged + ":" + third + ": ").contains("bad-header");
        assertThat(Gor.read(out)).containsExactly(records.get(0), records.get(1), records.get(3), records.get(4),
                records.get(5));
    }

    @Test
    void aFileWithoutAnyReadableRecordMakesTheStatusOne() throws IOException {
        Path garbage = Files.writeString(dir.resolve("garbage.gor"), "this is not a gor file\nat all\n");

        Run run = Run.of("--input-file", garbage.toString(), "--output-null");

        assertThat(run.status()).isEqualTo(1);
        assertThat(run.err()).contains(garbage + ": no readable record").doesNotContain("Exception");
    }

    @Test
    void valuesOnlyAComponentRefusesAreStillOneLineNamingTheFlag() throws IOException {
        Path in = Gor.write(dir.resolve("z.gor"), Gor.records(2, 0, 13));

        Run zeroSpeed = Run.of("--input-file", in + "|0%", "--output-null");
        Run zeroFlush = Run.of("--input-file", in.toString(), "--output-file", dir.resolve("o.gor").toString(),
                "--output-file-flush-interval", "0s");

        assertThat(zeroSpeed.status()).isEqualTo(2);
        assertThat(zeroSpeed.err().lines().toList()).singleElement().asString().contains("--input-file")
                .contains("speed");
        assertThat(zeroFlush.status()).isEqualTo(2);
        assertThat(zeroFlush.err().lines().toList()).singleElement().asString()
                .contains("--output-file-flush-interval");
    }

    @Test
    void anOutputFileThatCanNeverBeWrittenIsRefusedAtStartInOneLine() throws IOException {
        Path in = Gor.write(dir.resolve("w.gor"), Gor.records(2, 0, 14));
        Path blocker = Files.writeString(dir.resolve("blocker"), "a file where a directory should be");

        Run directory = Run.of("--input-file", in.toString(), "--output-file", dir.toString());
        Run inAFile = Run.of("--input-file", in.toString(), "--output-file", blocker + "/x.gor");
        Run underAFile = Run.of("--input-file", in.toString(), "--output-file", blocker + "/sub/x.gor");

        assertThat(directory.status()).isEqualTo(1);
        assertThat(directory.err().lines().toList()).singleElement().asString().contains("is a directory");
        assertThat(inAFile.status()).isEqualTo(1);
        assertThat(inAFile.err().lines().toList()).singleElement().asString().isEqualTo("shadowtap: --output-file "
                + blocker + "/x.gor: cannot create directory " + blocker + " (it exists and is not a directory)");
        assertThat(underAFile.status()).isEqualTo(1);
        assertThat(underAFile.err().lines().toList()).singleElement().asString().isEqualTo("shadowtap: --output-file "
                + blocker + "/sub/x.gor: cannot create directory " + blocker.resolve("sub") + " (" + blocker
                + " exists and is not a directory)");
    }

    @Test
    void replayedResponsesInAFileDoNotHoldTheReplayClock() throws IOException {
        // A file written with --output-http-track-response: type 3 records carry the replay's time.
        List<Message> records = new java.util.ArrayList<>(Gor.records(4, 100, 15));
        records.add(new Message(dev.shadowtap.pipeline.MessageType.REPLAYED, "f".repeat(24),
                records.getFirst().timestampNs() + 3L * 365 * 24 * 3600 * 1_000_000_000L, 10,
                "HTTP/1.1 200 OK\r\n\r\n".getBytes(StandardCharsets.US_ASCII)));
        Path in = Gor.write(dir.resolve("replayed.gor"), records);

        Run run = Run.of("--input-file", in.toString(), "--output-null", "--stats");
        Run dry = Run.of("--input-file", in.toString(), "--input-file-dry-run");

        assertThat(run.status()).isZero();
        assertThat(run.millis()).isLessThan(5000);
        assertThat(run.err()).contains("summary input-file " + in + ": 5 msgs");
        assertThat(dry.out()).contains("1 replayed").contains("time span 300ms");
    }

    @Test
    void verboseTwoTracesEveryMessage() throws IOException {
        Path in = Gor.write(dir.resolve("v.gor"), Gor.records(4, 0, 12));

        Run run = Run.of("--input-file", in + "|100000000%", "--output-null", "--verbose", "2");

        assertThat(run.status()).isZero();
        assertThat(run.err()).contains("input-file " + in + ": 1 file(s)");
        assertThat(run.err().lines().filter(l -> l.startsWith("message ")).toList()).hasSize(4)
                .anySatisfy(l -> assertThat(l).contains("POST /items/0?q="))
                .anySatisfy(l -> assertThat(l).contains("HTTP/1.1 200 OK"));
    }

    private static int nthRecordStart(String text, int n) {
        String separator = "\n\uD83D\uDC35\uD83D\uDE48\uD83D\uDE49\n";
        String sep = new String(separator.getBytes(StandardCharsets.UTF_8), StandardCharsets.ISO_8859_1);
        int at = 0;
        for (int i = 0; i < n; i++) {
            at = text.indexOf(sep, at) + sep.length();
        }
        return at;
    }
}
