package dev.shadowtap.io.s3;

import dev.shadowtap.core.IoReason;
import dev.shadowtap.core.Log;
import dev.shadowtap.core.Reason;
import dev.shadowtap.core.StageStats;
import dev.shadowtap.io.file.ChunkName;
import dev.shadowtap.io.file.ChunkStore;
import software.amazon.awssdk.core.exception.SdkException;
import software.amazon.awssdk.core.sync.RequestBody;
import software.amazon.awssdk.services.s3.model.ListObjectsV2Request;
import software.amazon.awssdk.services.s3.model.PutObjectRequest;
import software.amazon.awssdk.services.s3.model.S3Object;

import java.io.IOException;
import java.nio.file.Files;
import java.nio.file.InvalidPathException;
import java.nio.file.Path;
import java.util.ArrayList;
import java.util.Comparator;
import java.util.List;
import java.util.Optional;
import java.util.concurrent.LinkedBlockingQueue;
import java.util.stream.Stream;

/**
 * {@code --output-file s3://bucket/key}, GoReplay 1.3's way: each chunk is written as a local file under
 * {@code --output-file-buffer} (in a directory of this run's own) and uploaded once it is closed (it
 * rotated, its name's hour passed, the run ended) as the object the key names with the chunk's index:
 * {@code s3://b/rec/requests.gor} gives {@code rec/requests_0.gor}, {@code rec/requests_1.gor}, ...
 * Numbering starts after the highest chunk already in the bucket, so a new run replaces none.
 *
 * <p>Uploads run one at a time on a thread of their own, so the writer never waits on the network; the
 * SDK retries a failed one; one that still fails is counted as {@code upload-error} (its records), its
 * first failure logged in one line, and its file stays in the buffer directory, named at exit.
 * {@link #close()} waits until every chunk handed over is uploaded or counted.
 */
public final class S3ChunkStore implements ChunkStore {
    private record Upload(Path file, String key, long records, long bytes) {
    }

    private static final Upload END = new Upload(null, null, 0, 0);

    private final S3Connection s3;
    private final S3Location target;
    private final Path root;
    private final StageStats stats;
    private final Log log;
    private final LinkedBlockingQueue<Upload> queue = new LinkedBlockingQueue<>();
    private final Thread uploader;
    private final Object lock = new Object();

    // Guarded by lock.
    private final List<String> uploadedKeys = new ArrayList<>();
    private long uploadedBytes;
    private long failedChunks;
    private long failedRecords;
    private String firstFailure;
    private boolean closed;

    /**
     * @param bufferDir {@code --output-file-buffer}: a directory of this run's own is made in it
     * @throws IOException when that directory cannot be made (one line naming it)
     */
    public S3ChunkStore(S3Connection s3, S3Location target, Path bufferDir, StageStats stats, Log log)
            throws IOException {
        this.s3 = s3;
        this.target = target;
        this.stats = stats;
        this.log = log;
        try {
            Files.createDirectories(bufferDir);
            this.root = Files.createTempDirectory(bufferDir, "shadowtap-s3-").toAbsolutePath();
        } catch (IOException e) {
            throw new IOException("--output-file-buffer " + bufferDir + ": cannot make a directory for the chunks"
                    + " of " + target + " (" + IoReason.of(e) + ")", e);
        }
        this.uploader = Thread.ofPlatform().name("s3-upload " + target).daemon().start(this::uploadLoop);
    }

    /** The local directory this run's chunks are written in before they are uploaded. */
    public Path bufferRoot() {
        return root;
    }

    @Override
    public Path localPath(String expandedName) {
        try {
            return root.resolve(S3Location.parseOutput(expandedName).key());
        } catch (IllegalArgumentException e) {
            throw new InvalidPathException(expandedName, e.getMessage());
        }
    }

    /** The object key of a local chunk file. */
    private String key(Path file) {
        return root.relativize(file.toAbsolutePath()).toString().replace(file.getFileSystem().getSeparator(), "/");
    }

