package dev.shadowtap.app;

import com.fasterxml.jackson.databind.ObjectMapper;
import com.fasterxml.jackson.databind.node.ObjectNode;
import org.junit.jupiter.api.AfterAll;
import org.junit.jupiter.api.BeforeAll;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;

import java.io.IOException;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.List;
import java.util.function.Consumer;

import static org.assertj.core.api.Assertions.assertThat;

/**
 * {@code compare-merge} refuses what it cannot merge exactly, in one line naming the file and what is
 * wrong, with exit status 2 and nothing written: reports made by real replays, then broken one way each.
 */
class CompareMergeBadInputTest {
    private static final ObjectMapper JSON = new ObjectMapper();
    @TempDir
    static Path reports;
    @TempDir
    Path dir;
    private static ShopService a;
    private static ShopService b;

    @BeforeAll
    static void replay() throws IOException {
        a = ShopService.versionA();
        b = ShopService.versionB();
        Exchanges recorder = new Exchanges();
        for (int i = 1; i <= 4; i++) {
            recorder.send(a.port(), Exchanges.get("/api/products/" + i));
        }
        Path recording = Gor.write(reports.resolve("rec.gor"), recorder.records());
        for (List<String> report : List.of(List.of("good", "0.5"), List.of("other-rate", "0.1"),
                List.of("other-ignore", "0.5", "--compare-ignore", "$.price"))) {
            List<String> args = new java.util.ArrayList<>(List.of("--input-file", recording + "|10000%", "--output-http",
                    b.url(), "--output-http-track-response", "--compare-report", reports.resolve(report.get(0)).toString(),
                    "--compare-fail-above", report.get(1)));
            args.addAll(report.subList(2, report.size()));
            Run run = Run.of(args.toArray(String[]::new));
            assertThat(run.status()).as(run.err()).isIn(0, 1);
        }
    }

    @AfterAll
    static void stop() {
        a.close();
        b.close();
    }

    private Path out() {
        return dir.resolve("out");
    }

    /** The good report copied to {@code name}, then changed by {@code change}. */
    private Path broken(String name, Consumer<Path> change) throws IOException {
        Path copy = dir.resolve(name);
        Files.createDirectories(copy);
        try (var files = Files.list(reports.resolve("good"))) {
            for (Path f : files.toList()) {
                Files.copy(f, copy.resolve(f.getFileName()));
            }
        }
        change.accept(copy);
        return copy;
    }

    /** A change of the summary's JSON tree. */
    private static Consumer<Path> summary(Consumer<ObjectNode> change) {
        return d -> {
            try {
                ObjectNode root = (ObjectNode) JSON.readTree(d.resolve("summary.json").toFile());
                change.accept(root);
                JSON.writeValue(d.resolve("summary.json").toFile(), root);
            } catch (IOException e) {
                throw new AssertionError(e);
            }
        };
    }

    private static Consumer<Path> write(String file, String text) {
        return d -> {
            try {
                Files.writeString(d.resolve(file), text);
            } catch (IOException e) {
                throw new AssertionError(e);
            }
        };
    }

    private static ObjectNode firstEndpoint(ObjectNode root) {
        return (ObjectNode) root.get("merge").get("endpoints").get(0);
    }

    /** Exit status 2, exactly one line on stderr, nothing on stdout, OUT not made. */
    private String refused(Path... dirs) {
        String[] args = new String[dirs.length + 2];
        args[0] = "compare-merge";
        args[1] = out().toString();
        for (int i = 0; i < dirs.length; i++) {
            args[i + 2] = dirs[i].toString();
        }
        Run run = Run.of(args);
        assertThat(run.status()).as(run.err()).isEqualTo(2);
        assertThat(run.out()).isEmpty();
        assertThat(run.err()).startsWith("shadowtap compare-merge: ").endsWith("\n").doesNotContain("Exception")
                .doesNotContain("\tat ");
        assertThat(run.err().strip().lines()).hasSize(1);
        assertThat(out()).doesNotExist();
        return run.err().strip().substring("shadowtap compare-merge: ".length());
    }

