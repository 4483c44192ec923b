package dev.shadowtap.gor;

import dev.shadowtap.pipeline.Message;
import dev.shadowtap.pipeline.MessageType;
import org.junit.jupiter.params.ParameterizedTest;
import org.junit.jupiter.params.provider.CsvSource;

import java.nio.charset.StandardCharsets;

import static org.assertj.core.api.Assertions.assertThat;

/** Header lines, good and bad, and the cheap check the missing-separator repair uses agreeing with the parser. */
class HeaderLineTest {
    @ParameterizedTest(name = "''{0}'' -> {1}")
    @CsvSource(delimiter = ';', textBlock = """
            1 0a1b2c3d4e5f60718293a4b5 1732412400000000000 1500;  ok
            2 8f3a2b1c0d9e8f7a6b5c4d3e2f1a0b9c8d7e6f5a 17;          ok
            3 ABCdef 0 0;                                           ok
            1 a 9223372036854775807;                                ok
            1 a 9223372036854775808;                                bad-header
            1 a 1 99999999999999999999;                             bad-header
            4 ab 1 2;                                               bad-header
            1ab 1;                                                  bad-header
            1  1 2;                                                 bad-header
            1 ab;                                                   bad-header
            '1 ab ';                                                bad-header
            '1 ab 1 ';                                              bad-header
            1 ab 1 2 3;                                             ok
            1 ab 1 2 h2 stream=1 pseudo=method,scheme,authority,path; ok
            2 ab 1 -1 h2 stream=3 rst=CANCEL;                       ok
            1 ab 1 x2 h2;                                           bad-header
            1 ab -1;                                                bad-header
            1 ab 1 -1;                                              ok
            2 ab 1 -25;                                             ok
            1 ab 1 -;                                               bad-header
            1 ab 1 --1;                                             bad-header
            1 ab 1 -9223372036854775808;                            bad-header
            '1 ab 1 -1 ';                                           bad-header
            1 ab 12x;                                               bad-header
            1 xyz 1;                                                bad-id
            1 0a1b-2c 1 2;                                          bad-id
            """)
    void parsesOrNamesTheProblem(String line, String expected) {
        byte[] b = ("##" + line + "\nrest").getBytes(StandardCharsets.US_ASCII);
        int nl = line.length() + 2;
        HeaderLine parsed = HeaderLine.parse(b, 2, nl);
        if (expected.equals("ok")) {
            String[] f = line.split(" ", 5);
            assertThat(parsed).isEqualTo(new HeaderLine.Valid(MessageType.fromCode(f[0].charAt(0)), f[1],
                    Long.parseLong(f[2]), f.length > 3 ? Long.parseLong(f[3]) : Message.NO_LATENCY, f.length > 4 ? f[4] : ""));
            assertThat(HeaderLine.endAt(b, 2, b.length)).isEqualTo(nl);
        } else {
            assertThat(parsed).isInstanceOfSatisfying(HeaderLine.Problem.class,
                    p -> assertThat(p.reason().label()).isEqualTo(expected));
            assertThat(HeaderLine.endAt(b, 2, b.length)).isEqualTo(-1);
        }
    }
}
