package dev.shadowtap.app;

import dev.shadowtap.io.s3.S3TestServer;
import dev.shadowtap.pipeline.Message;
import org.junit.jupiter.api.AfterAll;
import org.junit.jupiter.api.BeforeAll;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;

import java.io.IOException;
import java.net.ServerSocket;
import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.ArrayList;
import java.util.List;
import java.util.Map;
import java.util.concurrent.TimeUnit;

import static org.assertj.core.api.Assertions.assertThat;

/**
 * {@code s3://} names through the real command line, in a real process that finds the store the standard
 * AWS way (AWS_ACCESS_KEY_ID, AWS_SECRET_ACCESS_KEY, AWS_ENDPOINT_URL_S3 or --s3-endpoint), against a real
 * S3-compatible server (s3proxy) started by the test: a recording goes up in chunks and comes back
 * record for record; each mistake is one line, and never a local folder named "s3:".
 */
class S3EndToEndTest {
    private static S3TestServer server;

    @TempDir
    Path dir;

    @BeforeAll
    static void startServer() throws Exception {
        server = S3TestServer.start();
    }

    @AfterAll
    static void stopServer() throws Exception {
        if (server != null) {
            server.close();
        }
    }

    @Test
    void aRecordingGoesUpInChunksAndComesBackInOrder() throws Exception {
        server.createBucket("recordings");
        List<Message> records = Gor.records(300, 1, 15);
        Path in = Gor.write(dir.resolve("in.gor"), records);

        Result up = run(server.env(), "--input-file", in + "|100000%", "--output-file",
                "s3://recordings/shop/requests.gor.gz", "--output-file-queue-limit", "100",
                "--output-file-buffer", dir.resolve("buffer").toString());

        assertThat(up.status).as(up.err).isZero();
        assertThat(server.keys("recordings", "")).containsExactly("shop/requests_0.gor.gz", "shop/requests_1.gor.gz",
                "shop/requests_2.gor.gz");
        assertThat(up.err).contains("output-file s3://recordings/shop/requests.gor.gz: uploaded 3 objects")
                .contains("to s3://recordings/shop/requests_0.gor.gz ... shop/requests_2.gor.gz");
        assertThat(dir.resolve("buffer")).isEmptyDirectory();

        // Read back through --s3-endpoint instead of the environment's endpoint.
        Map<String, String> env = server.env();
        env.remove("AWS_ENDPOINT_URL_S3");
        Path back = dir.resolve("back.gor");
        Result down = run(env, "--s3-endpoint", server.endpoint(), "--input-file", "s3://recordings/shop/|100000%",
                "--output-file", back.toString(), "--output-file-append");

        assertThat(down.status).as(down.err).isZero();
        assertThat(Gor.read(back)).containsExactlyElementsOf(records);
        assertNoLocalS3Folder();
    }

    @Test
    void aMissingBucketIsOneLineNamingItAndTheEndpoint() throws Exception {
        Result run = run(server.env(), "--input-dummy", "", "--output-file", "s3://no-such-bucket/r.gor");

        assertThat(run.status).isEqualTo(1);
        assertThat(oneLine(run)).contains("--output-file s3://no-such-bucket/r.gor: no such bucket no-such-bucket")
                .contains("endpoint " + server.endpoint());
        Result input = run(server.env(), "--input-file", "s3://no-such-bucket/rec/", "--output-null");
        assertThat(input.status).isEqualTo(1);
        assertThat(oneLine(input)).contains("--input-file s3://no-such-bucket/rec/: no such bucket no-such-bucket");
        assertNoLocalS3Folder();
    }

    @Test
    void anUnreachableEndpointIsOneLineNamingIt() throws Exception {
        int closed;
        try (ServerSocket socket = new ServerSocket(0)) {
            closed = socket.getLocalPort();
        }
        Map<String, String> env = server.env();
        env.put("AWS_ENDPOINT_URL_S3", "http://127.0.0.1:" + closed);

        Result run = run(env, "--input-dummy", "", "--output-file", "s3://recordings/r.gor");

        assertThat(run.status).isEqualTo(1);
        assertThat(oneLine(run)).contains("--output-file s3://recordings/r.gor: cannot connect")
                .contains("endpoint http://127.0.0.1:" + closed + " from AWS_ENDPOINT_URL_S3");
        assertNoLocalS3Folder();
    }

    @Test
    void noCredentialsIsOneLine() throws Exception {
        Map<String, String> env = server.env();
        env.remove("AWS_ACCESS_KEY_ID");
        env.remove("AWS_SECRET_ACCESS_KEY");
        env.put("AWS_EC2_METADATA_DISABLED", "true");
        env.put("HOME", dir.toString()); // no ~/.aws profile either

        Result run = run(env, "--input-dummy", "", "--output-file", "s3://recordings/r.gor");

        assertThat(run.status).isEqualTo(1);
        assertThat(oneLine(run)).contains("--output-file s3://recordings/r.gor: no AWS credentials found");
    }

    @Test
    void namesThatCannotBeObjectsAreRefusedInOneLine() throws Exception {
        Map<String, String> refusals = Map.of(
                "--output-file s3://", "--output-file s3://: no bucket",
                "--output-file s3://recordings", "--output-file s3://recordings: needs an object name after the bucket",
                "--output-file S3://recordings/", "--output-file S3://recordings/: needs an object name after the bucket",
                "--output-file s3://recordings/../r.gor", "--output-file s3://recordings/../r.gor: the object name may not",
                "--output-file s3://recordings/r.gor --output-file-append",
                "--output-file s3://recordings/r.gor: --output-file-append cannot be used with s3://",
                "--output-file s3://recordings/r.gor --s3-endpoint ftp://x",
                "--s3-endpoint ftp://x: needs http:// or https:// and a host");
        for (Map.Entry<String, String> refusal : refusals.entrySet()) {
            List<String> command = new ArrayList<>(List.of("--input-dummy", ""));
            command.addAll(List.of(refusal.getKey().split(" ")));
            Result run = run(server.env(), command.toArray(String[]::new));
            assertThat(run.status).as(refusal.getKey()).isEqualTo(2);
            assertThat(oneLine(run)).as(refusal.getKey()).contains(refusal.getValue());
        }
        assertNoLocalS3Folder();
    }

    private record Result(int status, String err) {
    }

    private Result run(Map<String, String> env, String... args) throws IOException, InterruptedException {
        ProcessBuilder builder = CliProcess.of(args).directory(dir.toFile());
        builder.environment().keySet().removeIf(name -> name.startsWith("AWS_"));
        builder.environment().putAll(env);
        Path err = Files.createTempFile(dir, "err", ".txt");
        Process child = builder.redirectError(err.toFile()).redirectOutput(ProcessBuilder.Redirect.DISCARD).start();
        assertThat(child.waitFor(120, TimeUnit.SECONDS)).isTrue();
        String text = Files.readString(err, StandardCharsets.UTF_8);
        Files.delete(err);
        return new Result(child.exitValue(), text);
    }

    /** The one line of stderr: no stack trace, no class names. */
    private static String oneLine(Result run) {
        List<String> lines = run.err.lines().filter(line -> !line.isBlank()).toList();
        assertThat(lines).as(run.err).hasSize(1);
        assertThat(lines.getFirst()).doesNotContain("Exception").doesNotContain("software.amazon");
        return lines.getFirst();
    }

    private void assertNoLocalS3Folder() {
        assertThat(dir.resolve("s3:")).doesNotExist();
        assertThat(dir.resolve("S3:")).doesNotExist();
    }
}
