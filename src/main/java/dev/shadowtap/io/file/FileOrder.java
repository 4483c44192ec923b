package dev.shadowtap.io.file;

import java.nio.file.Path;
import java.util.Comparator;
import java.util.regex.Matcher;
import java.util.regex.Pattern;

/**
 * The order {@code --input-file} reads matched files in: by name, except that chunks of one output
 * ({@code x_2.gor} and {@code x_10.gor}) go by their index, as GoReplay's {@code sortByFileIndex}
 * does, so that a recording split into more than ten chunks replays in the order it was written.
 */
public final class FileOrder implements Comparator<Path> {
    public static final FileOrder INSTANCE = new FileOrder();

    private static final Pattern CHUNK = Pattern.compile("(.*)_(\\d{1,9})");

    private FileOrder() {
    }

    @Override
    public int compare(Path a, Path b) {
        Chunk ca = chunk(a);
        Chunk cb = chunk(b);
        if (ca != null && cb != null && ca.base.equals(cb.base)) {
            return Integer.compare(ca.index, cb.index);
        }
        return a.toString().compareTo(b.toString());
    }

    private static Chunk chunk(Path path) {
        ChunkName name = ChunkName.of(path);
        Matcher m = CHUNK.matcher(name.stem());
        if (!m.matches()) {
            return null;
        }
        return new Chunk(name.dir().resolve(m.group(1) + name.ext()).toString(), Integer.parseInt(m.group(2)));
    }

    private record Chunk(String base, int index) {
    }
}
