package dev.shadowtap.compare;

import com.google.protobuf.DynamicMessage;
import dev.shadowtap.compare.grpc.ShopProto;
import dev.shadowtap.http.Prettifier;
import org.junit.jupiter.api.Test;

import java.io.ByteArrayOutputStream;
import java.io.IOException;
import java.util.List;
import java.util.zip.GZIPOutputStream;

import static org.assertj.core.api.Assertions.assertThat;

/** gRPC responses in the form HTTP/2 capture records them, compared: status, trailers, streams, gzip. */
class GrpcExchangeTest {
    private final ShopProto shop = new ShopProto();
    private final Prettifier prettifier = new Prettifier(1 << 20);

    private DynamicMessage order(String id, double total) {
        return shop.set(shop.set(shop.order(), "id", id), "total", total).build();
    }

    private List<String> diff(byte[] reference, byte[] candidate) {
        return new ResponseDiff().diff(DecodedResponse.decode(reference, prettifier).orElseThrow(),
                DecodedResponse.decode(candidate, prettifier).orElseThrow()).stream()
                .map(d -> d.path() + " " + d.kind().label() + " " + d.reference() + " -> " + d.candidate()).toList();
    }

    @Test
    void theStatusIsReadFromTheTrailersAndAChangeIsAStatusDifference() {
        byte[] ok = H2Grpc.response(null, H2Grpc.frames(order("o-1", 10).toByteArray()), "0", null);
        byte[] notFound = H2Grpc.trailersOnly("5", "order o-1 not found");

        assertThat(diff(ok, notFound)).containsExactly("grpc-status status 0 -> 5",
                "header:grpc-message extra  -> order o-1 not found", "$ length 1 message -> 0 messages");
        assertThat(diff(ok, H2Grpc.response(null, H2Grpc.frames(order("o-1", 10).toByteArray()), "13", "boom")))
                .containsExactly("grpc-status status 0 -> 13", "header:grpc-message extra  -> boom");
    }

    @Test
    void aTrailersOnlyErrorEqualsTheSameErrorSentInTrailers() {
        assertThat(diff(H2Grpc.trailersOnly("5", "gone"), H2Grpc.response(null, new byte[0], "5", "gone"))).isEmpty();
    }

    @Test
    void aUnaryAnswerNamesTheChangedFieldFromTheRoot() {
        assertThat(diff(H2Grpc.response(null, H2Grpc.frames(order("o-1", 10).toByteArray()), "0", null),
                H2Grpc.response(null, H2Grpc.frames(order("o-1", 12.5).toByteArray()), "0", null)))
                .containsExactly("$.4 changed 10.0 -> 12.5");
    }

    @Test
    void aStreamComparesMessageIWithMessageIAndCountsThem() {
        byte[] three = H2Grpc.frames(order("a", 1).toByteArray(), order("b", 2).toByteArray(), order("c", 3).toByteArray());
        byte[] changed = H2Grpc.frames(order("a", 1).toByteArray(), order("b", 2.5).toByteArray(), order("c", 3).toByteArray());
        byte[] four = H2Grpc.concat(three, H2Grpc.frames(order("d", 4).toByteArray()));

        assertThat(diff(H2Grpc.response(null, three, "0", null), H2Grpc.response(null, three, "0", null))).isEmpty();
        assertThat(diff(H2Grpc.response(null, three, "0", null), H2Grpc.response(null, changed, "0", null)))
                .containsExactly("$[1].4 changed 2.0 -> 2.5");
        assertThat(diff(H2Grpc.response(null, three, "0", null), H2Grpc.response(null, four, "0", null)))
                .containsExactly("$ length 3 messages -> 4 messages");
    }

    @Test
    void gzipMessagesCompareDecompressed() throws IOException {
        byte[] plain = order("o-2", 7).toByteArray();
        byte[] zipped = H2Grpc.frames(gzip(plain));
        zipped[0] = 1; // the compressed flag
        byte[] zippedChanged = H2Grpc.frames(gzip(order("o-2", 8).toByteArray()));
        zippedChanged[0] = 1;

        assertThat(diff(H2Grpc.response(null, H2Grpc.frames(plain), "0", null), H2Grpc.response("gzip", zipped, "0", null)))
                .as("only the wire differs").containsExactly("header:grpc-encoding extra  -> gzip");
        assertThat(diff(H2Grpc.response("gzip", zipped, "0", null), H2Grpc.response("gzip", zippedChanged, "0", null)))
                .containsExactly("$.4 changed 7.0 -> 8.0");
    }

    @Test
    void aBodyThatIsNotGrpcFramesIsComparedAsBytes() {
        byte[] broken = H2Grpc.response(null, new byte[] {0, 0, 0, 0, 9, 1}, "0", null);
        assertThat(diff(H2Grpc.response(null, H2Grpc.frames(order("x", 1).toByteArray()), "0", null), broken))
                .singleElement().asString().startsWith("body:sha256 digest");
    }

    @Test
    void theEndpointIsTheMethodAsIsAndRulesNameProtobufPaths() {
        byte[] request = H2Grpc.request("/shop.v1.OrderService/GetOrder", H2Grpc.frames(new byte[] {0x0a, 0x01, 0x31}));
        assertThat(ExchangeRequest.of(request).orElseThrow().endpoint()).isEqualTo("/shop.v1.OrderService/GetOrder");
        assertThat(ExchangeRequest.of(H2Grpc.ascii("GET /shop.v1.OrderService/GetOrder HTTP/1.1\r\n\r\n")).orElseThrow()
                .endpoint()).as("not gRPC: templated as before").isEqualTo("GET /{id}/GetOrder");

        NoiseClassifier rules = new NoiseClassifier(List.of(IgnoreRule.parse("$.5"), IgnoreRule.parse("$[*].3.2"),
                IgnoreRule.parse("$..7")));
        assertThat(rules.classify("m", new Difference("$.5", DiffKind.CHANGED, "1", "2"))).isEqualTo(NoiseReason.RULE);
        assertThat(rules.classify("m", new Difference("$[4].3.2", DiffKind.CHANGED, "1", "2"))).isEqualTo(NoiseReason.RULE);
        assertThat(rules.classify("m", new Difference("$.1.3[0].7", DiffKind.CHANGED, "1", "2"))).isEqualTo(NoiseReason.RULE);
        assertThat(rules.classify("m", new Difference("$.4", DiffKind.CHANGED, "1", "2"))).isNull();
        assertThat(rules.classify("m", new Difference("$['5']", DiffKind.CHANGED, "1", "2"))).as("a JSON key \"5\"")
                .isEqualTo(NoiseReason.RULE);
    }

    private static byte[] gzip(byte[] data) throws IOException {
        ByteArrayOutputStream out = new ByteArrayOutputStream();
        try (GZIPOutputStream gz = new GZIPOutputStream(out)) {
            gz.write(data);
        }
        return out.toByteArray();
    }
}
