package dev.shadowtap.http;

import net.jqwik.api.Arbitraries;
import net.jqwik.api.Arbitrary;
import net.jqwik.api.ForAll;
import net.jqwik.api.Property;
import net.jqwik.api.Provide;
import net.jqwik.api.constraints.IntRange;

import java.io.ByteArrayOutputStream;
import java.nio.charset.StandardCharsets;
import java.util.ArrayList;
import java.util.Arrays;
import java.util.List;
import java.util.Random;
import java.util.stream.IntStream;

import static org.assertj.core.api.Assertions.assertThat;

/**
 * Random valid message sequences, concatenated and cut into random pieces, frame back to exactly the
 * original messages; random garbage never throws, frames the same however it is cut, and every byte
 * ends up framed, skipped or tunnelled.
 */
class Http1FramerPropertiesTest {

    @Property(tries = 300)
    void requestSequencesFrameBackExactly(@ForAll("seeds") long seed, @ForAll @IntRange(min = 1, max = 12) int count,
                                          @ForAll @IntRange(min = 0, max = 30) int cutCount, @ForAll boolean smallBodyLimit) {
        Random random = new Random(seed);
        Http1MessageGenerator gen = new Http1MessageGenerator(random);
        List<byte[]> messages = IntStream.range(0, count).mapToObj(i -> gen.request().bytes()).toList();
        FramingLimits limits = smallBodyLimit ? new FramingLimits(4096, 50) : FramingLimits.DEFAULT;

        Http1FramerHarness.Run run = Http1FramerHarness.requests(limits).run(concat(messages), cuts(random, messages, cutCount));

        assertFramedExactly(run, messages, limits);
    }

    @Property(tries = 300)
    void responseSequencesFrameBackExactly(@ForAll("seeds") long seed, @ForAll @IntRange(min = 1, max = 12) int count,
                                           @ForAll @IntRange(min = 0, max = 30) int cutCount) {
        Random random = new Random(seed);
        Http1MessageGenerator gen = new Http1MessageGenerator(random);
        List<Http1MessageGenerator.Generated> generated = IntStream.range(0, count)
                .mapToObj(i -> gen.response(i == count - 1)).toList();
        List<String> methods = generated.stream().filter(g -> !g.interim()).map(Http1MessageGenerator.Generated::requestMethod).toList();
        List<byte[]> messages = generated.stream().map(Http1MessageGenerator.Generated::bytes).toList();
        Http1FramerHarness harness = Http1FramerHarness.responses(FramingLimits.DEFAULT, methods.toArray(String[]::new));

        Http1FramerHarness.Run run = harness.run(concat(messages), cuts(random, messages, cutCount));

        assertFramedExactly(run, messages, FramingLimits.DEFAULT);
        for (int i = 0; i < messages.size(); i++) {
            assertThat(((FramedMessage) run.results().get(i)).interim()).isEqualTo(generated.get(i).interim());
        }
    }

    @Property(tries = 200)
    void gapOverWholeMessagesLosesOnlyThose(@ForAll("seeds") long seed, @ForAll @IntRange(min = 2, max = 10) int count) {
        Random random = new Random(seed);
        Http1MessageGenerator gen = new Http1MessageGenerator(random);
        List<byte[]> messages = IntStream.range(0, count).mapToObj(i -> gen.request().bytes()).toList();
        int first = random.nextInt(count);
        int last = first + random.nextInt(count - first);
        Http1Framer f = Http1Framer.forRequests(FramingLimits.DEFAULT);
        List<FramingResult> out = new ArrayList<>();
        long lost = 0;

        for (int i = 0; i < count; i++) {
            if (i >= first && i <= last) {
                f.gap(messages.get(i).length, out::add);
                lost += messages.get(i).length;
            } else {
                f.feed(messages.get(i), out::add);
            }
        }
        f.endOfStream(out::add);

        List<byte[]> kept = new ArrayList<>(messages.subList(0, first));
        kept.addAll(messages.subList(last + 1, count));
        assertThat(out).hasSameSizeAs(kept);
        for (int i = 0; i < kept.size(); i++) {
            assertThat(((FramedMessage) out.get(i)).raw()).isEqualTo(kept.get(i));
        }
        assertThat(f.skippedBytes()).isEqualTo(lost);
    }

    @Property(tries = 400)
    void garbageNeverThrowsAndFramesAlikeHoweverCut(@ForAll("garbage") byte[] stream, @ForAll boolean requests,
                                                    @ForAll("seeds") long seed) {
        Http1FramerHarness harness = requests
                ? Http1FramerHarness.requests(new FramingLimits(256, 64))
                : Http1FramerHarness.responses(new FramingLimits(256, 64), "GET", "HEAD", "GET");
        Http1FramerHarness.Run whole = harness.run(stream);
        Random random = new Random(seed);
        int[] cuts = random.ints(random.nextInt(20), 0, stream.length + 1).sorted().toArray();

        assertThat(harness.run(stream, cuts)).isEqualTo(whole);
        assertThat(harness.runBytewise(stream)).isEqualTo(whole);
        Http1FramerHarness.checkAgainstStream(whole, stream);
    }

    @Provide
    Arbitrary<Long> seeds() {
        return Arbitraries.longs();
    }

    /** Byte soup made mostly of HTTP pieces, so the framer gets deep into its states before it breaks. */
    @Provide
    Arbitrary<byte[]> garbage() {
        String[] pieces = {"GET / HTTP/1.1\r\n", "HTTP/1.1 200 OK\r\n", "HTTP/1.1 100 Continue\r\n", "\r\n", "\n", "\r",
                "Content-Length: 5\r\n", "Content-Length: x\r\n", "Transfer-Encoding: chunked\r\n", "5\r\n", "0\r\n",
                "zz\r\n", "hello", ": ", " ", "HTTP/1.1 101 Switching\r\n", "HTTP/1.1 204 No\r\n"};
        Arbitrary<byte[]> piece = Arbitraries.oneOf(
                Arbitraries.of(pieces).map(s -> s.getBytes(StandardCharsets.ISO_8859_1)),
                Arbitraries.bytes().array(byte[].class).ofMaxSize(40));
        return piece.list().ofMaxSize(60).map(Http1FramerPropertiesTest::concat);
    }

    private static void assertFramedExactly(Http1FramerHarness.Run run, List<byte[]> messages, FramingLimits limits) {
        assertThat(run.results()).allMatch(r -> r instanceof FramedMessage, "no framing errors");
        assertThat(run.results()).hasSameSizeAs(messages);
        for (int i = 0; i < messages.size(); i++) {
            FramedMessage m = (FramedMessage) run.results().get(i);
            byte[] original = messages.get(i);
            assertThat(m.wireLength()).isEqualTo(original.length);
            long bodySection = original.length - m.bodyOffset();
            assertThat(m.truncated()).isEqualTo(bodySection > limits.maxBodyBytes());
            int kept = (int) Math.min(original.length, m.bodyOffset() + (long) limits.maxBodyBytes());
            assertThat(m.raw()).isEqualTo(Arrays.copyOf(original, kept));
        }
        assertThat(run.skipped()).isZero();
    }

    private static int[] cuts(Random random, List<byte[]> messages, int count) {
        int total = messages.stream().mapToInt(b -> b.length).sum();
        return random.ints(count, 0, total + 1).sorted().toArray();
    }

    private static byte[] concat(List<byte[]> parts) {
        ByteArrayOutputStream out = new ByteArrayOutputStream();
        parts.forEach(out::writeBytes);
        return out.toByteArray();
    }
}