    @Override
    public int highestStored(ChunkName name) throws IOException {
        String prefix = key(name.dir().resolve(name.stem() + "_"));
        int slash = prefix.lastIndexOf('/');
        int highest = -1;
        try {
            ListObjectsV2Request request = ListObjectsV2Request.builder().bucket(target.bucket()).prefix(prefix).build();
            for (S3Object object : s3.client().listObjectsV2Paginator(request).contents()) {
                highest = Math.max(highest, name.indexOf(object.key().substring(slash + 1)));
            }
        } catch (SdkException e) {
            String what = "cannot list s3://" + target.bucket() + "/" + prefix + "*: "
                    + S3Errors.reason(e, "bucket " + target.bucket()) + " (" + s3.settings().describe() + ")";
            if (!S3Errors.accessDenied(e)) {
                throw new IOException(what, e);
            }
            // Write-only credentials: GoReplay's numbering, from 0, which may replace older chunks.
            log.warn(what + "; chunks are numbered from 0 and may replace objects of an earlier run");
            return -1;
        }
        return highest;
    }

    @Override
    public void completed(Path file, long records, long bytes) {
        queue.add(new Upload(file, key(file), records, bytes));
    }

    private void uploadLoop() {
        while (true) {
            Upload upload;
            try {
                upload = queue.take();
            } catch (InterruptedException e) {
                return; // only close() ends this thread, by END
            }
            if (upload == END) {
                return;
            }
            upload(upload);
        }
    }

    private void upload(Upload upload) {
        String object = "s3://" + target.bucket() + "/" + upload.key();
        try {
            long size = Files.size(upload.file());
            s3.client().putObject(PutObjectRequest.builder().bucket(target.bucket()).key(upload.key()).build(),
                    RequestBody.fromFile(upload.file()));
            Files.deleteIfExists(upload.file());
            synchronized (lock) {
                uploadedKeys.add(upload.key());
                uploadedBytes += size;
            }
        } catch (SdkException | IOException e) {
            String reason = e instanceof SdkException sdk ? S3Errors.reason(sdk, "bucket " + target.bucket())
                    : IoReason.of((IOException) e);
            stats.drops(Reason.UPLOAD_ERROR, upload.records());
            boolean first;
            synchronized (lock) {
                failedChunks++;
                failedRecords += upload.records();
                first = firstFailure == null;
                if (first) {
                    firstFailure = object + ": " + reason;
                }
            }
            if (first) {
                log.warn("cannot upload " + object + ": " + reason + " (" + s3.settings().describe() + "); its "
                        + upload.records() + " records stay in " + upload.file() + " and count as upload-error;"
                        + " later failures are counted without a line");
            }
        }
    }

    @Override
    public Optional<String> report() {
        synchronized (lock) {
            if (uploadedKeys.isEmpty() && failedChunks == 0) {
                return Optional.empty();
            }
            StringBuilder line = new StringBuilder("output-file ").append(target).append(": uploaded ")
                    .append(uploadedKeys.size()).append(uploadedKeys.size() == 1 ? " object, " : " objects, ")
                    .append(uploadedBytes).append(" bytes");
            if (!uploadedKeys.isEmpty()) {
                line.append(", to s3://").append(target.bucket()).append('/').append(uploadedKeys.getFirst());
                if (uploadedKeys.size() > 1) {
                    line.append(" ... ").append(uploadedKeys.getLast());
                }
            }
            if (failedChunks > 0) {
                line.append("; ").append(failedChunks).append(failedChunks == 1 ? " chunk (" : " chunks (")
                        .append(failedRecords).append(" records) not uploaded, kept in ").append(root)
                        .append("; the first error: ").append(firstFailure);
            }
            return Optional.of(line.toString());
        }
    }

    @Override
    public boolean lostRecords() {
        synchronized (lock) {
            return failedRecords > 0;
        }
    }

    /** Waits for every upload handed over, removes the buffer directories left empty, closes the client. */
    @Override
    public void close() {
        synchronized (lock) {
            if (closed) {
                return;
            }
            closed = true;
        }
        queue.add(END);
        boolean interrupted = false;
        while (true) {
            try {
                uploader.join();
                break;
            } catch (InterruptedException e) {
                interrupted = true; // the uploads still finish: they hold the run's records
            }
        }
        removeEmptyDirectories();
        s3.close();
        if (interrupted) {
            Thread.currentThread().interrupt();
        }
    }

    private void removeEmptyDirectories() {
        try (Stream<Path> walk = Files.walk(root)) {
            for (Path dir : walk.filter(Files::isDirectory).sorted(Comparator.reverseOrder()).toList()) {
                try (Stream<Path> entries = Files.list(dir)) {
                    if (entries.findAny().isEmpty()) {
                        Files.delete(dir);
                    }
                }
            }
        } catch (IOException e) {
            // a chunk that failed to upload is still in it, or it is gone already: nothing to clean
        }
    }

    @Override
    public String toString() {
        return target.toString();
    }
}
