package dev.shadowtap.io.file;

import org.junit.jupiter.api.Test;

import java.nio.file.Path;
import java.util.ArrayList;
import java.util.Collections;
import java.util.List;

import static org.assertj.core.api.Assertions.assertThat;

class FileOrderTest {
    @Test
    void chunksOfOneOutputGoByIndexOtherNamesByName() {
        // GoReplay's own TestFileOutputSort case, plus compound gzip names.
        List<Path> files = new ArrayList<>(paths("2016_0", "2014_10", "2015_0", "2015_10", "2015_2",
                "r_10.gor.gz", "r_2.gor.gz", "r_1.gor.gz", "a.gor"));
        Collections.shuffle(files, new java.util.Random(7));
        files.sort(FileOrder.INSTANCE);
        assertThat(files).containsExactlyElementsOf(paths("/d/2014_10", "/d/2015_0", "/d/2015_2", "/d/2015_10",
                "/d/2016_0", "/d/a.gor", "/d/r_1.gor.gz", "/d/r_2.gor.gz", "/d/r_10.gor.gz"));
    }

    private static List<Path> paths(String... names) {
        return java.util.Arrays.stream(names).map(n -> n.startsWith("/") ? Path.of(n) : Path.of("/d", n)).toList();
    }
}
