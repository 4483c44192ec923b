package dev.shadowtap.http;

import net.jqwik.api.Arbitraries;
import net.jqwik.api.Arbitrary;
import net.jqwik.api.ForAll;
import net.jqwik.api.Property;
import net.jqwik.api.Provide;
import net.jqwik.api.constraints.IntRange;
import net.jqwik.api.constraints.Size;
import org.junit.jupiter.api.Test;

import java.io.ByteArrayOutputStream;
import java.io.IOException;
import java.nio.charset.StandardCharsets;
import java.util.Arrays;
import java.util.List;
import java.util.zip.Deflater;
import java.util.zip.DeflaterOutputStream;
import java.util.zip.GZIPOutputStream;

import static org.assertj.core.api.Assertions.assertThat;

class PrettifierTest {
    private final Prettifier prettifier = new Prettifier();

    private static byte[] bytes(String s) {
        return s.getBytes(StandardCharsets.ISO_8859_1);
    }

    private static String text(byte[] b) {
        return new String(b, StandardCharsets.ISO_8859_1);
    }

    private static byte[] concat(byte[]... parts) {
        ByteArrayOutputStream out = new ByteArrayOutputStream();
        for (byte[] part : parts) {
            out.writeBytes(part);
        }
        return out.toByteArray();
    }

    private static byte[] gzip(byte[] data) throws IOException {
        ByteArrayOutputStream out = new ByteArrayOutputStream();
        try (GZIPOutputStream gz = new GZIPOutputStream(out)) {
            gz.write(data);
        }
        return out.toByteArray();
    }

    private static byte[] deflate(byte[] data, boolean raw) throws IOException {
        ByteArrayOutputStream out = new ByteArrayOutputStream();
        try (DeflaterOutputStream d = new DeflaterOutputStream(out, new Deflater(Deflater.DEFAULT_COMPRESSION, raw))) {
            d.write(data);
        }
        return out.toByteArray();
    }

    /** Chunks of the given sizes (the last one takes the rest), then the last-chunk and trailer lines. */
    private static byte[] chunked(byte[] body, List<Integer> sizes, String trailers) {
        ByteArrayOutputStream out = new ByteArrayOutputStream();
        int pos = 0;
        for (int i = 0; pos < body.length; i++) {
            int size = i < sizes.size() ? Math.min(Math.max(sizes.get(i), 1), body.length - pos) : body.length - pos;
            out.writeBytes(bytes(Integer.toHexString(size) + "\r\n"));
            out.write(body, pos, size);
            out.writeBytes(bytes("\r\n"));
            pos += size;
        }
        out.writeBytes(bytes("0\r\n" + trailers + "\r\n"));
        return out.toByteArray();
    }

    @Test
    void dechunksARequestAndSetsContentLength() {
        byte[] in = bytes("POST /upload HTTP/1.1\r\nHost: a\r\nTransfer-Encoding: chunked\r\nX-Y: z\r\n\r\n"
                + "5\r\nhello\r\n6;name=value\r\n world\r\n0\r\n\r\n");

        Prettifier.Result result = prettifier.apply(in);

        assertThat(result.outcome()).isEqualTo(Prettifier.Outcome.PRETTIFIED);
        assertThat(text(result.message())).isEqualTo(
                "POST /upload HTTP/1.1\r\nHost: a\r\nX-Y: z\r\nContent-Length: 11\r\n\r\nhello world");
    }

    @Test
    void chunkedTrailersAreAppendedAsHeaders() {
        byte[] in = bytes("HTTP/1.1 200 OK\r\nTransfer-Encoding: chunked\r\nTrailer: X-Checksum\r\n\r\n"
                + "3\r\nabc\r\n0\r\nX-Checksum: 900150983cd2\r\nX-Other: 1\r\n\r\n");

        assertThat(text(prettifier.prettify(in))).isEqualTo("HTTP/1.1 200 OK\r\nTrailer: X-Checksum\r\n"
                + "X-Checksum: 900150983cd2\r\nX-Other: 1\r\nContent-Length: 3\r\n\r\nabc");
    }