    @Test
    void theGoodReportAloneMergesIntoItself() throws IOException {
        Run run = Run.of("compare-merge", out().toString(), reports.resolve("good").toString());
        assertThat(run.status()).as(run.err()).isZero(); // B's wrong price: 2 of 4 differ, not above 50%
        var merged = JSON.readTree(out().resolve("summary.json").toFile());
        var good = JSON.readTree(reports.resolve("good").resolve("summary.json").toFile());
        assertThat(merged.get("differing").asLong()).isEqualTo(2);
        assertThat(merged.get("endpoints")).isEqualTo(good.get("endpoints"));
        assertThat(merged.get("merge")).isEqualTo(good.get("merge"));
    }

    @Test
    void aMissingDirectoryOrAFileIsNoReport() throws IOException {
        Path missing = dir.resolve("missing");
        assertThat(refused(missing)).isEqualTo(missing + ": no such directory");
        Path file = Files.writeString(dir.resolve("file"), "x");
        assertThat(refused(file)).isEqualTo(file + ": not a directory (give the DIR of --compare-report DIR)");
        Path empty = Files.createDirectories(dir.resolve("empty"));
        assertThat(refused(empty)).isEqualTo(empty + ": not a comparison report (no summary.json)");
        Path running = Files.createDirectories(dir.resolve("running"));
        Files.writeString(running.resolve("diffs.jsonl.partial"), "");
        assertThat(refused(running)).isEqualTo(running + ": the report is not finished (diffs.jsonl.partial,"
                + " no summary.json): did its run end?");
    }

    @Test
    void aCorruptSummaryIsNamedWithWhereItBreaks() throws IOException {
        Path cut = broken("cut", d -> {
            try {
                String text = Files.readString(d.resolve("summary.json"));
                Files.writeString(d.resolve("summary.json"), text.substring(0, text.length() / 2));
            } catch (IOException e) {
                throw new AssertionError(e);
            }
        });
        assertThat(refused(cut)).matches(java.util.regex.Pattern.quote(cut.resolve("summary.json").toString())
                + ": not valid JSON \\(line \\d+, column \\d+\\)");
        Path list = broken("list", write("summary.json", "[1, 2]"));
        assertThat(refused(list)).isEqualTo(list.resolve("summary.json") + ": not a JSON object");
        Path other = broken("other", write("summary.json", "{\"name\": \"not ours\"}"));
        assertThat(refused(other)).isEqualTo(other.resolve("summary.json") + ": not a shadowtap comparison summary");
    }

    @Test
    void aBadValueIsNamedByItsPath() throws IOException {
        Path count = broken("count", summary(root -> firstEndpoint(root).put("compared", "many")));
        assertThat(refused(count)).isEqualTo(count.resolve("summary.json") + ": merge.endpoints[0].compared: not a count");
        Path negative = broken("negative", summary(root -> firstEndpoint(root).put("unanswered", -3)));
        assertThat(refused(negative)).isEqualTo(negative.resolve("summary.json")
                + ": merge.endpoints[0].unanswered: not a count");
        Path histogram = broken("histogram", summary(root -> firstEndpoint(root).put("latency_reference", "AAAA")));
        assertThat(refused(histogram)).isEqualTo(histogram.resolve("summary.json")
                + ": merge.endpoints[0].latency_reference: not an HdrHistogram in base64");
        Path reason = broken("reason", summary(root -> ((ObjectNode) root.get("merge").get("unpaired")).put("gremlins", 1)));
        assertThat(refused(reason)).isEqualTo(reason.resolve("summary.json")
                + ": merge.unpaired: no such reason \"gremlins\"");
        Path rate = broken("rate", summary(root -> ((ObjectNode) root.get("merge").get("gate")).put("fail_above", 7)));
        assertThat(refused(rate)).isEqualTo(rate.resolve("summary.json") + ": merge.gate.fail_above: not a rate from 0 to 1");
    }

    @Test
    void aReportOfAnOlderShadowtapOrAnotherFormatIsRefused() throws IOException {
        Path old = broken("old", summary(root -> root.remove("merge")));
        assertThat(refused(old)).isEqualTo(old.resolve("summary.json") + ": written by a shadowtap without merge data"
                + " (before compare-merge): its latencies cannot be merged exactly; replay that share again with this version");
        Path format = broken("format", summary(root -> ((ObjectNode) root.get("merge")).put("format", 2)));
        assertThat(refused(format)).isEqualTo(format.resolve("summary.json") + ": report format 2, this shadowtap reads format 1");
    }

