package dev.shadowtap.http;

import org.junit.jupiter.params.ParameterizedTest;
import org.junit.jupiter.params.provider.MethodSource;

import java.io.IOException;
import java.net.URISyntaxException;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.ArrayList;
import java.util.Arrays;
import java.util.List;
import java.util.stream.Stream;

import static org.assertj.core.api.Assertions.assertThat;

/**
 * Every fixture under {@code src/test/resources/http/} ({@code NAME.http} stream bytes, {@code NAME.frames}
 * expected results, both written by {@code make_fixtures.py} from how each case is built) framed whole,
 * at every split point and byte by byte, must give exactly the expected results.
 */
class Http1FramerGoldenTest {

    static Stream<String> fixtures() throws IOException, URISyntaxException {
        Path dir = fixtureDir();
        try (Stream<Path> files = Files.list(dir)) {
            List<String> names = files.map(p -> p.getFileName().toString()).filter(n -> n.endsWith(".http"))
                    .map(n -> n.substring(0, n.length() - 5)).sorted().toList();
            assertThat(names).hasSizeGreaterThan(25);
            return names.stream();
        }
    }

    static Path fixtureDir() throws URISyntaxException {
        return Path.of(Http1FramerGoldenTest.class.getResource("/http/content-length.http").toURI()).getParent();
    }

    @ParameterizedTest(name = "{0}")
    @MethodSource("fixtures")
    void framesAsTheGoldenFileSaysAtEverySplit(String name) throws Exception {
        Path dir = fixtureDir();
        byte[] stream = Files.readAllBytes(dir.resolve(name + ".http"));
        List<String> golden = Files.readAllLines(dir.resolve(name + ".frames"));
        Http1FramerHarness harness = harness(golden);

        Http1FramerHarness.Run run = harness.runAtEverySplit(stream);

        List<String> actual = new ArrayList<>(run.results().stream().map(Http1FramerHarness::summary).toList());
        actual.add("skipped " + run.skipped());
        actual.add("tunnelled " + run.tunnelled());
        assertThat(actual).containsExactlyElementsOf(golden.stream().filter(l -> !l.startsWith("#")).toList());
    }

    static Http1FramerHarness harness(List<String> golden) {
        String[] direction = golden.get(0).substring(2).split(" ");
        FramingLimits limits = golden.stream().filter(l -> l.startsWith("# limits ")).findFirst()
                .map(l -> l.split(" "))
                .map(w -> new FramingLimits(Integer.parseInt(w[2]), Integer.parseInt(w[3])))
                .orElse(FramingLimits.DEFAULT);
        return direction[0].equals("requests")
                ? Http1FramerHarness.requests(limits)
                : Http1FramerHarness.responses(limits, Arrays.copyOfRange(direction, 1, direction.length));
    }
}
