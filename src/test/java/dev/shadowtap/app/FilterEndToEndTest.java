package dev.shadowtap.app;

import dev.shadowtap.pipeline.Message;
import dev.shadowtap.pipeline.MessageType;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;
import org.junit.jupiter.params.ParameterizedTest;
import org.junit.jupiter.params.provider.CsvSource;

import java.io.IOException;
import java.nio.charset.StandardCharsets;
import java.nio.file.Path;
import java.util.ArrayList;
import java.util.List;

import static org.assertj.core.api.Assertions.assertThat;

/** GoReplay's filter, rewrite and sampling flags through the real command line, on a recorded file. */
class FilterEndToEndTest {
    @TempDir
    Path dir;

    private Path recording() throws IOException {
        List<Message> records = new ArrayList<>();
        String[][] requests = {
                {"GET", "/api/users/1", "alice"}, {"POST", "/api/orders", "bob"}, {"GET", "/health", "carol"},
                {"DELETE", "/api/users/2", "dave"}, {"GET", "/api/items?page=2", "erin"}};
        for (int i = 0; i < requests.length; i++) {
            String id = String.format("%024x", i + 1);
            String body = requests[i][0].equals("POST") ? "{\"n\":1}" : "";
            String head = requests[i][0] + " " + requests[i][1] + " HTTP/1.1\r\nHost: shop.example\r\nX-User: "
                    + requests[i][2] + "\r\n" + (body.isEmpty() ? "" : "Content-Length: " + body.length() + "\r\n")
                    + "\r\n" + body;
            records.add(new Message(MessageType.REQUEST, id, 1_000L + i, Message.NO_LATENCY,
                    head.getBytes(StandardCharsets.US_ASCII)));
            records.add(new Message(MessageType.RESPONSE, id, 2_000L + i, 50L,
                    "HTTP/1.1 200 OK\r\nContent-Length: 0\r\n\r\n".getBytes(StandardCharsets.US_ASCII)));
        }
        return Gor.write(dir.resolve("in.gor"), records);
    }

    private List<Message> replay(String... flags) throws IOException {
        Path out = dir.resolve("out-" + System.nanoTime() + ".gor");
        List<String> args = new ArrayList<>(List.of("--input-file", recording() + "|100000000%", "--output-file",
                out.toString(), "--output-file-append"));
        args.addAll(List.of(flags));
        Run run = Run.of(args.toArray(String[]::new));
        assertThat(run.status()).as(run.err()).isZero();
        return out.toFile().exists() ? Gor.read(out) : List.of();
    }

    private static List<String> requestLines(List<Message> records) {
        return records.stream().filter(Message::isRequest)
                .map(m -> new String(m.payload(), StandardCharsets.US_ASCII).lines().findFirst().orElseThrow())
                .toList();
    }

    @Test
    void allowMethodKeepsOnlyThoseRequestsAndTheirResponses() throws IOException {
        List<Message> kept = replay("--http-allow-method", "GET", "--http-allow-method", "DELETE");

        assertThat(requestLines(kept)).containsExactly("GET /api/users/1 HTTP/1.1", "GET /health HTTP/1.1",
                "DELETE /api/users/2 HTTP/1.1", "GET /api/items?page=2 HTTP/1.1");
        assertThat(kept.stream().filter(m -> !m.isRequest())).hasSize(4);
    }

    @Test
    void urlFiltersMatchTheUrlWithItsHost() throws IOException {
        assertThat(requestLines(replay("--http-allow-url", "shop\\.example/api/users"))).hasSize(2);
        assertThat(requestLines(replay("--http-disallow-url", "/health"))).hasSize(4)
                .noneMatch(l -> l.contains("/health"));
    }

    @Test
    void headerFiltersAndRewritesWorkOnTheRawBytes() throws IOException {
        List<Message> kept = replay("--http-allow-header", "X-User: ^(alice|erin)$",
                "--http-set-header", "X-Shadow: 1", "--http-rewrite-url", "/api/(.*):/v2/$1");

        assertThat(requestLines(kept)).containsExactly("GET /v2/users/1 HTTP/1.1", "GET /v2/items?page=2 HTTP/1.1");
        assertThat(new String(kept.getFirst().payload(), StandardCharsets.US_ASCII)).contains("X-Shadow: 1\r\n")
                .contains("X-User: alice\r\n");
    }

    @Test
    void theInputsSummaryCountsEachRecordOnceWithRewritesAndFilters() throws IOException {
        Path out = dir.resolve("counted.gor");
        Run run = Run.of("--input-file", recording() + "|100000000%", "--output-file", out.toString(),
                "--output-file-append", "--http-set-header", "X-Shadow: 1", "--http-disallow-url", "/health", "--stats");
        assertThat(run.status()).as(run.err()).isZero();
        assertThat(Gor.read(out)).hasSize(8);
        assertThat(run.err()).containsPattern("summary input-file [^\\n]*: 8 msgs [^\\n]* dropped 2 ")
                .containsPattern("summary output-file [^\\n]*: 8 msgs ");
    }

    @Test
    void consistentSamplingKeepsTheSameUsersEveryRun() throws IOException {
        List<String> first = requestLines(replay("--http-header-limiter", "X-User: 50%"));
        List<String> second = requestLines(replay("--http-header-limiter", "X-User: 50%"));

        assertThat(first).isEqualTo(second).hasSizeLessThan(5);
    }

    /**
     * GoReplay 1.2 still lists its old names, each bound to the same variable as the modern flag: a
     * command line that uses one must replay exactly what the modern flag does, and the flag must act.
     */
    @ParameterizedTest(name = "--{0} works as --{1}")
    @CsvSource(delimiter = ';', value = {
            "output-http-method; http-allow-method; DELETE",
            "output-http-url-regexp; http-allow-url; shop\\.example/api/users",
            "output-http-header-filter; http-allow-header; X-User: ^(alice|erin)$",
            "output-http-header; http-set-header; X-Shadow: 1",
            "output-http-rewrite-url; http-rewrite-url; /api/(.*):/v2/$1",
            "output-http-header-hash-filter; http-header-limiter; X-User: 50%"})
    void goReplaysDeprecatedNamesWorkAsTheirModernFlags(String old, String modern, String value) throws IOException {
        List<Message> all = replay();
        List<Message> withModern = replay("--" + modern, value);
        List<Message> withOld = replay("--" + old, value);
        List<Message> mixed = replay("--" + old, value, "--" + modern, value);

        assertThat(withModern).as("--%s %s changes what is replayed", modern, value).isNotEqualTo(all);
        assertThat(withOld).isEqualTo(withModern);
        assertThat(mixed).as("the old name's values join the modern flag's")
                .isEqualTo(replay("--" + modern, value, "--" + modern, value));
    }

    @Test
    void outputDummyIsGoReplaysOldOutputStdout() throws IOException {
        String in = recording() + "|100000000%";
        Run stdout = Run.of("--input-file", in, "--output-stdout");
        Run dummy = Run.of("--input-file", in, "--output-dummy", "x");
        Run bareTwice = Run.of("--output-dummy", "--input-file", in, "--output-dummy");

        assertThat(stdout.status()).isZero();
        assertThat(stdout.out()).contains("GET /api/users/1 HTTP/1.1");
        assertThat(dummy.status()).as(dummy.err()).isZero();
        assertThat(dummy.out()).isEqualTo(stdout.out());
        assertThat(bareTwice.out()).as("one console output, not one per flag").isEqualTo(stdout.out());
    }
}
