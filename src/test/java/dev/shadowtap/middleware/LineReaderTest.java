package dev.shadowtap.middleware;

import org.junit.jupiter.api.Test;

import java.io.ByteArrayInputStream;
import java.io.IOException;
import java.io.InputStream;
import java.nio.charset.StandardCharsets;
import java.util.ArrayList;
import java.util.List;

import static org.assertj.core.api.Assertions.assertThat;

class LineReaderTest {
    /** Reads every line as "number:text" or "number:TOO LONG(full length):prefix". */
    private static List<String> lines(InputStream in, int max) throws IOException {
        LineReader reader = new LineReader(in, max);
        List<String> out = new ArrayList<>();
        while (reader.next()) {
            String text = new String(reader.bytes(), 0, reader.length(), StandardCharsets.ISO_8859_1);
            out.add(reader.number() + ":" + (reader.tooLong() ? "TOO LONG(" + reader.fullLength() + "):" + text : text));
        }
        return out;
    }

    private static InputStream bytes(String s) {
        return new ByteArrayInputStream(s.getBytes(StandardCharsets.ISO_8859_1));
    }

    /** A stream that hands out at most {@code chunk} bytes per read, to cross buffer boundaries. */
    private static InputStream trickle(String s, int chunk) {
        return new ByteArrayInputStream(s.getBytes(StandardCharsets.ISO_8859_1)) {
            @Override
            public synchronized int read(byte[] b, int off, int len) {
                return super.read(b, off, Math.min(len, chunk));
            }
        };
    }

    @Test
    void linesAreSplitAtNewlinesAndALastLineWithoutOneStillCounts() throws IOException {
        assertThat(lines(bytes("ab\n\ncd\nlast"), 100)).containsExactly("1:ab", "2:", "3:cd", "4:last");
        assertThat(lines(bytes("ab\n"), 100)).containsExactly("1:ab");
        assertThat(lines(bytes(""), 100)).isEmpty();
    }

    @Test
    void theSameLinesComeOutAtEverySplitPoint() throws IOException {
        String text = "0123456789\nabcdef\n\nxyz";
        for (int chunk = 1; chunk <= text.length(); chunk++) {
            assertThat(lines(trickle(text, chunk), 100)).as("chunk " + chunk)
                    .containsExactly("1:0123456789", "2:abcdef", "3:", "4:xyz");
        }
    }

    @Test
    void aLineOverTheLimitKeepsOnlyItsPrefixAndTheNextLineIsIntact() throws IOException {
        String longLine = "x".repeat(70_000) + "y".repeat(70_000);
        List<String> read = lines(trickle("ok\n" + longLine + "\nnext\n", 50_000), 100);
        assertThat(read).containsExactly("1:ok", "2:TOO LONG(140000):" + "x".repeat(LineReader.PREFIX), "3:next");
    }

    @Test
    void aLineOfExactlyTheLimitIsKeptWhole() throws IOException {
        assertThat(lines(bytes("z".repeat(100) + "\n" + "z".repeat(101)), 100))
                .containsExactly("1:" + "z".repeat(100), "2:TOO LONG(101):" + "z".repeat(LineReader.PREFIX));
    }

    @Test
    void thePrefixQuotesTheFirstSixtyBytesPrintably() throws IOException {
        LineReader reader = new LineReader(bytes("a\tb" + "c".repeat(80) + "\n"), 1000);
        reader.next();
        assertThat(reader.prefix()).isEqualTo("a?b" + "c".repeat(57) + "...");
    }
}