    @Test
    void gunzipsABodyAndFixesTheHeaders() throws IOException {
        byte[] body = bytes("{\"users\":[1,2,3]}".repeat(50));
        byte[] compressed = gzip(body);
        byte[] in = concat(bytes("HTTP/1.1 200 OK\r\nContent-Type: application/json\r\nContent-Encoding: gzip\r\n"
                + "Content-Length: " + compressed.length + "\r\nVary: Accept-Encoding\r\n\r\n"), compressed);

        Prettifier.Result result = prettifier.apply(in);

        assertThat(result.outcome()).isEqualTo(Prettifier.Outcome.PRETTIFIED);
        assertThat(result.message()).isEqualTo(concat(bytes("HTTP/1.1 200 OK\r\nContent-Type: application/json\r\n"
                + "Vary: Accept-Encoding\r\nContent-Length: " + body.length + "\r\n\r\n"), body));
    }

    @Test
    void dechunksThenGunzips() throws IOException {
        byte[] body = bytes("<html>" + "x".repeat(5000) + "</html>");
        byte[] in = concat(bytes("HTTP/1.1 200 OK\r\nTransfer-Encoding: chunked\r\nContent-Encoding: gzip\r\n\r\n"),
                chunked(gzip(body), List.of(7, 1, 20), ""));

        assertThat(prettifier.prettify(in)).isEqualTo(
                concat(bytes("HTTP/1.1 200 OK\r\nContent-Length: " + body.length + "\r\n\r\n"), body));
    }

    @Test
    void inflatesZlibAndRawDeflate() throws IOException {
        byte[] body = bytes("deflated ".repeat(100));
        for (boolean raw : new boolean[] {false, true}) {
            byte[] in = concat(bytes("HTTP/1.0 200 OK\r\nContent-Encoding: deflate\r\n\r\n"), deflate(body, raw));
            assertThat(prettifier.prettify(in)).as("raw=" + raw).isEqualTo(
                    concat(bytes("HTTP/1.0 200 OK\r\nContent-Length: " + body.length + "\r\n\r\n"), body));
        }
    }

    @Test
    void contentLengthIsReplacedByTheDecodedLength() throws IOException {
        byte[] compressed = gzip(bytes("abc"));
        byte[] in = concat(bytes("HTTP/1.1 404 Not Found\r\ncontent-length: " + compressed.length
                + "\r\nCONTENT-ENCODING: GZIP\r\n\r\n"), compressed);

        assertThat(text(prettifier.prettify(in))).isEqualTo("HTTP/1.1 404 Not Found\r\nContent-Length: 3\r\n\r\nabc");
    }

    @Test
    void aPlainMessageIsReturnedAsItIs() {
        byte[] in = bytes("GET / HTTP/1.1\r\nHost: x\r\n\r\n");
        Prettifier.Result result = prettifier.apply(in);
        assertThat(result.outcome()).isEqualTo(Prettifier.Outcome.UNCHANGED);
        assertThat(result.message()).isSameAs(in);
    }

    @Test
    void notHttpIsReturnedUnchanged() {
        for (String s : List.of("", "hello", "\u0016\u0003\u0001 TLS hello\r\n\r\n", "GET /\r\n\r\n",
                "HTTP/1.1 200 OK\r\nno colon here\r\n\r\n")) {
            byte[] in = bytes(s);
            Prettifier.Result result = prettifier.apply(in);
            assertThat(result.outcome()).as(s).isEqualTo(Prettifier.Outcome.NOT_HTTP);
            assertThat(result.message()).isSameAs(in);
        }
    }

    @Test
    void corruptOrTruncatedBodiesAreReturnedUnchanged() throws IOException {
        byte[] compressed = gzip(bytes("x".repeat(1000)));
        byte[] truncatedGzip = concat(bytes("HTTP/1.1 200 OK\r\nContent-Encoding: gzip\r\n\r\n"),
                Arrays.copyOf(compressed, compressed.length / 2));
        byte[] garbageGzip = bytes("HTTP/1.1 200 OK\r\nContent-Encoding: gzip\r\n\r\nnot gzip at all");
        byte[] badChunkSize = bytes("HTTP/1.1 200 OK\r\nTransfer-Encoding: chunked\r\n\r\nzz\r\nabc\r\n0\r\n\r\n");
        byte[] shortChunk = bytes("HTTP/1.1 200 OK\r\nTransfer-Encoding: chunked\r\n\r\na\r\nabc");
        byte[] noLastChunk = bytes("HTTP/1.1 200 OK\r\nTransfer-Encoding: chunked\r\n\r\n3\r\nabc\r\n");
        for (byte[] in : List.of(truncatedGzip, garbageGzip, badChunkSize, shortChunk, noLastChunk)) {
            Prettifier.Result result = prettifier.apply(in);
            assertThat(result.outcome()).as(text(in)).isEqualTo(Prettifier.Outcome.CORRUPT);
            assertThat(result.message()).isSameAs(in);
        }
    }

