package dev.shadowtap.middleware;

import dev.shadowtap.pipeline.Message;
import org.junit.jupiter.api.Test;

import java.io.ByteArrayOutputStream;
import java.io.IOException;
import java.io.OutputStream;
import java.util.List;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;

class HexLineWriterTest {
    private static byte[] expected(List<Message> messages) {
        ByteArrayOutputStream all = new ByteArrayOutputStream();
        messages.forEach(m -> all.writeBytes(HexLine.encode(m)));
        return all.toByteArray();
    }

    @Test
    void theStreamGetsExactlyTheLinesOfHexLineEncodeWhateverTheBufferSize() throws IOException {
        List<Message> messages = Fixtures.messages(30, 5000, 21);
        for (int size : new int[] {1, 2, 3, 7, 64, 1000, 1 << 16}) {
            ByteArrayOutputStream out = new ByteArrayOutputStream();
            HexLineWriter writer = new HexLineWriter(out, size);
            for (Message m : messages) {
                writer.write(m);
            }
            writer.flush();
            assertThat(out.toByteArray()).as("buffer of " + size).isEqualTo(expected(messages));
        }
    }

    @Test
    void linesWaitInTheBufferUntilItIsFullOrFlushed() throws IOException {
        List<Message> messages = Fixtures.messages(2, 50, 3);
        ByteArrayOutputStream out = new ByteArrayOutputStream();
        HexLineWriter writer = new HexLineWriter(out, 1 << 16);
        writer.write(messages.get(0));
        assertThat(out.size()).isZero();
        writer.flush();
        assertThat(out.toByteArray()).isEqualTo(expected(messages.subList(0, 1)));
        writer.write(messages.get(1));
        writer.close();
        assertThat(out.toByteArray()).isEqualTo(expected(messages));
    }

    @Test
    void aFailedWriteTellsHowManyWholeEarlierLinesItLost() throws IOException {
        List<Message> messages = Fixtures.messages(3, 50, 5);
        OutputStream broken = new OutputStream() {
            @Override
            public void write(int b) throws IOException {
                throw new IOException("Broken pipe");
            }

            @Override
            public void write(byte[] b, int off, int len) throws IOException {
                throw new IOException("Broken pipe");
            }
        };
        HexLineWriter writer = new HexLineWriter(broken, 1 << 16);
        writer.write(messages.get(0));
        writer.write(messages.get(1));
        assertThat(writer.takeLost()).isZero();
        assertThatThrownBy(writer::flush).hasMessage("Broken pipe");
        assertThat(writer.takeLost()).isEqualTo(2);
        assertThat(writer.takeLost()).isZero();
    }
}
