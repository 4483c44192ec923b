package dev.shadowtap.io.s3;

import java.util.Objects;

/**
 * An {@code s3://bucket/key} name as GoReplay takes it: the bucket up to the first slash, the key (for
 * an output a name pattern, for an input a prefix) after it.
 */
public record S3Location(String bucket, String key) {
    public static final String SCHEME = "s3://";

    public S3Location {
        Objects.requireNonNull(bucket, "bucket");
        Objects.requireNonNull(key, "key");
    }

    /** True for a name that means S3 (any case of the scheme, so that {@code S3://} is never a local folder). */
    public static boolean isS3(String name) {
        return name.regionMatches(true, 0, SCHEME, 0, SCHEME.length());
    }

    /**
     * Parses {@code s3://bucket/key}.
     *
     * @param flag the flag the name was given to, for the one-line error
     * @throws IllegalArgumentException naming the flag and what is missing
     */
    public static S3Location parse(String flag, String name) {
        if (!isS3(name)) {
            throw new IllegalArgumentException(flag + " " + name + ": not an s3:// name");
        }
        String rest = name.substring(SCHEME.length());
        int slash = rest.indexOf('/');
        String bucket = slash < 0 ? rest : rest.substring(0, slash);
        String key = slash < 0 ? "" : rest.substring(slash + 1);
        if (bucket.isEmpty()) {
            throw new IllegalArgumentException(flag + " " + name + ": no bucket (s3://bucket/path/requests.gor)");
        }
        if (bucket.indexOf('%') >= 0) {
            throw new IllegalArgumentException(flag + " " + name + ": the bucket cannot hold a %-placeholder,"
                    + " only the key after it");
        }
        return new S3Location(bucket, key);
    }

    /**
     * Parses an {@code --output-file} name: the key names the objects and must be a relative file name
     * ({@code dir/requests.gor}, placeholders welcome), since its chunks are written under the buffer
     * directory before they are uploaded.
     */
    public static S3Location parseOutput(String name) {
        S3Location location = parse("--output-file", name);
        String key = location.key();
        if (key.isEmpty() || key.endsWith("/")) {
            throw new IllegalArgumentException("--output-file " + name + ": needs an object name after the bucket"
                    + " (s3://" + location.bucket() + "/path/requests.gor)");
        }
        if (key.startsWith("/") || ("/" + key + "/").contains("/../") || ("/" + key + "/").contains("/./")
                || key.contains("//")) {
            throw new IllegalArgumentException("--output-file " + name + ": the object name may not start with /"
                    + " nor hold empty, . or .. parts");
        }
        return location;
    }

    @Override
    public String toString() {
        return SCHEME + bucket + "/" + key;
    }
}
