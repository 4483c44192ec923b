package dev.shadowtap.io.file;

import dev.shadowtap.gor.GorWriter;
import dev.shadowtap.core.Log;
import dev.shadowtap.pipeline.Message;
import dev.shadowtap.core.StageStats;
import net.jqwik.api.ForAll;
import net.jqwik.api.Property;
import net.jqwik.api.constraints.IntRange;
import net.jqwik.api.constraints.LongRange;

import java.io.IOException;
import java.io.OutputStream;
import java.nio.file.Files;
import java.nio.file.Path;
import java.time.Duration;
import java.util.Comparator;
import java.util.List;
import java.util.stream.Stream;

import static org.assertj.core.api.Assertions.assertThat;

/** Whatever the limits and record sizes: every record comes back once, in order, whole, in full chunks. */
class FileOutputRotationProperties {
    private static final GorWriter SIZER = GorWriter.file(OutputStream.nullOutputStream());

    @Property(tries = 40)
    void chunksHoldEveryRecordOnceInOrder(@ForAll @IntRange(min = 0, max = 120) int count,
                                          @ForAll @IntRange(min = 1, max = 600) int maxRecord,
                                          @ForAll @LongRange(min = 0, max = 3000) long sizeLimit,
                                          @ForAll @IntRange(min = 0, max = 9) int queueLimit,
                                          @ForAll boolean gzip,
                                          @ForAll long seed) throws Exception {
        Path dir = Files.createTempDirectory("fileout-prop");
        try {
            String name = gzip ? "p.gor.gz" : "p.gor";
            List<Message> written = FileOutputFixture.messages(count, 1, maxRecord, seed);
            FileOutputConfig config = new FileOutputConfig(dir.resolve(name).toString(), false, sizeLimit, queueLimit,
                    0, Duration.ofMillis(5));
            try (FileOutput out = new FileOutput(config, new StageStats("file"), Log.SILENT)) {
                for (Message m : written) {
                    out.write(m);
                }
            }
            List<Path> chunks = FileOutputFixture.chunks(dir, name);
            assertThat(FileOutputFixture.readAll(chunks)).containsExactlyElementsOf(written);
            for (int i = 0; i < chunks.size(); i++) {
                List<Message> records = FileOutputFixture.read(chunks.get(i));
                assertThat(records).isNotEmpty();
                if (queueLimit > 0) {
                    assertThat(records.size()).isLessThanOrEqualTo(queueLimit);
                }
                long bytes = records.stream().mapToLong(SIZER::sizeOf).sum();
                long beforeLast = bytes - SIZER.sizeOf(records.getLast());
                if (sizeLimit > 0) {
                    assertThat(beforeLast).isLessThan(sizeLimit);
                }
                if (i < chunks.size() - 1) {
                    assertThat((sizeLimit > 0 && bytes >= sizeLimit) || (queueLimit > 0 && records.size() == queueLimit))
                            .as("chunk %d closed only when full", i).isTrue();
                }
            }
        } finally {
            deleteTree(dir);
        }
    }

    private static void deleteTree(Path dir) throws IOException {
        try (Stream<Path> files = Files.walk(dir)) {
            for (Path p : files.sorted(Comparator.reverseOrder()).toList()) {
                Files.delete(p);
            }
        }
    }
}
