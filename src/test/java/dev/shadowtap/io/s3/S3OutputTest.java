package dev.shadowtap.io.s3;

import dev.shadowtap.core.Log;
import dev.shadowtap.core.Reason;
import dev.shadowtap.core.StageStats;
import dev.shadowtap.io.file.DryRun;
import dev.shadowtap.io.file.FileInput;
import dev.shadowtap.io.file.FileInputConfig;
import dev.shadowtap.io.file.FileOutput;
import dev.shadowtap.io.file.FileOutputConfig;
import dev.shadowtap.io.file.RecordFile;
import dev.shadowtap.pipeline.Message;
import dev.shadowtap.pipeline.MessageType;
import org.junit.jupiter.api.AfterAll;
import org.junit.jupiter.api.BeforeAll;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;
import org.junit.jupiter.params.ParameterizedTest;
import org.junit.jupiter.params.provider.ValueSource;

import java.io.IOException;
import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.nio.file.Path;
import java.time.Clock;
import java.time.Duration;
import java.util.ArrayList;
import java.util.List;
import java.util.Random;
import java.util.concurrent.CopyOnWriteArrayList;
import java.util.stream.Stream;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;

/**
 * {@code --output-file s3://...} and {@code --input-file s3://...} against a real S3-compatible server
 * (s3proxy): what the output uploads is listed by the SDK's own client and read back, record for record.
 */
class S3OutputTest {
    private static S3TestServer server;

    @TempDir
    Path buffer;

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

    @ParameterizedTest
    @ValueSource(strings = {"requests.gor", "requests.gor.gz"})
    void everyChunkIsUploadedAsAnObjectAndReadsBackInOrder(String name) throws Exception {
        String bucket = bucket();
        List<Message> records = records(250, 7);
        StageStats stats = new StageStats("output-file");
        S3ChunkStore store = new S3ChunkStore(server.connection(), S3Location.parseOutput("s3://" + bucket + "/rec/" + name),
                buffer, stats, Log.SILENT);
        try (FileOutput output = output("s3://" + bucket + "/rec/" + name, 100, store, stats)) {
            for (Message m : records) {
                output.write(m);
            }
        }
        String ext = name.substring("requests".length());
        assertThat(server.keys(bucket, "")).containsExactly("rec/requests_0" + ext, "rec/requests_1" + ext,
                "rec/requests_2" + ext);
        if (ext.endsWith(".gz")) {
            byte[] object = server.get(bucket, "rec/requests_0" + ext);
            assertThat(object[0] & 0xff).isEqualTo(0x1f);
            assertThat(object[1] & 0xff).isEqualTo(0x8b);
        }
        assertThat(readBack("s3://" + bucket + "/rec/")).containsExactlyElementsOf(records);
        // The output's own name reads back its chunks too.
        assertThat(readBack("s3://" + bucket + "/rec/" + name)).containsExactlyElementsOf(records);
        assertThat(store.report()).hasValueSatisfying(line -> assertThat(line)
                .contains("uploaded 3 objects").contains("s3://" + bucket + "/rec/requests_0" + ext)
                .contains("rec/requests_2" + ext));
        assertThat(stats.droppedTotal()).isZero();
        try (Stream<Path> left = Files.walk(buffer)) {
            assertThat(left.filter(Files::isRegularFile)).as("uploaded chunks leave the buffer").isEmpty();
        }
    }

    @Test
    void aChunkIsUploadedWhenItRotatesNotOnlyAtClose() throws Exception {
        String bucket = bucket();
        StageStats stats = new StageStats("output-file");
        S3ChunkStore store = new S3ChunkStore(server.connection(), S3Location.parseOutput("s3://" + bucket + "/r.gor"),
                buffer, stats, Log.SILENT);
        List<Message> records = records(25, 3);
        try (FileOutput output = output("s3://" + bucket + "/r.gor", 10, store, stats)) {
            for (Message m : records) {
                output.write(m); // the 11th and 21st records rotate
            }
            long deadline = System.nanoTime() + Duration.ofSeconds(20).toNanos();
            while (server.keys(bucket, "").size() < 2 && System.nanoTime() < deadline) {
                Thread.sleep(20);
            }
            assertThat(server.keys(bucket, "")).as("while the output is open").containsExactly("r_0.gor", "r_1.gor");
        }
        assertThat(server.keys(bucket, "")).containsExactly("r_0.gor", "r_1.gor", "r_2.gor");
        assertThat(readBack("s3://" + bucket + "/r")).containsExactlyElementsOf(records);
    }