    @Test
    void reportsOfAnotherVersionOrGateAreRefusedNamingBoth() throws IOException {
        Path good = reports.resolve("good");
        String version = JSON.readTree(good.resolve("summary.json").toFile()).get("merge").get("version").asText();
        Path older = broken("older", summary(root -> ((ObjectNode) root.get("merge")).put("version", "0.0.1")));
        assertThat(refused(good, older)).isEqualTo(older.resolve("summary.json") + ": written by shadowtap 0.0.1, "
                + good.resolve("summary.json") + " by shadowtap " + version + ": merge reports of one version");
        Path rate = reports.resolve("other-rate");
        assertThat(refused(good, rate)).isEqualTo(rate.resolve("summary.json") + ": --compare-fail-above 0.1 differs from "
                + good.resolve("summary.json") + "'s 0.5: merge reports of one gate");
        Path ignore = reports.resolve("other-ignore");
        assertThat(refused(good, ignore)).isEqualTo(ignore.resolve("summary.json") + ": --compare-ignore $.price differs from "
                + good.resolve("summary.json") + "'s (none): merge reports of one gate");
    }

    @Test
    void aMissingOrCorruptDiffLogIsNamedWithItsLine() throws IOException {
        Path missing = broken("nodiffs", d -> d.resolve("diffs.jsonl").toFile().delete());
        assertThat(refused(missing)).isEqualTo(missing.resolve("diffs.jsonl")
                + ": missing (the report is incomplete: did its run end?)");
        String first = Files.readAllLines(reports.resolve("good").resolve("diffs.jsonl")).getFirst();
        Path corrupt = broken("corrupt", write("diffs.jsonl", first + "\n{\"id\": \"x\", \"endp\n"));
        assertThat(refused(corrupt)).isEqualTo(corrupt.resolve("diffs.jsonl") + ":2: not valid JSON");
        Path shape = broken("shape", write("diffs.jsonl", first + "\n" + first + "\n{\"id\": \"x\"}\n"));
        assertThat(refused(shape)).isEqualTo(shape.resolve("diffs.jsonl")
                + ":3: not a line of diffs.jsonl (no endpoint or differences)");
    }

    @Test
    void theSameReportTwiceOrOutAmongTheReportsIsRefused() throws IOException {
        Path good = reports.resolve("good");
        assertThat(refused(good, good)).isEqualTo(good + ": given twice (as " + good + "): its traffic would count twice");
        Run into = Run.of("compare-merge", good.toString(), reports.resolve("other-rate").toString(), good.toString());
        assertThat(into.status()).isEqualTo(2);
        assertThat(into.err().strip()).isEqualTo("shadowtap compare-merge: " + good
                + ": OUT is one of the reports merged; give a new directory");
        Path file = Files.writeString(dir.resolve("plain"), "x");
        Run underFile = Run.of("compare-merge", file.resolve("out").toString(), good.toString());
        assertThat(underFile.status()).isEqualTo(2);
        assertThat(underFile.err().strip().lines()).hasSize(1);
        assertThat(underFile.err()).startsWith("shadowtap compare-merge: " + file.resolve("out") + ": cannot write there: ");
        Run usage = Run.of("compare-merge", out().toString());
        assertThat(usage.status()).isEqualTo(2);
        assertThat(usage.err().strip()).isEqualTo("shadowtap compare-merge: needs OUT and at least one DIR:"
                + " shadowtap compare-merge OUT DIR...");
        Run option = Run.of("compare-merge", "--fail-above", "3", out().toString(), good.toString());
        assertThat(option.err().strip()).isEqualTo("shadowtap compare-merge: --fail-above: no such option"
                + " (shadowtap compare-merge OUT DIR...)");
        assertThat(Run.of("compare-merge", "--help").out()).contains("Usage: shadowtap compare-merge OUT DIR...");
        assertThat(Run.of("--help").out()).contains("shadowtap compare-merge OUT DIR...");
    }
}
