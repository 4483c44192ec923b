package dev.shadowtap.http;

import net.jqwik.api.Arbitraries;
import net.jqwik.api.Arbitrary;
import net.jqwik.api.ForAll;
import net.jqwik.api.GenerationMode;
import net.jqwik.api.Property;
import net.jqwik.api.Provide;

import java.nio.file.Files;
import java.nio.file.Path;
import java.util.ArrayList;
import java.util.Arrays;
import java.util.List;

import static org.assertj.core.api.Assertions.assertThat;

/**
 * The one completeness check ({@link MessageLength}) and the framer ({@link Http1Framer}) give the
 * same verdict on every message of the golden corpus ({@code src/test/resources/http/}) cut at every
 * point: a framer fed the first k bytes of the message frames it exactly when the length scan says
 * those k bytes hold the whole message, and then both say how long it is. Each message is judged by
 * itself, as the scan must (a response is taken as the answer to GET: it cannot know the request).
 */
class MessageLengthFramerPropertiesTest {

    /** One framed message of a fixture: its bytes as they were on the stream, and its direction. */
    record CorpusMessage(String fixture, long offset, byte[] bytes, boolean requests) {
        @Override
        public String toString() {
            return fixture + "@" + offset;
        }
    }

    @Provide
    Arbitrary<CorpusMessage> corpusMessages() throws Exception {
        List<CorpusMessage> all = new ArrayList<>();
        Path dir = Http1FramerGoldenTest.fixtureDir();
        for (String name : Http1FramerGoldenTest.fixtures().toList()) {
            byte[] stream = Files.readAllBytes(dir.resolve(name + ".http"));
            Http1FramerHarness harness = Http1FramerGoldenTest.harness(Files.readAllLines(dir.resolve(name + ".frames")));
            for (FramingResult r : harness.run(stream).results()) {
                if (r instanceof FramedMessage m) {
                    int from = (int) m.streamOffset();
                    all.add(new CorpusMessage(name, from, Arrays.copyOfRange(stream, from, (int) (from + m.wireLength())),
                            harness.requests()));
                }
            }
        }
        assertThat(all).hasSizeGreaterThan(40);
        return Arbitraries.of(all);
    }

    @Property(generation = GenerationMode.EXHAUSTIVE)
    void theFramerAndTheLengthScanAgreeAtEverySplitPoint(@ForAll("corpusMessages") CorpusMessage message) {
        byte[] b = message.bytes();
        for (int k = 0; k <= b.length; k++) {
            Http1Framer framer = message.requests() ? Http1Framer.forRequests(FramingLimits.DEFAULT)
                    : Http1Framer.forResponses(FramingLimits.DEFAULT);
            List<FramingResult> out = new ArrayList<>();
            framer.feed(b, 0, k, out::add);
            long length = MessageLength.of(b, 0, k);

            assertThat(out).as("%s cut at %d", message, k).allMatch(r -> r instanceof FramedMessage).hasSizeLessThan(2);
            boolean framed = !out.isEmpty();
            assertThat(framed).as("%s cut at %d: framed, while the length scan says %d", message, k, length)
                    .isEqualTo(length >= 0 && length <= k);
            if (framed) {
                assertThat(((FramedMessage) out.getFirst()).wireLength()).as("%s cut at %d", message, k)
                        .isEqualTo(length).isEqualTo(b.length);
                assertThat(MessageLength.isCut(b, 0, k)).as("%s cut at %d", message, k).isFalse();
            }
        }
    }
}
