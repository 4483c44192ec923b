package dev.shadowtap.pipeline;

import dev.shadowtap.core.Connection;

import dev.shadowtap.core.IoReason;

import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;

import java.io.IOException;
import java.io.InputStream;
import java.nio.file.AccessDeniedException;
import java.nio.file.Files;
import java.nio.file.Path;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.catchThrowableOfType;

/** The reasons users read for the failures real file operations raise: words, never a class name or only a path. */
class IoReasonTest {
    @TempDir
    Path dir;

    @Test
    void realFailuresOfFileOperationsInWords() throws IOException {
        Path file = Files.writeString(dir.resolve("afile"), "x");

        IOException missing = catchThrowableOfType(IOException.class, () -> Files.newInputStream(dir.resolve("nope")));
        IOException exists = catchThrowableOfType(IOException.class, () -> Files.createDirectories(file));
        IOException underAFile = catchThrowableOfType(IOException.class, () -> Files.createDirectories(file.resolve("sub")));
        IOException readADirectory = catchThrowableOfType(IOException.class, () -> {
            try (InputStream in = Files.newInputStream(dir)) {
                in.read();
            }
        });

        assertThat(IoReason.of(missing)).isEqualTo("no such file or directory");
        assertThat(IoReason.of(exists)).isEqualTo("already exists");
        assertThat(IoReason.of(underAFile)).isEqualTo("not a directory");
        assertThat(IoReason.of(readADirectory)).isEqualTo("is a directory");
        // what the JDK raises for EACCES (root cannot be refused a read here): its message is only the path
        assertThat(IoReason.of(new AccessDeniedException(file.toString()))).isEqualTo("permission denied");
        for (IOException e : new IOException[]{missing, exists, underAFile, readADirectory}) {
            assertThat(IoReason.of(e)).doesNotContain("Exception").doesNotContain(dir.toString());
        }
    }

    @Test
    void aFileWhereADirectoryMustBeIsNamed() throws IOException {
        Path file = Files.writeString(dir.resolve("afile"), "x");
        IOException exists = catchThrowableOfType(IOException.class, () -> Files.createDirectories(file));
        IOException under = catchThrowableOfType(IOException.class, () -> Files.createDirectories(file.resolve("a/b")));
        IOException readOnly = new java.nio.file.FileSystemException(dir + "/ro", null, "Read-only file system");

        assertThat(IoReason.creatingDirectory(file, exists)).isEqualTo("it exists and is not a directory");
        assertThat(IoReason.creatingDirectory(file.resolve("a/b"), under)).isEqualTo(file + " exists and is not a directory");
        assertThat(IoReason.creatingDirectory(dir.resolve("ro"), readOnly)).isEqualTo("read-only file system");
        assertThat(IoReason.withFile(exists)).isEqualTo(file + ": already exists");
        assertThat(IoReason.withFile(new IOException("Connection reset"))).isEqualTo("connection reset");
    }

    @Test
    void otherMessagesAreKeptAndNothingIsEverEmpty() {
        assertThat(IoReason.of(new IOException("HTTP proxy refused"))).isEqualTo("HTTP proxy refused");
        assertThat(IoReason.of(new IOException("Broken pipe"))).isEqualTo("broken pipe");
        assertThat(IoReason.of(new IOException())).isEqualTo("input/output error");
        assertThat(IoReason.of(new java.nio.file.FileSystemException("/x"))).isEqualTo("file system error");
        assertThat(IoReason.of(new java.nio.channels.ClosedChannelException())).isEqualTo("closed");
        assertThat(IoReason.of(new java.io.EOFException())).isEqualTo("unexpected end of data");
    }
}
