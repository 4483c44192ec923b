package dev.shadowtap.gor;

import dev.shadowtap.pipeline.Message;
import dev.shadowtap.pipeline.MessageType;
import org.junit.jupiter.api.Test;

import java.io.ByteArrayOutputStream;
import java.nio.charset.StandardCharsets;
import java.util.ArrayList;
import java.util.List;
import java.util.SplittableRandom;

import static org.assertj.core.api.Assertions.assertThat;

/** The header's numbers are written as Long.toString writes them, and sized to match, at every digit count. */
class GorWriterNumbersTest {
    private static List<Long> values() {
        List<Long> values = new ArrayList<>(List.of(0L, 1L, 9L, 10L, 99L, 100L, (long) Integer.MAX_VALUE,
                Integer.MAX_VALUE + 1L, Long.MAX_VALUE, 1_765_113_600_123_456_789L));
        for (long ten = 1; ten > 0 && ten <= Long.MAX_VALUE / 10; ten *= 10) {
            values.add(ten - 1);
            values.add(ten);
            values.add(ten + 1);
        }
        SplittableRandom random = new SplittableRandom(19);
        for (int i = 0; i < 2_000; i++) {
            values.add(random.nextLong(Long.MAX_VALUE) >>> random.nextInt(63));
        }
        return values;
    }

    @Test
    void digitsCountsAsLongToString() {
        for (long v : values()) {
            assertThat(GorWriter.digits(v)).as("%d", v).isEqualTo(Long.toString(v).length());
            assertThat(GorWriter.digits(-v)).as("%d", -v).isEqualTo(Long.toString(-v).length());
        }
    }

    @Test
    void headerLineHoldsTheNumbersAndSizeOfMatchesWhatIsWritten() throws Exception {
        for (long v : values()) {
            long latency = v % 3 == 0 ? -1 : v / 7;
            Message m = new Message(MessageType.RESPONSE, "0123456789abcdef01234567", v, latency,
                    "HTTP/1.1 200 OK\r\n\r\n".getBytes(StandardCharsets.US_ASCII));
            ByteArrayOutputStream out = new ByteArrayOutputStream();
            GorWriter writer = GorWriter.file(out);
            String header = new String(writer.headerLine(m), StandardCharsets.US_ASCII);
            assertThat(header).isEqualTo("2 0123456789abcdef01234567 " + v + " " + latency + "\n");
            assertThat(writer.write(m)).isEqualTo(writer.sizeOf(m));
            assertThat(out.size()).isEqualTo(writer.sizeOf(m));
        }
    }
}