    @Test
    void aBodyDecodingAboveTheCapIsTreatedAsCorrupt() throws IOException {
        byte[] in = concat(bytes("HTTP/1.1 200 OK\r\nContent-Encoding: gzip\r\n\r\n"), gzip(new byte[100_000]));
        assertThat(new Prettifier(10_000).apply(in).outcome()).isEqualTo(Prettifier.Outcome.CORRUPT);
    }

    @Test
    void encodingsItCannotUndoAreLeftAlone() {
        byte[] br = bytes("HTTP/1.1 200 OK\r\nContent-Encoding: br\r\nContent-Length: 3\r\n\r\n\u0001\u0002\u0003");
        byte[] gzipChunked = bytes("HTTP/1.1 200 OK\r\nTransfer-Encoding: gzip, chunked\r\n\r\n3\r\nabc\r\n0\r\n\r\n");
        assertThat(prettifier.apply(br).outcome()).isEqualTo(Prettifier.Outcome.UNCHANGED);
        assertThat(prettifier.apply(gzipChunked).outcome()).isEqualTo(Prettifier.Outcome.UNCHANGED);
        // de-chunked, but a br body stays compressed and keeps its header
        byte[] brChunked = bytes("HTTP/1.1 200 OK\r\nContent-Encoding: br\r\nTransfer-Encoding: chunked\r\n\r\n2\r\n\u0001\u0002\r\n0\r\n\r\n");
        assertThat(text(prettifier.prettify(brChunked)))
                .isEqualTo("HTTP/1.1 200 OK\r\nContent-Encoding: br\r\nContent-Length: 2\r\n\r\n\u0001\u0002");
    }

    @Property(tries = 500)
    void neverThrowsAndReturnsTheInputUnlessItPrettified(@ForAll @Size(max = 400) byte[] noise,
                                                         @ForAll("heads") String head) {
        for (byte[] in : List.of(noise, concat(bytes(head), noise))) {
            Prettifier.Result result = prettifier.applyUnguarded(in);
            if (result.outcome() != Prettifier.Outcome.PRETTIFIED) {
                assertThat(result.message()).isSameAs(in);
            }
        }
    }

    @Provide
    Arbitrary<String> heads() {
        return Arbitraries.of(
                "HTTP/1.1 200 OK\r\nTransfer-Encoding: chunked\r\n\r\n",
                "HTTP/1.1 200 OK\r\nContent-Encoding: gzip\r\n\r\n",
                "HTTP/1.1 200 OK\r\nContent-Encoding: deflate\r\nTransfer-Encoding: chunked\r\n\r\n",
                "POST / HTTP/1.1\r\nContent-Length: 5\r\nContent-Encoding: gzip\r\n\r\n");
    }

    @Property(tries = 300)
    void anyChunkingOfAnyBodyComesBackAsTheBody(@ForAll @Size(max = 3000) byte[] body,
                                                @ForAll @Size(max = 20) List<@IntRange(min = 1, max = 700) Integer> sizes,
                                                @ForAll boolean compress) throws IOException {
        byte[] wire = compress ? gzip(body) : body;
        byte[] in = concat(bytes("HTTP/1.1 200 OK\r\n" + (compress ? "Content-Encoding: gzip\r\n" : "")
                + "Transfer-Encoding: chunked\r\n\r\n"), chunked(wire, sizes, ""));

        byte[] out = prettifier.prettify(in);

        assertThat(out).isEqualTo(concat(bytes("HTTP/1.1 200 OK\r\n" + "Content-Length: " + body.length + "\r\n\r\n"), body));
        // every prefix of the message is handled without an exception
        for (int cut = 0; cut < in.length; cut += Math.max(1, in.length / 17)) {
            byte[] prefix = Arrays.copyOf(in, cut);
            Prettifier.Result result = prettifier.applyUnguarded(prefix);
            assertThat(result.outcome() == Prettifier.Outcome.PRETTIFIED || result.message() == prefix).isTrue();
        }
    }
}