    @Test
    void namePlaceholdersExpandInTheKeyAndADryRunReadsTheObjects() throws Exception {
        String bucket = bucket();
        StageStats stats = new StageStats("output-file");
        S3ChunkStore store = new S3ChunkStore(server.connection(), S3Location.parseOutput("s3://" + bucket + "/rec/t%t.gor"),
                buffer, stats, Log.SILENT);
        List<Message> records = records(40, 11);
        try (FileOutput output = output("s3://" + bucket + "/rec/t%t.gor", 0, store, stats)) {
            for (Message m : records) {
                output.write(m);
            }
        }
        assertThat(server.keys(bucket, "rec/")).containsExactly("rec/t1_0.gor", "rec/t2_0.gor");

        try (S3Connection s3 = server.connection()) {
            DryRun run = DryRun.scan(FileInputConfig.of("s3://" + bucket + "/rec/t"), S3Objects.list(s3, "s3://" + bucket
                    + "/rec/t"), new StageStats("in"), Log.SILENT);
            assertThat(run.files()).isEqualTo(2);
            assertThat(run.requests()).isEqualTo(20);
            assertThat(run.responses()).isEqualTo(20);
            assertThat(run.bytes()).isEqualTo(server.get(bucket, "rec/t1_0.gor").length
                    + server.get(bucket, "rec/t2_0.gor").length);
        }
    }

    @Test
    void rotationBySizeUploadsEveryChunk() throws Exception {
        String bucket = bucket();
        StageStats stats = new StageStats("output-file");
        S3ChunkStore store = new S3ChunkStore(server.connection(), S3Location.parseOutput("s3://" + bucket + "/s.gor"),
                buffer, stats, Log.SILENT);
        List<Message> records = records(120, 13);
        long limit = 20_000;
        FileOutputConfig config = FileOutputConfig.defaults("s3://" + bucket + "/s.gor").withLimits(limit, 0, 0);
        try (FileOutput output = new FileOutput(config, store, stats, Log.SILENT, Clock.systemUTC(), "test")) {
            for (Message m : records) {
                output.write(m);
            }
        }
        List<String> keys = server.keys(bucket, "");
        assertThat(keys).hasSizeGreaterThan(3);
        assertThat(keys).containsExactlyInAnyOrderElementsOf(
                java.util.stream.IntStream.range(0, keys.size()).mapToObj(i -> "s_" + i + ".gor").toList());
        for (int i = 0; i < keys.size() - 1; i++) {
            assertThat(server.get(bucket, "s_" + i + ".gor").length).as("chunk %d holds the limit", i)
                    .isGreaterThanOrEqualTo((int) limit);
        }
        assertThat(readBack("s3://" + bucket + "/s")).containsExactlyElementsOf(records);
    }

    @Test
    void anUploadCutByTheNetworkIsRetriedNotLost() throws Exception {
        String bucket = bucket();
        int port = java.net.URI.create(server.endpoint()).getPort();
        try (FaultyProxy proxy = new FaultyProxy(port, "PUT", 1, java.util.Set.of())) {
            S3Connection s3 = S3Connection.open(S3Settings.at(proxy.endpoint()), java.util.Map.of(),
                    software.amazon.awssdk.auth.credentials.StaticCredentialsProvider.create(
                            software.amazon.awssdk.auth.credentials.AwsBasicCredentials.create(
                                    S3TestServer.ACCESS_KEY, S3TestServer.SECRET_KEY)));
            StageStats stats = new StageStats("output-file");
            S3ChunkStore store = new S3ChunkStore(s3, S3Location.parseOutput("s3://" + bucket + "/r.gor"), buffer,
                    stats, Log.SILENT);
            List<Message> records = records(10, 17);
            try (FileOutput output = output("s3://" + bucket + "/r.gor", 0, store, stats)) {
                for (Message m : records) {
                    output.write(m);
                }
            }
            assertThat(proxy.seen()).as("the cut upload and its retry").isEqualTo(2);
            assertThat(stats.droppedTotal()).isZero();
            assertThat(server.keys(bucket, "")).containsExactly("r_0.gor");
            assertThat(readBack("s3://" + bucket + "/r")).containsExactlyElementsOf(records);
        }
    }

