package dev.shadowtap.middleware;

import dev.shadowtap.pipeline.Message;
import dev.shadowtap.pipeline.MessageType;
import net.jqwik.api.Arbitraries;
import net.jqwik.api.Arbitrary;
import net.jqwik.api.ForAll;
import net.jqwik.api.Property;
import net.jqwik.api.Provide;
import net.jqwik.api.constraints.LongRange;
import net.jqwik.api.constraints.Size;

import java.io.ByteArrayInputStream;
import java.io.IOException;
import java.util.Set;

import static org.assertj.core.api.Assertions.assertThat;

class HexLinePropertiesTest {
    @Provide
    Arbitrary<String> ids() {
        return Arbitraries.strings().withChars("0123456789abcdef").ofMinLength(1).ofMaxLength(40);
    }

    @Property(tries = 300)
    void everyMessageComesBackAsItWent(@ForAll("ids") String id, @ForAll @LongRange(min = 0) long timestamp,
                                       @ForAll @LongRange(min = -1) long latency, @ForAll @Size(max = 3000) byte[] payload,
                                       @ForAll MessageType type) {
        Message m = new Message(type, id, timestamp, latency, payload);
        byte[] line = HexLine.encode(m);
        assertThat(line[line.length - 1]).isEqualTo((byte) '\n');
        assertThat(HexLine.decode(line, line.length - 1, 3000, new HexLine.Scratch())).isEqualTo(new HexLine.Good(m));
    }

    @Property(tries = 500)
    void anyLineIsAMessageOrACountedReasonNeverAnException(@ForAll @Size(max = 400) byte[] line) {
        HexLine.Decoded decoded = HexLine.decode(line, line.length, 1000, new HexLine.Scratch());
        if (decoded instanceof HexLine.Bad bad) {
            assertThat(bad.reason().label()).isIn(Set.of("bad-hex", "odd-length", "bad-header", "too-large"));
        }
    }

    @Property(tries = 200)
    void theLineReaderNeverHoldsMoreThanItsLimit(@ForAll @Size(max = 2000) byte[] stream) throws IOException {
        LineReader reader = new LineReader(new ByteArrayInputStream(stream), 100);
        long lines = 0;
        while (reader.next()) {
            lines++;
            assertThat(reader.length()).isLessThanOrEqualTo(100);
            assertThat(reader.bytes().length).isLessThanOrEqualTo(8192);
        }
        long newlines = 0;
        for (byte b : stream) {
            newlines += b == '\n' ? 1 : 0;
        }
        boolean tail = stream.length > 0 && stream[stream.length - 1] != '\n';
        assertThat(lines).isEqualTo(newlines + (tail ? 1 : 0));
    }
}
