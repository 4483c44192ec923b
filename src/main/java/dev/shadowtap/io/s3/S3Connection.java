package dev.shadowtap.io.s3;

import dev.shadowtap.core.Log;
import software.amazon.awssdk.auth.credentials.AwsCredentialsProvider;
import software.amazon.awssdk.auth.credentials.DefaultCredentialsProvider;
import software.amazon.awssdk.core.checksums.RequestChecksumCalculation;
import software.amazon.awssdk.core.checksums.ResponseChecksumValidation;
import software.amazon.awssdk.core.exception.SdkException;
import software.amazon.awssdk.http.urlconnection.UrlConnectionHttpClient;
import software.amazon.awssdk.regions.Region;
import software.amazon.awssdk.regions.providers.AwsProfileRegionProvider;
import software.amazon.awssdk.regions.providers.AwsRegionProvider;
import software.amazon.awssdk.regions.providers.AwsRegionProviderChain;
import software.amazon.awssdk.regions.providers.InstanceProfileRegionProvider;
import software.amazon.awssdk.regions.providers.SystemSettingsRegionProvider;
import software.amazon.awssdk.services.s3.S3Client;
import software.amazon.awssdk.services.s3.S3ClientBuilder;
import software.amazon.awssdk.services.s3.model.HeadBucketRequest;

import java.io.IOException;
import java.time.Duration;
import java.util.Map;

/**
 * One S3 client: the SDK's blocking client over the JDK's HttpURLConnection, credentials from the
 * standard AWS chain (environment, system properties, profile, container or instance role), the region
 * from the standard chain, else {@code AWS_DEFAULT_REGION}, else us-east-1 (GoReplay's choices). The SDK
 * retries what it deems retryable, with backoff (its defaults, or AWS_MAX_ATTEMPTS and AWS_RETRY_MODE).
 */
public final class S3Connection implements AutoCloseable {
    /** A store that does not answer a connect in this time is taken as unreachable. */
    private static final Duration CONNECT_TIMEOUT = Duration.ofSeconds(5);
    /** Silence this long in a transfer fails the attempt (the SDK tries again). */
    private static final Duration SOCKET_TIMEOUT = Duration.ofSeconds(60);

    private final S3Client client;
    private final S3Settings settings;

    private S3Connection(S3Client client, S3Settings settings) {
        this.client = client;
        this.settings = settings;
    }

    /** A client for {@code settings}; nothing is sent yet. */
    public static S3Connection open(S3Settings settings, Map<String, String> env) {
        return open(settings, env, DefaultCredentialsProvider.builder().build());
    }

    /** A client with the credentials given (a test's key pair for its own server). */
    static S3Connection open(S3Settings settings, Map<String, String> env, AwsCredentialsProvider credentials) {
        S3ClientBuilder builder = S3Client.builder()
                .httpClientBuilder(UrlConnectionHttpClient.builder()
                        .connectionTimeout(CONNECT_TIMEOUT).socketTimeout(SOCKET_TIMEOUT))
                .credentialsProvider(credentials)
                .region(region(settings, env));
        settings.endpoint().ifPresent(uri -> builder.endpointOverride(uri).forcePathStyle(true)
                // S3-compatible stores differ in the newer checksum trailers; send and check them only
                // where the operation requires them.
                .requestChecksumCalculation(RequestChecksumCalculation.WHEN_REQUIRED)
                .responseChecksumValidation(ResponseChecksumValidation.WHEN_REQUIRED));
        return new S3Connection(builder.build(), settings);
    }

    /**
     * The region: the standard chain (AWS_REGION, the aws.region property, the profile; the instance's
     * metadata only for AWS itself, since asking it off EC2 costs seconds), else AWS_DEFAULT_REGION,
     * else us-east-1. A store at an endpoint takes any region in its signatures.
     */
    private static Region region(S3Settings settings, Map<String, String> env) {
        AwsRegionProvider chain = settings.endpoint().isPresent()
                ? new AwsRegionProviderChain(new SystemSettingsRegionProvider(), new AwsProfileRegionProvider())
                : new AwsRegionProviderChain(new SystemSettingsRegionProvider(), new AwsProfileRegionProvider(),
                        new InstanceProfileRegionProvider());
        try {
            return chain.getRegion();
        } catch (SdkException e) {
            String fallback = env.get("AWS_DEFAULT_REGION");
            return Region.of(fallback == null || fallback.isBlank() ? "us-east-1" : fallback.strip());
        }
    }

    S3Client client() {
        return client;
    }

    public S3Settings settings() {
        return settings;
    }

    /**
     * Asks whether the bucket is there and may be used, so that a wrong name, missing credentials or an
     * unreachable store fail at start in one line.
     *
     * Credentials that may write but not list (a write-only policy) are let through with one line.
     *
     * @param what the flag and name it is for ({@code --output-file s3://b/k}), first in the message
     */
    public void checkBucket(String what, String bucket, Log log) throws IOException {
        try {
            client.headBucket(HeadBucketRequest.builder().bucket(bucket).build());
        } catch (SdkException e) {
            String reason = S3Errors.reason(e, "bucket " + bucket) + " (" + settings.describe() + ")";
            if (!S3Errors.accessDenied(e)) {
                throw new IOException(what + ": " + reason);
            }
            log.warn(what + ": cannot check the bucket: " + reason + "; uploading anyway");
        }
    }

    public void log(Log log, String what) {
        log.info(what + ": S3 at " + settings.describe() + ", region " + client.serviceClientConfiguration().region());
    }

    @Override
    public void close() {
        client.close();
    }
}
