package dev.shadowtap.compare.grpc;

import org.junit.jupiter.api.Test;

import java.io.ByteArrayOutputStream;
import java.io.IOException;
import java.nio.charset.StandardCharsets;
import java.util.List;
import java.util.zip.DeflaterOutputStream;
import java.util.zip.GZIPOutputStream;

import static org.assertj.core.api.Assertions.assertThat;

/** gRPC's length-prefixed messages: several per body, compressed or not, and what is not whole frames. */
class GrpcFramesTest {
    private static final int MAX = 1 << 20;

    static byte[] frame(boolean compressed, byte[] message) {
        ByteArrayOutputStream out = new ByteArrayOutputStream();
        out.write(compressed ? 1 : 0);
        out.write(message.length >>> 24);
        out.write(message.length >>> 16);
        out.write(message.length >>> 8);
        out.write(message.length);
        out.writeBytes(message);
        return out.toByteArray();
    }

    static byte[] gzip(byte[] data) throws IOException {
        ByteArrayOutputStream out = new ByteArrayOutputStream();
        try (GZIPOutputStream gz = new GZIPOutputStream(out)) {
            gz.write(data);
        }
        return out.toByteArray();
    }

    private static byte[] zlib(byte[] data) throws IOException {
        ByteArrayOutputStream out = new ByteArrayOutputStream();
        try (DeflaterOutputStream z = new DeflaterOutputStream(out)) {
            z.write(data);
        }
        return out.toByteArray();
    }

    private static byte[] concat(byte[]... parts) {
        ByteArrayOutputStream out = new ByteArrayOutputStream();
        for (byte[] p : parts) {
            out.writeBytes(p);
        }
        return out.toByteArray();
    }

    private static byte[] ascii(String s) {
        return s.getBytes(StandardCharsets.US_ASCII);
    }

    @Test
    void aStreamOfMessagesSplitsInOrderCompressedOrNot() throws IOException {
        byte[] body = concat(frame(false, ascii("one")), frame(true, gzip(ascii("two"))), frame(false, new byte[0]),
                frame(true, gzip(ascii("four"))));
        List<byte[]> messages = GrpcFrames.split(body, "gzip", MAX);
        assertThat(messages).extracting(m -> new String(m, StandardCharsets.US_ASCII)).containsExactly("one", "two", "", "four");
        assertThat(GrpcFrames.split(frame(true, zlib(ascii("z"))), "deflate", MAX)).singleElement()
                .extracting(m -> new String(m, StandardCharsets.US_ASCII)).isEqualTo("z");
        assertThat(GrpcFrames.split(new byte[0], null, MAX)).as("a trailers-only answer has no message").isEmpty();
    }

    @Test
    void whatIsNotWholeFramesIsNotGrpc() throws IOException {
        byte[] one = frame(false, ascii("hello"));
        assertThat(GrpcFrames.split(java.util.Arrays.copyOf(one, one.length - 1), null, MAX)).as("cut message").isNull();
        assertThat(GrpcFrames.split(java.util.Arrays.copyOf(one, 3), null, MAX)).as("cut prefix").isNull();
        byte[] flagged = one.clone();
        flagged[0] = 2;
        assertThat(GrpcFrames.split(flagged, null, MAX)).as("flag 2").isNull();
        assertThat(GrpcFrames.split(frame(true, gzip(ascii("x"))), null, MAX)).as("compressed, no encoding").isNull();
        assertThat(GrpcFrames.split(frame(true, ascii("not gzip")), "gzip", MAX)).as("corrupt gzip").isNull();
        assertThat(GrpcFrames.split(frame(true, gzip(new byte[4096])), "gzip", 1024)).as("above the limit").isNull();
        assertThat(GrpcFrames.split(ascii("{\"json\":true}"), null, MAX)).as("JSON").isNull();
    }
}
