package dev.shadowtap.core;

import java.io.EOFException;
import java.io.IOException;
import java.nio.channels.ClosedChannelException;
import java.nio.file.AccessDeniedException;
import java.nio.file.DirectoryNotEmptyException;
import java.nio.file.FileAlreadyExistsException;
import java.nio.file.FileSystemException;
import java.nio.file.Files;
import java.nio.file.NoSuchFileException;
import java.nio.file.NotDirectoryException;
import java.nio.file.Path;

/**
 * Why a file operation failed, in the system's words ({@code permission denied}, {@code is a directory}),
 * for the one-line messages a user reads. A {@link FileSystemException}'s message is often only the path
 * and its class name means nothing to a user, so neither is ever the reason.
 */
public final class IoReason {
    private IoReason() {
    }

    /** A few words, lower case, without the path. */
    public static String of(IOException e) {
        return switch (e) {
            case AccessDeniedException x -> "permission denied";
            case NoSuchFileException x -> "no such file or directory";
            case NotDirectoryException x -> "not a directory";
            case FileAlreadyExistsException x -> "already exists";
            case DirectoryNotEmptyException x -> "directory not empty";
            case ClosedChannelException x when x.getMessage() == null -> "closed";
            case EOFException x when x.getMessage() == null -> "unexpected end of data";
            case FileSystemException x when x.getReason() != null && !x.getReason().isBlank() -> lowerFirst(x.getReason());
            case FileSystemException x -> "file system error";
            default -> e.getMessage() == null || e.getMessage().isBlank() ? "input/output error" : lowerFirst(e.getMessage());
        };
    }

    /**
     * The reason after the file it is about, {@code /out/x.gor: permission denied}, when the exception
     * names one; otherwise {@link #of} alone.
     */
    public static String withFile(IOException e) {
        return e instanceof FileSystemException fs && fs.getFile() != null ? fs.getFile() + ": " + of(e) : of(e);
    }

    /**
     * Why {@link Files#createDirectories} failed for {@code dir}: a file where a directory must be
     * ({@code it exists and is not a directory}, {@code /out/a exists and is not a directory}), which the
     * JDK reports as an exception named after the failed call; else {@link #of}.
     */
    public static String creatingDirectory(Path dir, IOException e) {
        Path target = dir.toAbsolutePath();
        for (Path p = target; p != null; p = p.getParent()) {
            if (Files.exists(p)) {
                return Files.isDirectory(p) ? of(e) : (p.equals(target) ? "it" : p) + " exists and is not a directory";
            }
        }
        return of(e);
    }

    /** {@code Is a directory} as {@code is a directory}; {@code HTTP ...} stays as it is. */
    private static String lowerFirst(String text) {
        String s = text.strip();
        if (s.length() > 1 && Character.isUpperCase(s.charAt(0)) && Character.isLowerCase(s.charAt(1))) {
            return Character.toLowerCase(s.charAt(0)) + s.substring(1);
        }
        return s;
    }
}
