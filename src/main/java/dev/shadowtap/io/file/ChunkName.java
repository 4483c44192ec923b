package dev.shadowtap.io.file;

import java.io.IOException;
import java.nio.file.DirectoryStream;
import java.nio.file.Files;
import java.nio.file.NoSuchFileException;
import java.nio.file.Path;

/**
 * The chunk names of one expanded file name: {@code dir/requests.gor} becomes {@code dir/requests_0.gor},
 * {@code dir/requests_1.gor}, ... A gzip name keeps its compound extension: {@code x.gor.gz} becomes
 * {@code x_0.gor.gz} (GoReplay writes {@code x.gor_0.gz}; ours still ends in {@code .gor.gz}, so
 * tools that look at the extension keep working). A name without an extension gets a bare suffix:
 * {@code x} becomes {@code x_0}.
 *
 * @param dir  the directory of the chunks (never null: "." for a bare name)
 * @param stem the file name before the index
 * @param ext  the extension after the index, with its dot, or ""
 */
public record ChunkName(Path dir, String stem, String ext) {
    /** Indexes above this are not ours (and would not fit an int). */
    private static final int MAX_INDEX_DIGITS = 9;

    /** Splits an expanded name into stem and (possibly compound .x.gz) extension. */
    public static ChunkName of(Path expanded) {
        Path parent = expanded.toAbsolutePath().getParent();
        String file = expanded.getFileName().toString();
        String rest = file;
        String gz = "";
        if (rest.endsWith(".gz") && rest.length() > 3) {
            gz = ".gz";
            rest = rest.substring(0, rest.length() - 3);
        }
        int dot = rest.lastIndexOf('.');
        if (dot <= 0) {
            return new ChunkName(parent, rest, gz);
        }
        return new ChunkName(parent, rest.substring(0, dot), rest.substring(dot) + gz);
    }

    /** The file of chunk {@code index}. */
    public Path path(int index) {
        return dir.resolve(stem + "_" + index + ext);
    }

    /** The chunk index a file name carries, or -1 when it is not one of these chunks. */
    public int indexOf(String fileName) {
        String prefix = stem + "_";
        if (!fileName.startsWith(prefix) || !fileName.endsWith(ext)) {
            return -1;
        }
        int from = prefix.length();
        int to = fileName.length() - ext.length();
        if (to <= from || to - from > MAX_INDEX_DIGITS) {
            return -1;
        }
        for (int i = from; i < to; i++) {
            char c = fileName.charAt(i);
            if (c < '0' || c > '9') {
                return -1;
            }
        }
        return Integer.parseInt(fileName, from, to, 10);
    }

    /** The highest chunk index already on disk, or -1 when there is none (or no directory yet). */
    public int highestExisting() throws IOException {
        int highest = -1;
        try (DirectoryStream<Path> files = Files.newDirectoryStream(dir, glob())) {
            for (Path file : files) {
                highest = Math.max(highest, indexOf(file.getFileName().toString()));
            }
        } catch (NoSuchFileException e) {
            return -1;
        }
        return highest;
    }

    private String glob() {
        return escapeGlob(stem) + "_*" + escapeGlob(ext);
    }

    private static String escapeGlob(String text) {
        StringBuilder out = new StringBuilder(text.length());
        for (char c : text.toCharArray()) {
            if ("*?[]{}\\".indexOf(c) >= 0) {
                out.append('\\');
            }
            out.append(c);
        }
        return out.toString();
    }
}
