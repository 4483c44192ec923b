import dev.shadowtap.gor.GorReader;
import dev.shadowtap.gor.GorWriter;
import dev.shadowtap.core.Log;
import dev.shadowtap.pipeline.Message;
import dev.shadowtap.core.StageStats;

import java.io.BufferedOutputStream;
import java.io.IOException;
import java.io.OutputStream;
import java.io.InputStream;
import java.lang.management.ManagementFactory;
import java.lang.management.ThreadMXBean;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.Arrays;

/**
 * Reader-only microbenchmark: reads a .gor file with GorReader on one thread, several times, and
 * prints the median MB/s and records/s; also times a plain read of the same file into a heap array
 * (the in-JVM ceiling). Wall-clock figures suffer when other processes share the cores; the thread's
 * CPU time gives the one-core figure regardless. Run by bench/file-read/run --reader-only, against target/classes.
 *
 * <p>Usage: {@code java -cp target/classes bench/file-read/ReaderBench.java FILE [runs]}
 */
public class ReaderBench {
    public static void main(String[] args) throws IOException {
        Path file = Path.of(args[0]);
        int runs = args.length > 1 ? Integer.parseInt(args[1]) : 3;
        long size = Files.size(file);
        ThreadMXBean threads = ManagementFactory.getThreadMXBean();
        // Warm-up (page cache, JIT): on a busy machine C2's code can arrive passes late, so repeat
        // until two passes cost about the same CPU (at most 5).
        double previous = Double.MAX_VALUE;
        for (int w = 0; w < 5; w++) {
            long c = threads.getCurrentThreadCpuTime();
            read(file);
            double cpu = (threads.getCurrentThreadCpuTime() - c) / 1e9;
            System.out.printf("warm-up pass %d: %.3f s of thread CPU%n", w + 1, cpu);
            if (Math.abs(cpu - previous) < 0.15 * cpu) {
                break;
            }
            previous = cpu;
        }
        double[] readerSeconds = new double[runs];
        double[] readerCpu = new double[runs];
        double[] rawSeconds = new double[runs];
        double[] copyCpu = new double[runs];
        long records = 0;
        for (int r = 0; r < runs; r++) {
            long c0 = threads.getCurrentThreadCpuTime();
            long t0 = System.nanoTime();
            records = read(file);
            readerSeconds[r] = (System.nanoTime() - t0) / 1e9;
            readerCpu[r] = (threads.getCurrentThreadCpuTime() - c0) / 1e9;
            long c1 = threads.getCurrentThreadCpuTime();
            copy(file);
            copyCpu[r] = (threads.getCurrentThreadCpuTime() - c1) / 1e9;
            long t1 = System.nanoTime();
            raw(file);
            rawSeconds[r] = (System.nanoTime() - t1) / 1e9;
        }
        double reader = median(readerSeconds);
        double raw = median(rawSeconds);
        System.out.printf("file %s: %.1f MB, %d records%n", file, size / 1e6, records);
        System.out.printf("GorReader:        median of %d runs %.3f s  %8.0f MB/s  %10.0f records/s  (runs: %s)%n",
                runs, reader, size / 1e6 / reader, records / reader, Arrays.toString(readerSeconds));
        double cpu = median(readerCpu);
        System.out.printf("GorReader (CPU):  median of %d runs %.3f s of thread CPU  %8.0f MB/s  %10.0f records/s%n",
                runs, cpu, size / 1e6 / cpu, records / cpu);
        double copy = median(copyCpu);
        System.out.printf("read + GorWriter:  median of %d runs %.3f s of thread CPU  %8.0f MB/s  (written to a null stream)%n",
                runs, copy, size / 1e6 / copy);
        System.out.printf("raw heap read:    median of %d runs %.3f s  %8.0f MB/s%n", runs, raw, size / 1e6 / raw);
    }

    static long read(Path file) throws IOException {
        StageStats stats = new StageStats("bench");
        long payload = 0;
        try (GorReader reader = GorReader.open(file, stats, Log.SILENT)) {
            for (Message m; (m = reader.next()) != null; ) {
                payload += m.payload().length;
            }
            if (stats.droppedTotal() != 0 || payload == 0) {
                throw new IllegalStateException("unexpected drops " + stats.snapshot());
            }
            return reader.records();
        }
    }

    static void copy(Path file) throws IOException {
        try (GorReader reader = GorReader.open(file, new StageStats("bench"), Log.SILENT);
             OutputStream out = new BufferedOutputStream(OutputStream.nullOutputStream(), 1 << 16)) {
            GorWriter writer = GorWriter.file(out);
            for (Message m; (m = reader.next()) != null; ) {
                writer.write(m);
            }
        }
    }

    static void raw(Path file) throws IOException {
        byte[] buf = new byte[1 << 20];
        try (InputStream in = Files.newInputStream(file)) {
            while (in.read(buf) >= 0) {
                // nothing: the cost of getting the bytes into the heap
            }
        }
    }

    static double median(double[] values) {
        double[] sorted = values.clone();
        Arrays.sort(sorted);
        return sorted[sorted.length / 2];
    }
}
