package dev.shadowtap.io.s3;

import org.gaul.s3proxy.AuthenticationType;
import org.gaul.s3proxy.S3Proxy;
import org.jclouds.ContextBuilder;
import org.jclouds.blobstore.BlobStoreContext;
import software.amazon.awssdk.auth.credentials.AwsBasicCredentials;
import software.amazon.awssdk.auth.credentials.StaticCredentialsProvider;
import software.amazon.awssdk.core.checksums.RequestChecksumCalculation;
import software.amazon.awssdk.core.checksums.ResponseChecksumValidation;
import software.amazon.awssdk.core.sync.ResponseTransformer;
import software.amazon.awssdk.http.urlconnection.UrlConnectionHttpClient;
import software.amazon.awssdk.regions.Region;
import software.amazon.awssdk.services.s3.S3Client;
import software.amazon.awssdk.services.s3.model.S3Object;

import java.net.URI;
import java.util.HashMap;
import java.util.List;
import java.util.Map;
import java.util.Properties;

/**
 * A real S3-compatible server for tests: s3proxy (Maven Central) over jclouds' in-memory blobstore, on
 * a free loopback port, with signed (v2/v4) requests checked against its own key pair. Its own
 * {@link #client()} (the AWS SDK, independently configured) lists and reads what the code under test
 * stored.
 */
public final class S3TestServer implements AutoCloseable {
    public static final String ACCESS_KEY = "shadowtap-test-key";
    public static final String SECRET_KEY = "shadowtap-test-secret";

    private final BlobStoreContext context;
    private final S3Proxy proxy;
    private final S3Client client;

    private S3TestServer(BlobStoreContext context, S3Proxy proxy) {
        this.context = context;
        this.proxy = proxy;
        this.client = S3Client.builder().httpClientBuilder(UrlConnectionHttpClient.builder())
                .endpointOverride(URI.create(endpoint())).forcePathStyle(true).region(Region.US_EAST_1)
                .credentialsProvider(StaticCredentialsProvider.create(AwsBasicCredentials.create(ACCESS_KEY, SECRET_KEY)))
                // s3proxy does not know the newer checksum headers the SDK sends by default
                .requestChecksumCalculation(RequestChecksumCalculation.WHEN_REQUIRED)
                .responseChecksumValidation(ResponseChecksumValidation.WHEN_REQUIRED)
                .build();
    }

    public static S3TestServer start() throws Exception {
        Properties properties = new Properties();
        BlobStoreContext context = ContextBuilder.newBuilder("transient").credentials(ACCESS_KEY, SECRET_KEY)
                .overrides(properties).build(BlobStoreContext.class);
        S3Proxy proxy = S3Proxy.builder().blobStore(context.getBlobStore()).endpoint(URI.create("http://127.0.0.1:0"))
                .awsAuthentication(AuthenticationType.AWS_V2_OR_V4, ACCESS_KEY, SECRET_KEY).build();
        proxy.start();
        long deadline = System.nanoTime() + 30_000_000_000L;
        while (!"STARTED".equals(proxy.getState())) {
            if (System.nanoTime() > deadline) {
                throw new IllegalStateException("s3proxy did not start: " + proxy.getState());
            }
            Thread.sleep(10);
        }
        return new S3TestServer(context, proxy);
    }

    public String endpoint() {
        return "http://127.0.0.1:" + proxy.getPort();
    }

    /** The SDK client of the test, to look at the bucket independently of the code under test. */
    public S3Client client() {
        return client;
    }

    public void createBucket(String bucket) {
        client.createBucket(b -> b.bucket(bucket));
    }

    /** Every key under the prefix, in the store's (lexicographic) order. */
    public List<String> keys(String bucket, String prefix) {
        return client.listObjectsV2Paginator(b -> b.bucket(bucket).prefix(prefix)).contents().stream()
                .map(S3Object::key).toList();
    }

    public byte[] get(String bucket, String key) {
        return client.getObject(b -> b.bucket(bucket).key(key), ResponseTransformer.toBytes()).asByteArray();
    }

    public void put(String bucket, String key, byte[] bytes) {
        client.putObject(b -> b.bucket(bucket).key(key), software.amazon.awssdk.core.sync.RequestBody.fromBytes(bytes));
    }

    /** The environment a shadowtap process reaches this server with: the standard AWS variables. */
    public Map<String, String> env() {
        Map<String, String> env = new HashMap<>();
        env.put("AWS_ACCESS_KEY_ID", ACCESS_KEY);
        env.put("AWS_SECRET_ACCESS_KEY", SECRET_KEY);
        env.put("AWS_REGION", "us-east-1");
        env.put("AWS_ENDPOINT_URL_S3", endpoint());
        return env;
    }

    /** A connection of the code under test to this server, with the server's key pair. */
    public S3Connection connection() {
        return S3Connection.open(S3Settings.at(endpoint()), Map.of(),
                StaticCredentialsProvider.create(AwsBasicCredentials.create(ACCESS_KEY, SECRET_KEY)));
    }

    @Override
    public void close() throws Exception {
        client.close();
        proxy.stop();
        context.close();
    }
}
