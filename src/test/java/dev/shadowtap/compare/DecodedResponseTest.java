package dev.shadowtap.compare;

import dev.shadowtap.http.Prettifier;
import org.junit.jupiter.api.Test;

import java.io.ByteArrayOutputStream;
import java.io.IOException;
import java.nio.charset.StandardCharsets;
import java.util.List;
import java.util.zip.Deflater;
import java.util.zip.DeflaterOutputStream;
import java.util.zip.GZIPOutputStream;

import static org.assertj.core.api.Assertions.assertThat;

/** Bodies are compared decoded: each framing and coding of the same JSON gives the same body. */
class DecodedResponseTest {
    private static final String JSON = "{\"items\":[{\"sku\":\"a-1\",\"price\":3}],\"total\":3}";
    private final Prettifier prettifier = new Prettifier(1 << 20);

    record Case(String name, byte[] message) {
    }

    private static byte[] concat(byte[]... parts) {
        ByteArrayOutputStream out = new ByteArrayOutputStream();
        for (byte[] p : parts) {
            out.writeBytes(p);
        }
        return out.toByteArray();
    }

    private static byte[] ascii(String s) {
        return s.getBytes(StandardCharsets.ISO_8859_1);
    }

    private static byte[] chunked(byte[] body, int chunk) {
        ByteArrayOutputStream out = new ByteArrayOutputStream();
        for (int i = 0; i < body.length; i += chunk) {
            int n = Math.min(chunk, body.length - i);
            out.writeBytes(ascii(Integer.toHexString(n) + "\r\n"));
            out.write(body, i, n);
            out.writeBytes(ascii("\r\n"));
        }
        out.writeBytes(ascii("0\r\nX-Trailer: t\r\n\r\n"));
        return out.toByteArray();
    }

    private static byte[] gzip(byte[] body) throws IOException {
        ByteArrayOutputStream out = new ByteArrayOutputStream();
        try (GZIPOutputStream gz = new GZIPOutputStream(out)) {
            gz.write(body);
        }
        return out.toByteArray();
    }

    private static byte[] deflate(byte[] body, boolean raw) throws IOException {
        ByteArrayOutputStream out = new ByteArrayOutputStream();
        try (DeflaterOutputStream d = new DeflaterOutputStream(out, new Deflater(Deflater.DEFAULT_COMPRESSION, raw))) {
            d.write(body);
        }
        return out.toByteArray();
    }

    private static byte[] response(String headers, byte[] body) {
        return concat(ascii("HTTP/1.1 200 OK\r\nContent-Type: application/json\r\n" + headers + "\r\n"), body);
    }

    @Test
    void everyFramingAndCodingDecodesToTheSameBody() throws IOException {
        byte[] json = ascii(JSON);
        List<Case> cases = List.of(
                new Case("content-length", response("Content-Length: " + json.length + "\r\n", json)),
                new Case("chunked", response("Transfer-Encoding: chunked\r\n", chunked(json, 7))),
                new Case("gzip", response("Content-Encoding: gzip\r\nContent-Length: " + gzip(json).length + "\r\n", gzip(json))),
                new Case("gzip+chunked", response("Content-Encoding: gzip\r\nTransfer-Encoding: chunked\r\n", chunked(gzip(json), 5))),
                new Case("deflate zlib", response("Content-Encoding: deflate\r\nContent-Length: " + deflate(json, false).length
                        + "\r\n", deflate(json, false))),
                new Case("deflate raw", response("Content-Encoding: deflate\r\nContent-Length: " + deflate(json, true).length
                        + "\r\n", deflate(json, true))),
                new Case("x-gzip", response("Content-Encoding: x-gzip\r\nContent-Length: " + gzip(json).length + "\r\n", gzip(json))));
        for (Case c : cases) {
            DecodedResponse decoded = DecodedResponse.decode(c.message(), prettifier).orElseThrow();
            assertThat(new String(decoded.body(), StandardCharsets.ISO_8859_1)).as(c.name()).isEqualTo(JSON);
            assertThat(decoded.status()).isEqualTo(200);
            assertThat(decoded.undecoded()).as(c.name()).isFalse();
        }
        // and so the JSON comparison sees only the header that really differs
        DecodedResponse plain = DecodedResponse.decode(cases.get(0).message(), prettifier).orElseThrow();
        DecodedResponse zipped = DecodedResponse.decode(cases.get(3).message(), prettifier).orElseThrow();
        assertThat(new ResponseDiff().diff(plain, zipped)).extracting(Difference::path).containsExactly("header:content-encoding");
    }

    @Test
    void aCorruptOrOversizedBodyIsComparedAsReceived() throws IOException {
        byte[] broken = response("Content-Encoding: gzip\r\nContent-Length: 5\r\n", ascii("nope!"));
        DecodedResponse decoded = DecodedResponse.decode(broken, prettifier).orElseThrow();
        assertThat(decoded.undecoded()).isTrue();
        assertThat(decoded.body()).isEqualTo(ascii("nope!"));
        byte[] big = gzip(new byte[2 << 20]); // 2 MiB of zeros, above the 1 MiB limit once decoded
        DecodedResponse bomb = DecodedResponse.decode(response("Content-Encoding: gzip\r\nContent-Length: " + big.length
                + "\r\n", big), prettifier).orElseThrow();
        assertThat(bomb.undecoded()).isTrue();
        assertThat(bomb.body()).hasSize(big.length);
    }

    @Test
    void notAResponseIsEmpty() {
        assertThat(DecodedResponse.decode(ascii("GET / HTTP/1.1\r\n\r\n"), prettifier)).isEmpty();
        assertThat(DecodedResponse.decode(ascii("garbage"), prettifier)).isEmpty();
    }

    @Test
    void textBodiesCompareByLineAndBinaryBodiesByDigest() {
        DecodedResponse a = DecodedResponse.decode(response("Content-Type: text/plain\r\n",
                ascii("one\ntwo\nthree")), prettifier).orElseThrow();
        DecodedResponse b = DecodedResponse.decode(response("Content-Type: text/plain\r\n",
                ascii("one\n2\nthree\nfour")), prettifier).orElseThrow();
        assertThat(new ResponseDiff().diff(a, b)).extracting(d -> d.path() + " " + d.kind().label())
                .containsExactly("body:line:2 line", "body:line:4 extra");
        DecodedResponse x = DecodedResponse.decode(response("", new byte[] {0, 1, 2, (byte) 0xff}), prettifier).orElseThrow();
        DecodedResponse y = DecodedResponse.decode(response("", new byte[] {0, 1, 3, (byte) 0xff}), prettifier).orElseThrow();
        assertThat(new ResponseDiff().diff(x, y)).singleElement().satisfies(d -> {
            assertThat(d.path()).isEqualTo("body:sha256");
            assertThat(d.reference()).startsWith("sha256:").endsWith("(4 bytes)");
        });
    }
}
