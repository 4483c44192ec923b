package dev.shadowtap.io.file;

import dev.shadowtap.pipeline.MessageType;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.params.ParameterizedTest;
import org.junit.jupiter.params.provider.CsvSource;

import java.time.Instant;
import java.time.ZoneId;
import java.time.ZoneOffset;
import java.util.List;
import java.util.SplittableRandom;

import static org.assertj.core.api.Assertions.assertThat;

class FileNamePatternTest {
    private static final Instant MOMENT = Instant.parse("2026-03-04T05:06:07.000000089Z");

    @ParameterizedTest(name = "{0} -> {1}")
    @CsvSource(delimiter = '|', textBlock = """
            requests.gor                  | requests.gor
            %Y-%m-%d_%H:%M:%S.gor         | 2026-03-04_05:06:07.gor
            dir/%Y/%m/%d/r.gor            | dir/2026/03/04/r.gor
            ns-%NS.gor                    | ns-89.gor
            %NS%S                         | 8907
            rand-%r.gor                   | rand-Rnd.gor
            type-%t.gor                   | type-2.gor
            inst-%i.gor                   | inst-Inst.gor
            %i_%t_%r                      | Inst_2_Rnd
            100%.gor                      | 100%.gor
            %x%%Y%                        | %x%2026%
            %N.gor                        | %N.gor
            """)
    void expandsEveryPlaceholder(String pattern, String expected) {
        FileNamePattern names = new FileNamePattern(pattern, ZoneOffset.UTC, "Rnd", "Inst");
        assertThat(names.expand(MOMENT, MessageType.RESPONSE)).isEqualTo(expected);
    }

    @Test
    void timePartsAreInTheGivenZoneLikeGoReplaysLocalTime() {
        FileNamePattern tokyo = new FileNamePattern("%Y%m%d%H", ZoneId.of("Asia/Tokyo"), "r", "i");
        FileNamePattern utc = new FileNamePattern("%Y%m%d%H", ZoneOffset.UTC, "r", "i");
        Instant lateEvening = Instant.parse("2026-12-31T20:00:00Z");
        assertThat(utc.expand(lateEvening, MessageType.REQUEST)).isEqualTo("2026123120");
        assertThat(tokyo.expand(lateEvening, MessageType.REQUEST)).isEqualTo("2027010105");
    }

    @Test
    void typeDigitSeparatesTheThreeKinds() {
        FileNamePattern names = new FileNamePattern("t%t.gor", ZoneOffset.UTC, "r", "i");
        assertThat(names.expand(MOMENT, MessageType.REQUEST)).isEqualTo("t1.gor");
        assertThat(names.expand(MOMENT, MessageType.RESPONSE)).isEqualTo("t2.gor");
        assertThat(names.expand(MOMENT, MessageType.REPLAYED)).isEqualTo("t3.gor");
        assertThat(names.usesType()).isTrue();
        assertThat(names.usesNanos()).isFalse();
        assertThat(new FileNamePattern("%NS", ZoneOffset.UTC, "r", "i").usesNanos()).isTrue();
        assertThat(new FileNamePattern("%H.gor", ZoneOffset.UTC, "r", "i").usesType()).isFalse();
    }

    @Test
    void timeFieldsAreTheOnlyOnesThatUseTheClock() {
        for (String timed : List.of("%Y.gor", "x-%m.gor", "%d", "a%Hb", "%M.gor", "%S.gor", "%NS.gor")) {
            assertThat(new FileNamePattern(timed, ZoneOffset.UTC, "r", "i").usesTime()).as(timed).isTrue();
        }
        for (String timeless : List.of("out.gor", "t%t.gor", "%r_%i.gor", "100%.gor")) {
            assertThat(new FileNamePattern(timeless, ZoneOffset.UTC, "r", "i").usesTime()).as(timeless).isFalse();
        }
    }

    @Test
    void fourDigitYearIsPaddedAndMidnightIsZeroPadded() {
        FileNamePattern names = new FileNamePattern("%Y %H%M%S", ZoneOffset.UTC, "r", "i");
        assertThat(names.expand(Instant.parse("0999-01-01T00:00:00Z"), MessageType.REQUEST)).isEqualTo("0999 000000");
    }

    @Test
    void randomWordIsEightLettersAndDependsOnlyOnTheGenerator() {
        String a = FileNamePattern.randomWord(new SplittableRandom(7));
        assertThat(a).hasSize(8).matches("[a-zA-Z]{8}");
        assertThat(FileNamePattern.randomWord(new SplittableRandom(7))).isEqualTo(a);
        assertThat(FileNamePattern.randomWord(new SplittableRandom(8))).isNotEqualTo(a);
    }
}
