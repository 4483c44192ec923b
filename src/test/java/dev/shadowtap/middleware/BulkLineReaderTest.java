package dev.shadowtap.middleware;

import net.jqwik.api.ForAll;
import net.jqwik.api.Property;
import net.jqwik.api.constraints.IntRange;
import net.jqwik.api.constraints.Size;
import org.junit.jupiter.api.Test;

import java.io.ByteArrayInputStream;
import java.io.IOException;
import java.io.InputStream;
import java.nio.charset.StandardCharsets;
import java.util.ArrayList;
import java.util.List;

import static org.assertj.core.api.Assertions.assertThat;

class BulkLineReaderTest {
    /** Every line as "number:text" or "number:TOO LONG(full length):prefix". */
    private static List<String> lines(InputStream in, int max, int initial) throws IOException {
        BulkLineReader reader = new BulkLineReader(in, max, initial);
        List<String> out = new ArrayList<>();
        while (reader.next()) {
            String text = new String(reader.bytes(), reader.offset(), reader.length(), StandardCharsets.ISO_8859_1);
            out.add(reader.number() + ":" + (reader.tooLong() ? "TOO LONG(" + reader.fullLength() + "):" + text : text));
        }
        return out;
    }

    /** A stream that hands out at most {@code chunk} bytes per read. */
    private static InputStream trickle(byte[] bytes, int chunk) {
        return new ByteArrayInputStream(bytes) {
            @Override
            public synchronized int read(byte[] b, int off, int len) {
                return super.read(b, off, Math.min(len, chunk));
            }
        };
    }

    private static InputStream trickle(String s, int chunk) {
        return trickle(s.getBytes(StandardCharsets.ISO_8859_1), chunk);
    }

    @Test
    void theSameLinesComeOutAtEverySplitPointAndALastLineWithoutNewlineCounts() throws IOException {
        String text = "0123456789\nabcdef\n\nxyz";
        for (int chunk = 1; chunk <= text.length(); chunk++) {
            assertThat(lines(trickle(text, chunk), 100, 0)).as("chunk " + chunk)
                    .containsExactly("1:0123456789", "2:abcdef", "3:", "4:xyz");
        }
        assertThat(lines(trickle("", 10), 100, 0)).isEmpty();
        assertThat(lines(trickle("ab\n", 10), 100, 0)).containsExactly("1:ab");
    }

    @Test
    void linesLongerThanTheBufferAndAcrossItsEdgeComeOutWhole() throws IOException {
        int room = BulkLineReader.READ_ROOM;
        int[] lengths = {room - 1, room, room + 1, 2 * room - 1, 2 * room, 2 * room + 1, 5 * room + 3, 1, 0, 7};
        StringBuilder text = new StringBuilder();
        List<String> expected = new ArrayList<>();
        for (int i = 0; i < lengths.length; i++) {
            String line = String.valueOf((char) ('a' + i)).repeat(lengths[i]);
            text.append(line).append('\n');
            expected.add((i + 1) + ":" + line);
        }
        for (int chunk : new int[] {1000, room - 3, room, 3 * room + 7, Integer.MAX_VALUE}) {
            assertThat(lines(trickle(text.toString(), chunk), 6 * room, 0)).as("chunk " + chunk)
                    .containsExactlyElementsOf(expected);
        }
    }

    @Test
    void aLineOverTheLimitKeepsOnlyItsPrefixAndTheNextLineIsIntact() throws IOException {
        String longLine = "x".repeat(70_000) + "y".repeat(70_000);
        for (int chunk : new int[] {50_000, 100, 1 << 20}) {
            assertThat(lines(trickle("ok\n" + longLine + "\nnext\n" + longLine, chunk), 100, 0)).as("chunk " + chunk)
                    .containsExactly("1:ok", "2:TOO LONG(140000):" + "x".repeat(BulkLineReader.PREFIX), "3:next",
                            "4:TOO LONG(140000):" + "x".repeat(BulkLineReader.PREFIX));
        }
        assertThat(lines(trickle("z".repeat(100) + "\n" + "z".repeat(101), 7), 100, 0))
                .containsExactly("1:" + "z".repeat(100), "2:TOO LONG(101):" + "z".repeat(BulkLineReader.PREFIX));
    }

    @Test
    void thePrefixQuotesTheFirstSixtyBytesPrintably() throws IOException {
        BulkLineReader reader = new BulkLineReader(trickle("x\na\tb" + "c".repeat(80) + "\n", 5), 1000, 0);
        reader.next();
        reader.next();
        assertThat(reader.prefix()).isEqualTo("a?b" + "c".repeat(57) + "...");
    }

    @Property(tries = 200)
    void itNeverHoldsMoreThanItsBoundAndCountsEveryLine(@ForAll @Size(max = 40_000) byte[] stream,
                                                        @ForAll @IntRange(min = 1, max = 50_000) int chunk,
                                                        @ForAll @IntRange(min = 0, max = 30_000) int maxLine) throws IOException {
        BulkLineReader reader = new BulkLineReader(trickle(stream, chunk), maxLine, 0);
        int bound = Math.max(2 * BulkLineReader.READ_ROOM, Math.max(maxLine, BulkLineReader.PREFIX) + BulkLineReader.READ_ROOM + 1);
        long lines = 0;
        while (reader.next()) {
            lines++;
            assertThat(reader.length()).isLessThanOrEqualTo(Math.max(maxLine, BulkLineReader.PREFIX));
            assertThat(reader.capacity()).isLessThanOrEqualTo(bound);
        }
        long newlines = 0;
        for (byte b : stream) {
            newlines += b == '\n' ? 1 : 0;
        }
        boolean tail = stream.length > 0 && stream[stream.length - 1] != '\n';
        assertThat(lines).isEqualTo(newlines + (tail ? 1 : 0));
    }
}
