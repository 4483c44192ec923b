package dev.shadowtap.io.s3;

import dev.shadowtap.io.file.ChunkName;
import dev.shadowtap.io.file.FileOrder;
import dev.shadowtap.io.file.RecordFile;
import software.amazon.awssdk.core.exception.SdkException;
import software.amazon.awssdk.services.s3.model.ListObjectsV2Request;
import software.amazon.awssdk.services.s3.model.S3Object;

import java.io.IOException;
import java.nio.file.Path;
import java.util.ArrayList;
import java.util.Comparator;
import java.util.List;

/**
 * The objects {@code --input-file s3://bucket/prefix} reads, as GoReplay 1.3 finds them: every object
 * whose key starts with the prefix. They are read in the order of local files ({@link FileOrder}: by
 * key, the chunks of one output by their index, so {@code x_10} comes after {@code x_9}). The name an
 * {@code --output-file} was given reads back what it wrote: when {@code rec/requests.gor} matches
 * nothing, its chunks {@code rec/requests_N.gor} are read.
 */
public final class S3Objects {
    private S3Objects() {
    }

    /**
     * @throws IOException one line naming the name, the reason and the endpoint, also when nothing matches
     */
    public static List<RecordFile> list(S3Connection s3, String name) throws IOException {
        S3Location location = S3Location.parse("--input-file", name);
        String where = " (" + s3.settings().describe() + ")";
        try {
            List<S3Object> objects = listPrefix(s3, location.bucket(), location.key());
            if (objects.isEmpty()) {
                objects = chunksOf(s3, location);
            }
            if (objects.isEmpty()) {
                throw new IOException("--input-file " + name + ": no object has this prefix" + where);
            }
            List<RecordFile> files = new ArrayList<>(objects.size());
            for (S3Object object : objects.stream().sorted(Comparator.comparing(o -> Path.of(o.key()),
                    FileOrder.INSTANCE)).toList()) {
                files.add(new S3RecordFile(s3, location.bucket(), object.key(), object.size()));
            }
            return files;
        } catch (SdkException e) {
            throw new IOException("--input-file " + name + ": " + S3Errors.reason(e, "bucket " + location.bucket())
                    + where, e);
        }
    }

    /** The chunks {@code stem_N.ext} an output named {@code stem.ext} wrote. */
    private static List<S3Object> chunksOf(S3Connection s3, S3Location location) {
        String key = location.key();
        if (key.isEmpty() || key.endsWith("/")) {
            return List.of();
        }
        int slash = key.lastIndexOf('/');
        ChunkName chunks = ChunkName.of(Path.of(key));
        String prefix = key.substring(0, slash + 1) + chunks.stem() + "_";
        return listPrefix(s3, location.bucket(), prefix).stream()
                .filter(o -> chunks.indexOf(o.key().substring(slash + 1)) >= 0).toList();
    }

    /** Every object under the prefix but "folder" markers (keys ending in /). */
    private static List<S3Object> listPrefix(S3Connection s3, String bucket, String prefix) {
        ListObjectsV2Request request = ListObjectsV2Request.builder().bucket(bucket).prefix(prefix).build();
        List<S3Object> objects = new ArrayList<>();
        for (S3Object object : s3.client().listObjectsV2Paginator(request).contents()) {
            if (!object.key().endsWith("/")) {
                objects.add(object);
            }
        }
        return objects;
    }
}
