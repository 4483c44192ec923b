package dev.shadowtap.io.file;

import dev.shadowtap.core.IoReason;

import java.io.IOException;
import java.io.UncheckedIOException;
import java.nio.file.FileSystemException;
import java.nio.file.FileSystems;
import java.nio.file.Files;
import java.nio.file.InvalidPathException;
import java.nio.file.NoSuchFileException;
import java.nio.file.Path;
import java.nio.file.PathMatcher;
import java.nio.file.attribute.BasicFileAttributes;
import java.util.List;
import java.util.regex.PatternSyntaxException;
import java.util.stream.Stream;

/** Expands an {@code --input-file} path or glob into the files it names, sorted by name. */
final class FileGlob {
    private static final String META = "*?[{";

    private FileGlob() {
    }

    /** {@link #expand}, as files to read. */
    static List<RecordFile> expandLocal(String pattern) throws FileInputException {
        return expand(pattern).stream().<RecordFile>map(RecordFile.Local::new).toList();
    }

    /** The regular files the pattern matches, sorted by name, chunks of one output by index ({@link FileOrder}); never empty. */
    static List<Path> expand(String pattern) throws FileInputException {
        int meta = firstMeta(pattern);
        try {
            if (meta < 0) {
                return List.of(oneFile(pattern));
            }
            int slash = pattern.lastIndexOf('/', meta);
            Path base = slash < 0 ? Path.of("") : Path.of(pattern.substring(0, slash + 1));
            String rest = pattern.substring(slash + 1);
            int depth = rest.contains("**") ? Integer.MAX_VALUE : (int) rest.chars().filter(c -> c == '/').count() + 1;
            PathMatcher matcher = FileSystems.getDefault().getPathMatcher("glob:" + pattern);
            List<Path> files;
            try (Stream<Path> walk = Files.walk(base, depth)) {
                files = walk.filter(matcher::matches).filter(Files::isRegularFile)
                        .sorted(FileOrder.INSTANCE).toList();
            }
            if (files.isEmpty()) {
                throw new FileInputException("--input-file " + pattern + ": no file matches");
            }
            return files;
        } catch (FileInputException e) {
            throw e;
        } catch (NoSuchFileException e) {
            throw new FileInputException("--input-file " + pattern + ": no file matches (no directory "
                    + e.getFile() + ")", e);
        } catch (PatternSyntaxException | InvalidPathException e) {
            throw new FileInputException("--input-file " + pattern + ": bad glob (" + e.getMessage()
                    .lines().findFirst().orElse("") + ")", e);
        } catch (IOException | UncheckedIOException e) {
            IOException cause = e instanceof UncheckedIOException u ? u.getCause() : (IOException) e;
            String where = cause instanceof FileSystemException fs && fs.getFile() != null ? fs.getFile() + ": " : "";
            throw new FileInputException("--input-file " + pattern + ": cannot list files (" + where
                    + IoReason.of(cause) + ")", e);
        }
    }

    /** A path without glob characters: it must name a regular file (a directory is refused as such). */
    private static Path oneFile(String pattern) throws FileInputException {
        Path path = Path.of(pattern);
        BasicFileAttributes attributes;
        try {
            attributes = Files.readAttributes(path, BasicFileAttributes.class);
        } catch (NoSuchFileException e) {
            throw new FileInputException("--input-file " + pattern + ": no such file" + chunkHint(pattern), e);
        } catch (IOException e) {
            throw new FileInputException("--input-file " + pattern + ": cannot read (" + IoReason.of(e) + ")", e);
        }
        if (attributes.isDirectory()) {
            throw new FileInputException("--input-file " + pattern + ": is a directory, not a .gor file"
                    + " (a glob such as " + pattern.replaceAll("/+$", "") + "/*.gor reads the files in it)");
        }
        if (!attributes.isRegularFile()) {
            throw new FileInputException("--input-file " + pattern + ": not a regular file");
        }
        return path;
    }

    /**
     * When {@code requests.gor} is missing but {@code requests_0.gor} is there, the file was written in
     * chunks, as {@code --output-file} does without {@code --output-file-append}: names the glob that reads them.
     */
    private static String chunkHint(String pattern) {
        Path path = Path.of(pattern);
        String name = path.getFileName().toString();
        int dot = name.endsWith(".gz") ? name.lastIndexOf('.', name.length() - 4) : name.lastIndexOf('.');
        if (dot <= 0) {
            return "";
        }
        String stem = name.substring(0, dot);
        String ext = name.substring(dot);
        if (!Files.isRegularFile(path.resolveSibling(stem + "_0" + ext))) {
            return "";
        }
        String glob = path.resolveSibling(stem + "_*" + ext).toString();
        return " (it was written in chunks, " + stem + "_0" + ext + ", ...: --input-file '" + glob + "' reads them all)";
    }

    private static int firstMeta(String pattern) {
        for (int i = 0; i < pattern.length(); i++) {
            if (META.indexOf(pattern.charAt(i)) >= 0) {
                return i;
            }
        }
        return -1;
    }
}