    @Test
    void credentialsThatMayWriteButNotListStillUpload() throws Exception {
        String bucket = bucket();
        int port = java.net.URI.create(server.endpoint()).getPort();
        try (FaultyProxy proxy = new FaultyProxy(port, "PUT", 0, java.util.Set.of("HEAD", "GET"))) {
            S3Connection s3 = S3Connection.open(S3Settings.at(proxy.endpoint()), java.util.Map.of(),
                    software.amazon.awssdk.auth.credentials.StaticCredentialsProvider.create(
                            software.amazon.awssdk.auth.credentials.AwsBasicCredentials.create(
                                    S3TestServer.ACCESS_KEY, S3TestServer.SECRET_KEY)));
            List<String> warnings = new CopyOnWriteArrayList<>();
            s3.checkBucket("--output-file s3://" + bucket + "/r.gor", bucket, warningsTo(warnings));
            StageStats stats = new StageStats("output-file");
            S3ChunkStore store = new S3ChunkStore(s3, S3Location.parseOutput("s3://" + bucket + "/r.gor"), buffer,
                    stats, warningsTo(warnings));
            List<Message> records = records(10, 19);
            try (FileOutput output = output("s3://" + bucket + "/r.gor", 0, store, stats)) {
                for (Message m : records) {
                    output.write(m);
                }
            }
            assertThat(stats.droppedTotal()).isZero();
            assertThat(server.keys(bucket, "")).containsExactly("r_0.gor");
            assertThat(readBack("s3://" + bucket + "/r")).containsExactlyElementsOf(records);
            assertThat(warnings).hasSize(2);
            assertThat(warnings.get(0)).isEqualTo("--output-file s3://" + bucket + "/r.gor: cannot check the bucket:"
                    + " access denied to bucket " + bucket + " (endpoint " + proxy.endpoint() + "); uploading anyway");
            assertThat(warnings.get(1)).startsWith("cannot list s3://" + bucket + "/r_*: access denied to bucket "
                    + bucket + " (AccessDenied)").endsWith("chunks are numbered from 0 and may replace objects of an earlier run");
        }
    }

    @Test
    void numberingStartsAfterTheChunksAlreadyInTheBucket() throws Exception {
        String bucket = bucket();
        server.put(bucket, "rec/r_0.gor", "x".getBytes(StandardCharsets.US_ASCII));
        server.put(bucket, "rec/r_7.gor", "x".getBytes(StandardCharsets.US_ASCII));
        StageStats stats = new StageStats("output-file");
        S3ChunkStore store = new S3ChunkStore(server.connection(), S3Location.parseOutput("s3://" + bucket + "/rec/r.gor"),
                buffer, stats, Log.SILENT);
        try (FileOutput output = output("s3://" + bucket + "/rec/r.gor", 0, store, stats)) {
            output.write(records(1, 1).getFirst());
        }
        assertThat(server.keys(bucket, "rec/")).containsExactly("rec/r_0.gor", "rec/r_7.gor", "rec/r_8.gor");
    }

    @Test
    void anUploadThatFailsIsCountedAndItsChunkKeptNeverSilentlyLost() throws Exception {
        String bucket = bucket();
        StageStats stats = new StageStats("output-file");
        List<String> warnings = new CopyOnWriteArrayList<>();
        S3ChunkStore store = new S3ChunkStore(server.connection(), S3Location.parseOutput("s3://" + bucket + "/r.gor"),
                buffer, stats, warningsTo(warnings));
        List<Message> records = records(30, 5);
        try (FileOutput output = output("s3://" + bucket + "/r.gor", 10, store, stats)) {
            for (Message m : records.subList(0, 10)) {
                output.write(m);
            }
            // The bucket goes away while the run goes on: the next chunks cannot be uploaded.
            server.client().deleteBucket(b -> b.bucket(bucket));
            for (Message m : records.subList(10, 30)) {
                output.write(m);
            }
        }
        assertThat(stats.dropped(Reason.UPLOAD_ERROR)).isEqualTo(30);
        assertThat(store.lostRecords()).isTrue();
        assertThat(warnings).singleElement().asString().contains("cannot upload s3://" + bucket + "/r_0.gor")
                .contains("no such bucket " + bucket).contains(server.endpoint()).doesNotContain("\n");
        assertThat(store.report()).hasValueSatisfying(line -> assertThat(line).contains("uploaded 0 objects")
                .contains("3 chunks (30 records) not uploaded, kept in " + store.bufferRoot()));
        List<Message> kept = new ArrayList<>();
        try (Stream<Path> files = Files.list(store.bufferRoot())) {
            for (Path file : files.sorted().toList()) {
                kept.addAll(readAll(new FileInput(FileInputConfig.of(file.toString()).withSpeed(1e9),
                        new StageStats("in"), Log.SILENT)));
            }
        }
        assertThat(kept).containsExactlyElementsOf(records);
    }

