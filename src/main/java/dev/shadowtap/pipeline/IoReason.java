package dev.shadowtap.pipeline;

import java.io.IOException;
import java.nio.file.AccessDeniedException;
import java.nio.file.DirectoryNotEmptyException;
import java.nio.file.FileAlreadyExistsException;
import java.nio.file.FileSystemException;
import java.nio.file.NoSuchFileException;
import java.nio.file.NotDirectoryException;

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
            case FileSystemException x when x.getReason() != null && !x.getReason().isBlank() -> lowerFirst(x.getReason());
            case FileSystemException x -> "file system error";
            default -> e.getMessage() == null || e.getMessage().isBlank() ? "input/output error" : lowerFirst(e.getMessage());
        };
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
