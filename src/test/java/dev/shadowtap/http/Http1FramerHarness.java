package dev.shadowtap.http;

import java.util.ArrayList;
import java.util.Arrays;
import java.util.List;

import static org.assertj.core.api.Assertions.assertThat;

/**
 * Runs a framer over a whole stream, and over the same stream cut at every point, so tests can demand
 * that the cuts change nothing. Always ends the stream, so close-delimited bodies complete.
 */
record Http1FramerHarness(boolean requests, List<String> methods, FramingLimits limits) {

    static Http1FramerHarness requests(FramingLimits limits) {
        return new Http1FramerHarness(true, List.of(), limits);
    }

    static Http1FramerHarness responses(FramingLimits limits, String... methods) {
        return new Http1FramerHarness(false, List.of(methods), limits);
    }

    Http1Framer framer() {
        Http1Framer f = requests ? Http1Framer.forRequests(limits) : Http1Framer.forResponses(limits);
        methods.forEach(f::expectResponseTo);
        return f;
    }

    /** What one run produced: the results in order, and the byte accounting at the end. */
    record Run(List<FramingResult> results, long skipped, long tunnelled, long position) {
    }

    /** Feeds {@code stream} cut at the given ascending offsets, then ends it. */
    Run run(byte[] stream, int... cuts) {
        Http1Framer f = framer();
        List<FramingResult> out = new ArrayList<>();
        int from = 0;
        for (int cut : cuts) {
            f.feed(stream, from, cut - from, out::add);
            from = cut;
        }
        f.feed(stream, from, stream.length - from, out::add);
        f.endOfStream(out::add);
        return new Run(out, f.skippedBytes(), f.tunnelledBytes(), f.position());
    }

    /** Feeds one byte at a time, each from its own array so nothing can read past the fed range. */
    Run runBytewise(byte[] stream) {
        Http1Framer f = framer();
        List<FramingResult> out = new ArrayList<>();
        for (byte b : stream) {
            f.feed(new byte[] {b}, 0, 1, out::add);
        }
        f.endOfStream(out::add);
        return new Run(out, f.skippedBytes(), f.tunnelledBytes(), f.position());
    }

    /**
     * Frames the stream whole, at every two-piece split and byte by byte; asserts all runs agree, that
     * every untruncated message is exactly its slice of the stream, and that every byte is accounted for.
     */
    Run runAtEverySplit(byte[] stream) {
        Run whole = run(stream);
        for (int cut = 1; cut < stream.length; cut++) {
            assertThat(run(stream, cut)).as("split at %d", cut).isEqualTo(whole);
        }
        assertThat(runBytewise(stream)).as("byte by byte").isEqualTo(whole);
        checkAgainstStream(whole, stream);
        return whole;
    }

    static void checkAgainstStream(Run run, byte[] stream) {
        long framed = 0;
        long last = -1;
        for (FramingResult r : run.results()) {
            assertThat(r.streamOffset()).as("offsets ascend").isGreaterThan(last);
            last = r.streamOffset();
            if (r instanceof FramedMessage m) {
                framed += m.wireLength();
                int off = (int) m.streamOffset();
                int kept = m.truncated() ? m.raw().length : (int) m.wireLength();
                assertThat(m.raw()).as("raw bytes of %s", m)
                        .isEqualTo(Arrays.copyOfRange(stream, off, off + kept));
                assertThat(HttpHead.parse(m.raw())).isEqualTo(m.head());
            }
        }
        assertThat(run.position()).isEqualTo(stream.length);
        assertThat(framed + run.skipped() + run.tunnelled()).as("every byte accounted for").isEqualTo(stream.length);
    }

    /** The line a .frames golden file holds for one result. */
    static String summary(FramingResult r) {
        return switch (r) {
            case FramedMessage m -> "message @" + m.streamOffset() + " " + m.head().startLine() + " | " + m.bodyKind()
                    + " content=" + m.contentLength() + " wire=" + m.wireLength()
                    + (m.truncated() ? " truncated" : "") + (m.interim() ? " interim" : "");
            case FramingError e -> "error " + e.reason().code() + " message@" + e.streamOffset() + " at@" + e.errorOffset();
        };
    }
}