    @Test
    void aMissingPrefixIsOneLineNamingItAndTheEndpoint() {
        String bucket = bucket();
        try (S3Connection s3 = server.connection()) {
            assertThatThrownBy(() -> S3Objects.list(s3, "s3://" + bucket + "/nothing/here"))
                    .isInstanceOf(IOException.class)
                    .hasMessage("--input-file s3://" + bucket + "/nothing/here: no object has this prefix (endpoint "
                            + server.endpoint() + ")");
            assertThatThrownBy(() -> S3Objects.list(s3, "s3://no-such-bucket-x/rec"))
                    .hasMessage("--input-file s3://no-such-bucket-x/rec: no such bucket no-such-bucket-x (endpoint "
                            + server.endpoint() + ")");
            assertThatThrownBy(() -> s3.checkBucket("--output-file s3://no-such-bucket-x/r.gor", "no-such-bucket-x", Log.SILENT))
                    .hasMessage("--output-file s3://no-such-bucket-x/r.gor: no such bucket no-such-bucket-x (endpoint "
                            + server.endpoint() + ")");
        }
    }

    private static int buckets;

    private static String bucket() {
        String name = "shadowtap-" + (++buckets) + "-" + Long.toHexString(System.nanoTime());
        server.createBucket(name);
        return name;
    }

    private static FileOutput output(String name, int queueLimit, S3ChunkStore store, StageStats stats) {
        FileOutputConfig config = FileOutputConfig.defaults(name).withLimits(0, queueLimit, 0);
        return new FileOutput(config, store, stats, Log.SILENT, Clock.systemUTC(), "test");
    }

    private static List<Message> readBack(String name) throws Exception {
        S3Connection s3 = server.connection();
        List<RecordFile> files = S3Objects.list(s3, name);
        return readAll(new FileInput(FileInputConfig.of(name).withSpeed(1e9), files, s3, new StageStats("in"),
                Log.SILENT));
    }

    private static List<Message> readAll(FileInput input) throws Exception {
        List<Message> out = new ArrayList<>();
        try (input) {
            for (Message m; (m = input.read()) != null; ) {
                out.add(m);
            }
        }
        return out;
    }

    private static Log warningsTo(List<String> warnings) {
        return new Log() {
            @Override
            public void warn(String line) {
                warnings.add(line);
            }

            @Override
            public void info(String line) {
            }
        };
    }

    /** Requests and responses of varied sizes, in timestamp order (so a read-back is in written order). */
    static List<Message> records(int count, long seed) {
        Random random = new Random(seed);
        List<Message> records = new ArrayList<>();
        for (int i = 0; i < count; i++) {
            String id = String.format("%024x", random.nextLong() & Long.MAX_VALUE);
            long ts = 1_795_000_000_000_000_000L + i * 1_000_000L;
            byte[] body = new byte[random.nextInt(2000)];
            random.nextBytes(body);
            String head = "POST /items/" + i + " HTTP/1.1\r\nHost: shop.example\r\nContent-Length: " + body.length + "\r\n\r\n";
            byte[] payload = new byte[head.length() + body.length];
            System.arraycopy(head.getBytes(StandardCharsets.US_ASCII), 0, payload, 0, head.length());
            System.arraycopy(body, 0, payload, head.length(), body.length);
            records.add(new Message(i % 2 == 0 ? MessageType.REQUEST : MessageType.RESPONSE, id, ts,
                    Message.NO_LATENCY, payload));
        }
        return records;
    }
}
