package dev.shadowtap.io.s3;

import dev.shadowtap.core.Log;
import dev.shadowtap.core.StageStats;
import dev.shadowtap.gor.GorReader;
import dev.shadowtap.io.file.RecordFile;
import software.amazon.awssdk.core.exception.SdkException;
import software.amazon.awssdk.services.s3.model.GetObjectRequest;

import java.io.IOException;

/** One object {@code --input-file s3://...} reads, streamed from the store at each pass. */
record S3RecordFile(S3Connection s3, String bucket, String key, long size) implements RecordFile {
    @Override
    public String name() {
        return S3Location.SCHEME + bucket + "/" + key;
    }

    @Override
    public GorReader open(StageStats stats, Log log) throws IOException {
        try {
            return GorReader.open(s3.client().getObject(GetObjectRequest.builder().bucket(bucket).key(key).build()),
                    name(), stats, log);
        } catch (SdkException e) {
            throw new IOException(S3Errors.reason(e, "object") + ", " + s3.settings().describe(), e);
        }
    }
}
