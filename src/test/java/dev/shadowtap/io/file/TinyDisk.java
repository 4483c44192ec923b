package dev.shadowtap.io.file;

import java.io.IOException;
import java.io.OutputStream;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.List;
import java.util.SplittableRandom;
import java.util.concurrent.TimeUnit;
import java.util.stream.Stream;

import static org.junit.jupiter.api.Assumptions.assumeTrue;

/**
 * A real, tiny file system for the tests of a full disk: a tmpfs of {@code size} mounted on a
 * directory, unmounted by {@link #close()}. Mounting needs root; where it cannot be done, the test is
 * skipped with the reason (as the middleware tests are without python3).
 */
public final class TinyDisk implements AutoCloseable {
    private final Path dir;

    private TinyDisk(Path dir) {
        this.dir = dir;
    }

    /** Mounts a tmpfs of {@code size} (as mount takes it: "64k") on {@code dir}, made if missing. */
    public static TinyDisk mount(Path dir, String size) throws IOException, InterruptedException {
        Files.createDirectories(dir);
        String failure = run("mount", "-t", "tmpfs", "-o", "size=" + size + ",mode=0755", "tmpfs", dir.toString());
        assumeTrue(failure == null, "a tmpfs cannot be mounted here (" + failure + "): full-disk test not run");
        return new TinyDisk(dir);
    }

    /** Makes the file system read-only. */
    public void remountReadOnly() throws IOException, InterruptedException {
        String failure = run("mount", "-o", "remount,ro", dir.toString());
        if (failure != null) {
            throw new IOException("cannot remount " + dir + " read-only: " + failure);
        }
    }

    public Path dir() {
        return dir;
    }

    /** Fills what is left with a file of random bytes {@code name}; returns how many bytes it took. */
    public long fill(String name) throws IOException {
        byte[] block = new byte[1024];
        new SplittableRandom(7).nextBytes(block);
        long written = 0;
        try (OutputStream out = Files.newOutputStream(dir.resolve(name))) {
            while (true) {
                out.write(block);
                out.flush();
                written += block.length;
            }
        } catch (IOException full) {
            return written;
        }
    }

    /** The files on the disk, by name. */
    public List<Path> files() throws IOException {
        try (Stream<Path> files = Files.list(dir)) {
            return files.sorted().toList();
        }
    }

    @Override
    public void close() throws IOException, InterruptedException {
        String failure = run("umount", dir.toString());
        if (failure != null && run("umount", "-l", dir.toString()) != null) {
            throw new IOException("cannot unmount the test tmpfs " + dir + ": " + failure);
        }
    }

    /** Runs a command; null when it succeeded, else what it said. */
    private static String run(String... command) throws IOException, InterruptedException {
        Process process;
        try {
            process = new ProcessBuilder(command).redirectErrorStream(true).start();
        } catch (IOException e) {
            return e.getMessage();
        }
        String said = new String(process.getInputStream().readAllBytes()).strip();
        if (!process.waitFor(30, TimeUnit.SECONDS)) {
            process.destroyForcibly();
            return command[0] + " did not finish";
        }
        return process.exitValue() == 0 ? null : command[0] + " exited " + process.exitValue() + ": " + said;
    }
}
