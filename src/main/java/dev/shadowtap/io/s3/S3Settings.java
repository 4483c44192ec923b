package dev.shadowtap.io.s3;

import java.net.URI;
import java.net.URISyntaxException;
import java.util.Map;
import java.util.Optional;

/**
 * How to reach S3: AWS itself (no endpoint; region and credentials from the standard AWS chains), or an
 * S3-compatible store (MinIO, Ceph, R2) at an endpoint, addressed path-style ({@code host/bucket/key}),
 * which every such store serves without DNS names per bucket.
 *
 * @param endpoint the store's base URL, when it is not AWS
 * @param source   where the endpoint came from ({@code --s3-endpoint}, {@code AWS_ENDPOINT_URL_S3}, ...)
 */
public record S3Settings(Optional<URI> endpoint, String source) {
    public static final S3Settings AWS = new S3Settings(Optional.empty(), "");

    /**
     * The endpoint from {@code --s3-endpoint} when given, else from the SDK's standard environment
     * variables {@code AWS_ENDPOINT_URL_S3} then {@code AWS_ENDPOINT_URL} (GoReplay reads the latter).
     *
     * @throws IllegalArgumentException naming the flag or variable when the URL is not http(s)://host[:port]
     */
    public static S3Settings of(Optional<String> flag, Map<String, String> env) {
        if (flag.isPresent() && !flag.get().isBlank()) {
            return new S3Settings(Optional.of(endpoint("--s3-endpoint", flag.get())), "--s3-endpoint");
        }
        for (String variable : new String[] {"AWS_ENDPOINT_URL_S3", "AWS_ENDPOINT_URL"}) {
            String value = env.get(variable);
            if (value != null && !value.isBlank()) {
                return new S3Settings(Optional.of(endpoint(variable, value)), variable);
            }
        }
        return AWS;
    }

    /** The endpoint at {@code url}, as a test or the demo gives it. */
    public static S3Settings at(String url) {
        return new S3Settings(Optional.of(endpoint("--s3-endpoint", url)), "--s3-endpoint");
    }

    private static URI endpoint(String name, String value) {
        URI uri;
        try {
            uri = new URI(value.strip());
        } catch (URISyntaxException e) {
            throw new IllegalArgumentException(name + " " + value + ": not a URL (" + e.getReason() + ")");
        }
        String scheme = uri.getScheme();
        if (scheme == null || !(scheme.equalsIgnoreCase("http") || scheme.equalsIgnoreCase("https"))
                || uri.getHost() == null) {
            throw new IllegalArgumentException(name + " " + value + ": needs http:// or https:// and a host"
                    + " (http://127.0.0.1:9000)");
        }
        return uri;
    }

    /** Where requests go, for one-line messages: {@code endpoint http://host:9000} or {@code AWS S3}. */
    public String describe() {
        return endpoint.map(uri -> "endpoint " + uri + (source.equals("--s3-endpoint") ? "" : " from " + source))
                .orElse("AWS S3");
    }
}
