package dev.shadowtap.app;

import dev.shadowtap.cli.RunOptions;
import dev.shadowtap.core.Log;
import dev.shadowtap.core.StageStats;
import dev.shadowtap.io.file.ChunkStore;
import dev.shadowtap.io.file.DryRun;
import dev.shadowtap.io.file.FileInput;
import dev.shadowtap.io.file.FileInputConfig;
import dev.shadowtap.io.s3.S3ChunkStore;
import dev.shadowtap.io.s3.S3Connection;
import dev.shadowtap.io.s3.S3Location;
import dev.shadowtap.io.s3.S3Objects;
import dev.shadowtap.io.s3.S3Settings;

import java.io.IOException;
import java.nio.file.Path;

/**
 * Where {@code --input-file} and {@code --output-file} names live: local files, or S3 for
 * {@code s3://bucket/key} names (the endpoint from {@code --s3-endpoint} or the environment, each input
 * and output with a client of its own, closed with it).
 */
final class FileStores {
    private final RunOptions options;
    private final Log log;

    FileStores(RunOptions options, Log log) {
        this.options = options;
        this.log = log;
    }

    /** An {@code --input-file}: local files (a glob), or the objects of an S3 prefix. */
    FileInput fileInput(FileInputConfig config, StageStats stage) throws IOException {
        if (!S3Location.isS3(config.pattern())) {
            return new FileInput(config, stage, log);
        }
        S3Connection s3 = s3Connection();
        try {
            return new FileInput(config, S3Objects.list(s3, config.pattern()), s3, stage, log);
        } catch (IOException | RuntimeException e) {
            s3.close();
            throw e;
        }
    }

    /** {@code --input-file-dry-run} of one input: its local files or its S3 objects, read once. */
    DryRun dryRun(FileInputConfig config, StageStats stage) throws IOException {
        if (!S3Location.isS3(config.pattern())) {
            return DryRun.scan(config, stage, log);
        }
        try (S3Connection s3 = s3Connection()) {
            return DryRun.scan(config, S3Objects.list(s3, config.pattern()), stage, log);
        }
    }

    /**
     * Where an {@code --output-file}'s chunks go: they stay local files, or (an {@code s3://} name) are
     * uploaded to the bucket, which must answer now: a wrong bucket, missing credentials or an
     * unreachable store fail the start in one line.
     */
    ChunkStore chunkStore(String name, StageStats stage) throws IOException {
        if (!S3Location.isS3(name)) {
            Wiring.checkWritable(name);
            return ChunkStore.LOCAL;
        }
        S3Location target = S3Location.parseOutput(name);
        if (options.fileOut().append()) {
            throw new IllegalArgumentException("--output-file " + name + ": --output-file-append cannot be used with"
                    + " s3:// (an S3 object cannot be appended to; chunks are uploaded as they close)");
        }
        S3Connection s3 = s3Connection();
        try {
            s3.checkBucket("--output-file " + name, target.bucket(), log);
            if (options.pipeline().verbose() >= 1) {
                s3.log(log, "output-file " + name);
            }
            return new S3ChunkStore(s3, target, Path.of(options.fileOut().bufferPath()), stage, log);
        } catch (IOException | RuntimeException e) {
            s3.close();
            throw e;
        }
    }

    private S3Connection s3Connection() {
        return S3Connection.open(S3Settings.of(options.fileOut().s3Endpoint(), System.getenv()), System.getenv());
    }
}
