package dev.shadowtap.io.file;

import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;
import org.junit.jupiter.params.ParameterizedTest;
import org.junit.jupiter.params.provider.CsvSource;

import java.io.IOException;
import java.nio.file.Files;
import java.nio.file.Path;

import static org.assertj.core.api.Assertions.assertThat;

class ChunkNameTest {
    @TempDir
    Path dir;

    @ParameterizedTest(name = "{0} -> {1}")
    @CsvSource(delimiter = '|', textBlock = """
            requests.gor      | requests_0.gor
            requests.gor.gz   | requests_0.gor.gz
            requests.gz       | requests_0.gz
            requests          | requests_0
            a.b.gor           | a.b_0.gor
            .hidden           | .hidden_0
            x_3.gor           | x_3_0.gor
            """)
    void chunkZeroKeepsTheExtensionAfterTheIndex(String name, String chunkZero) {
        ChunkName chunks = ChunkName.of(dir.resolve(name));
        assertThat(chunks.path(0)).isEqualTo(dir.resolve(chunkZero));
        assertThat(chunks.indexOf(chunkZero)).isZero();
        assertThat(chunks.indexOf(chunks.path(12).getFileName().toString())).isEqualTo(12);
    }

    @Test
    void onlyTheIndexedNamesOfThisStemAreChunks() {
        ChunkName chunks = ChunkName.of(dir.resolve("x.gor.gz"));
        assertThat(chunks.indexOf("x_7.gor.gz")).isEqualTo(7);
        assertThat(chunks.indexOf("x_7.gor")).isEqualTo(-1);
        assertThat(chunks.indexOf("x.gor_7.gz")).isEqualTo(-1);
        assertThat(chunks.indexOf("x_.gor.gz")).isEqualTo(-1);
        assertThat(chunks.indexOf("x_1a.gor.gz")).isEqualTo(-1);
        assertThat(chunks.indexOf("x_0_1.gor.gz")).isEqualTo(-1);
        assertThat(chunks.indexOf("y_1.gor.gz")).isEqualTo(-1);
        assertThat(chunks.indexOf("x_12345678901.gor.gz")).isEqualTo(-1);
    }

    @Test
    void highestExistingIsNumericNotLexicographic() throws IOException {
        ChunkName chunks = ChunkName.of(dir.resolve("r[1].gor"));
        assertThat(chunks.highestExisting()).isEqualTo(-1);
        for (String name : new String[] {"r[1]_2.gor", "r[1]_10.gor", "r[1]_9.gor", "r[1]_99.gor.gz", "r[1]_x.gor", "other_50.gor"}) {
            Files.writeString(dir.resolve(name), "");
        }
        assertThat(chunks.highestExisting()).isEqualTo(10);
    }

    @Test
    void missingDirectoryHasNoChunks() throws IOException {
        assertThat(ChunkName.of(dir.resolve("not/yet/there.gor")).highestExisting()).isEqualTo(-1);
    }
}
