package dev.shadowtap.compare;

import org.junit.jupiter.api.Test;
import org.junit.jupiter.params.ParameterizedTest;
import org.junit.jupiter.params.provider.CsvSource;
import org.junit.jupiter.params.provider.ValueSource;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;

class IgnoreRuleTest {
    @ParameterizedTest(name = "{0} on {1}: {2}")
    @CsvSource(delimiter = '|', textBlock = """
            $.meta.generated_at | $.meta.generated_at     | true
            $.meta.generated_at | $.meta.generated_atx    | false
            $.meta              | $.meta.generated_at     | true
            $.meta              | $.metadata              | false
            $.items[*].id       | $.items[3].id           | true
            $.items[*].id       | $.items[3].price        | false
            $.items[0].id       | $.items[1].id           | false
            $.*.ts              | $.order.ts              | true
            $.*.ts              | $.order.line.ts         | false
            header:X-Trace      | header:x-trace          | true
            header:X-Trace      | header:x-trace-id       | false
            $.price             | header:price            | false
            """)
    void matches(String rule, String path, boolean matches) {
        assertThat(IgnoreRule.parse(rule).matches(path)).isEqualTo(matches);
    }

    @Test
    void refusesWhatIsNeitherAPathNorAHeader() {
        assertThatThrownBy(() -> IgnoreRule.parse("price")).hasMessage("a JSON path like $.meta.generated_at or header:NAME");
        assertThatThrownBy(() -> IgnoreRule.parse("header:")).hasMessage("a header name after header:");
    }

    @ParameterizedTest(name = "{0} ~ {1}: {2}")
    @CsvSource(delimiter = '|', textBlock = """
            $["item"]["nonce"]     | $.item.nonce               | true
            $['item']['nonce']     | $.item.nonce.x             | true
            $['item']['nonce']     | $.item.nonces              | false
            $['odd key']           | $['odd key']               | true
            $.items[*]['id']       | $.items[3].id              | true
            $..nonce               | $.nonce                    | true
            $..nonce               | $.a[2].b.nonce             | true
            $..nonce               | $.a['x y'].nonce           | true
            $..nonce               | $.a.nonces                 | false
            $.item..nonce          | $.other.nonce              | false
            $.items[0].id          | $.items[0].id              | true
            $.items[0].id          | $.items[1].id              | false
            """)
    void bracketsAndAnyDepth(String rule, String path, boolean matches) {
        assertThat(IgnoreRule.parse(rule).matches(path)).isEqualTo(matches);
    }

    @ParameterizedTest
    @ValueSource(strings = {"$.[", "$.item[", "$..", "$..*", "$.a[?(@.x)]", "$['unclosed", "$.a]", "$.", "$.a[-1]",
            "$.a.'b'"})
    void refusesWhatItWouldNotApply(String rule) {
        assertThatThrownBy(() -> IgnoreRule.parse(rule)).isInstanceOf(IllegalArgumentException.class)
                .hasMessageContaining("..name");
    }
}
