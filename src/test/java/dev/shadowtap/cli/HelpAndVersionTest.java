package dev.shadowtap.cli;

import org.junit.jupiter.api.Test;

import static org.assertj.core.api.Assertions.assertThat;

class HelpAndVersionTest {
    private final String help = ((ParseResult.Help) CommandLine.parse("--help")).text();

    @Test
    void helpHasUsageExamplesAndEveryHeading() {
        assertThat(help).startsWith("Usage: shadowtap [flags]");
        assertThat(help).contains("Examples:", "shadowtap --input-file 'requests.gor|200%' --output-http");
        for (Section section : Section.values()) {
            assertThat(help).contains("\n" + section.heading() + ":\n");
        }
        assertThat(help).contains("Inputs:", "Outputs:", "Filters", "Rewrites", "Pipeline");
    }

    @Test
    void helpListsEveryFlagOnceWithSupportAndDefault() {
        for (Flag flag : Flag.values()) {
            String line = help.lines().filter(l -> l.startsWith("  " + flag.display() + " ") || l.equals("  " + flag.display()))
                    .findFirst().orElseThrow(() -> new AssertionError(flag.display() + " missing from help"));
            assertThat(line.endsWith("(not supported yet)")).as(line)
                    .isEqualTo(!Support.isSupported(flag) && Support.refusal(flag).isEmpty());
            Support.refusal(flag).ifPresent(reason -> assertThat(line).as("a refused flag's help says so").contains("refused"));
            flag.defaultValue().filter(d -> !d.equals("0"))
                    .ifPresent(d -> assertThat(line).contains("(default " + d + ")"));
            assertThat(help.lines().filter(l -> l.startsWith("  " + flag.display() + " ")).count()).as(flag.display()).isEqualTo(1);
        }
        assertThat(help).doesNotContain("  -input-file");
    }

    @Test
    void helpSaysWhereGoReplayDiffers() {
        assertThat(help).contains("--output-file-buffer DIR").contains("only for S3");
        assertThat(help.lines().filter(l -> l.contains("--output-ws ")).findFirst().orElseThrow())
                .contains("(not supported yet)");
        assertThat(help.lines().filter(l -> l.contains("--kafka-tls-ca-cert")).findFirst().orElseThrow())
                .doesNotContain("(not supported yet)");
        assertThat(help.lines().filter(l -> l.contains("--output-kafka-host")).findFirst().orElseThrow())
                .doesNotContain("(not supported yet)");
        assertThat(help.lines().filter(l -> l.contains("--input-raw ADDR")).findFirst().orElseThrow())
                .doesNotContain("(not supported yet)");
    }

    @Test
    void versionComesFromTheManifestOrIsDev() {
        ParseResult.Version v = (ParseResult.Version) CommandLine.parse("--version");
        String fromClasses = CommandLine.class.getPackage().getImplementationVersion();
        assertThat(v.text()).isEqualTo("shadowtap " + (fromClasses == null ? "dev" : fromClasses));
        assertThat(v.text()).matches("shadowtap \\S+");
        assertThat(VersionText.version("0.1.0")).isEqualTo("0.1.0");
        assertThat(VersionText.version(null)).isEqualTo("dev");
        assertThat(VersionText.version(" ")).isEqualTo("dev");
    }
}
