package dev.shadowtap.http.transform;

import dev.shadowtap.core.Reason;
import dev.shadowtap.gor.GorReader;
import dev.shadowtap.gor.GorWriter;
import dev.shadowtap.http.HttpHead;
import dev.shadowtap.pipeline.Input;
import dev.shadowtap.core.Log;
import dev.shadowtap.pipeline.Message;
import dev.shadowtap.core.StageStats;
import dev.shadowtap.pipeline.TransformedInput;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;

import java.io.OutputStream;
import java.net.URISyntaxException;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.ArrayList;
import java.util.List;
import java.util.Objects;

import static dev.shadowtap.http.transform.TransformFixture.bytes;
import static dev.shadowtap.http.transform.TransformFixture.text;
import static org.assertj.core.api.Assertions.assertThat;

/**
 * The pieces fit: a GoReplay 1.2-style .gor file (keep-alive ids, a 100 Continue recorded before its
 * request, an empty request record) read by GorReader, filtered and rewritten through TransformedInput,
 * written by GorWriter and read back.
 */
class TransformedInputGorTest {
    private static final String A = "a1b2c3d4e5f6a7b8c9d0e1f2";
    private static final String C = "c0c0c0c0c0c0c0c0c0c0c0c0";

    private static Path fixture() throws URISyntaxException {
        return Path.of(Objects.requireNonNull(TransformedInputGorTest.class.getResource("/transform/keepalive-1.2.gor")).toURI());
    }

    private static List<Message> readAll(Input input) throws Exception {
        List<Message> out = new ArrayList<>();
        Message m;
        while ((m = input.read()) != null) {
            out.add(m);
        }
        return out;
    }

    @Test
    void filtersAndRewritesAGoReplayFileEndToEnd(@TempDir Path dir) throws Exception {
        StageStats stats = new StageStats("http-transform");
        HttpTransform transform = new HttpTransform(new HttpTransformConfigBuilder()
                .allowUrl("^/api/").setHeader("X-Replayed: shadowtap").rewriteUrl("^/api/:/v2/").build(), stats);

        List<Message> out;
        try (GorReader reader = GorReader.open(fixture(), new StageStats("file"), Log.SILENT)) {
            out = readAll(new TransformedInput(reader::next, transform));
        }

        assertThat(out).extracting(m -> m.type().code() + " " + m.id() + " " + firstLine(m)).containsExactly(
                "1 " + A + " GET /v2/users?uid=17 HTTP/1.1",
                "2 " + A + " HTTP/1.1 200 OK",
                "2 " + A + " HTTP/1.1 100 Continue",
                "1 " + A + " POST /v2/upload HTTP/1.1",
                "2 " + A + " HTTP/1.1 201 Created",
                "1 " + C + " GET /v2/orders HTTP/1.1",
                "2 " + C + " HTTP/1.1 200 OK");
        assertThat(stats.dropped(Reason.FILTERED_URL)).isEqualTo(1);
        assertThat(stats.dropped(Reason.RESPONSE_OF_FILTERED)).isEqualTo(1);
        assertThat(stats.dropped(Reason.UNPARSEABLE)).as("the empty request record").isEqualTo(1);
        assertThat(stats.messages()).as("what passes is counted by the input's stage, not again here").isZero();

        assertThat(text(out.get(0))).isEqualTo("GET /v2/users?uid=17 HTTP/1.1\r\nX-Replayed: shadowtap\r\nHost: www.example.com\r\n"
                + "User-Agent: Mozilla/5.0\r\nAccept: application/json\r\n\r\n");
        String body = "{\"file\":\"report.csv\",\"size\":1024}";
        HttpHead post = HttpHead.parse(out.get(3).payload());
        assertThat(text(out.get(3)).substring(post.length())).isEqualTo(body);
        assertThat(post.header("Content-Length")).hasValue(Integer.toString(body.length()));
        assertThat(post.headers("cookie")).isEmpty();
        assertThat(HttpHead.parse(out.get(5).payload()).headers("Cookie")).containsExactly("s=1", "t=2");
        assertThat(out.get(0).timestampNs()).isEqualTo(1_700_000_000_000_000_000L);
        assertThat(out.get(1).latencyNs()).isEqualTo(1_900_000);

        Path written = dir.resolve("filtered.gor");
        try (OutputStream os = Files.newOutputStream(written)) {
            GorWriter writer = GorWriter.file(os);
            for (Message m : out) {
                writer.write(m);
            }
        }
        try (GorReader back = GorReader.open(written, new StageStats("file"), Log.SILENT)) {
            assertThat(readAll(back::next)).isEqualTo(out);
        }
    }

    @Test
    void withoutRulesTheFileComesThroughIdentical() throws Exception {
        StageStats stats = new StageStats("http-transform");
        List<Message> plain;
        List<Message> transformed;
        try (GorReader reader = GorReader.open(fixture(), new StageStats("file"), Log.SILENT)) {
            plain = readAll(reader::next);
        }
        try (GorReader reader = GorReader.open(fixture(), new StageStats("file"), Log.SILENT)) {
            transformed = readAll(new TransformedInput(reader::next,
                    new HttpTransform(HttpTransformConfig.NONE, stats)));
        }
        assertThat(transformed).isEqualTo(plain).hasSize(10);
        assertThat(stats.droppedTotal()).isZero();
        assertThat(plain.get(7).payload()).isEqualTo(bytes(""));
    }

    private static String firstLine(Message m) {
        String t = text(m);
        int eol = t.indexOf("\r\n");
        return eol < 0 ? t : t.substring(0, eol);
    }
}
