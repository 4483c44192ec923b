package dev.shadowtap.compare;

import com.fasterxml.jackson.databind.ObjectMapper;
import org.junit.jupiter.params.ParameterizedTest;
import org.junit.jupiter.params.provider.CsvSource;

import java.util.List;

import static org.assertj.core.api.Assertions.assertThat;

/** Table: reference JSON | candidate JSON | the differences, as "path kind ref->cand" joined by "; ". */
class JsonDiffTest {
    private final ObjectMapper json = new ObjectMapper();

    @ParameterizedTest(name = "{0} vs {1}")
    @CsvSource(delimiter = '|', quoteCharacter = '`', textBlock = """
            {"a":1}                             | {"a":1}                            | ``
            {"a":1}                             | {"a":1.0}                          | ``
            {"a":1,"b":2}                       | {"b":2,"a":1}                      | ``
            {"price":10.0}                      | {"price":10.5}                     | $.price changed 10.0->10.5
            {"a":"1"}                           | {"a":1}                            | $.a type "1"->1
            {"a":{"b":1}}                       | {"a":[1]}                          | $.a type {"b":1}->[1]
            {"a":1,"b":2}                       | {"a":1}                            | $.b missing 2->
            {"a":1}                             | {"a":1,"c":true}                   | $.c extra ->true
            {"items":[1,2,3]}                   | {"items":[1,2]}                    | $.items length 3->2
            {"items":[1,2,3]}                   | {"items":[3,1,2]}                  | $.items order [1,2,3]->[3,1,2]
            {"items":[{"p":1},{"p":2}]}         | {"items":[{"p":1},{"p":3}]}        | $.items[1].p changed 2->3
            {"items":[{"p":1},{"p":2},{"p":5}]} | {"items":[{"p":1},{"p":3}]}        | $.items[1].p changed 2->3; $.items length 3->2
            {"odd key":1}                       | {"odd key":2}                      | $['odd key'] changed 1->2
            {"a":null}                          | {"a":0}                            | $.a type null->0
            [1,{"x":"y"}]                       | [1,{"x":"z"}]                      | $[1].x changed "y"->"z"
            """)
    void differences(String reference, String candidate, String expected) throws Exception {
        List<Difference> got = JsonDiff.diff(json.readTree(reference), json.readTree(candidate));
        List<String> rendered = got.stream()
                .map(d -> d.path() + " " + d.kind().label() + " " + d.reference() + "->" + d.candidate()).toList();
        assertThat(rendered).containsExactlyElementsOf(
                expected == null || expected.isEmpty() ? List.of() : List.of(expected.split("; ")));
    }

    @ParameterizedTest
    @CsvSource(delimiter = '|', textBlock = """
            $.items[3].price  | $.items[*].price
            $.a[0][12].b      | $.a[*][*].b
            body:line:17      | body:text
            header:etag       | header:etag
            status            | status
            """)
    void fieldsFoldArrayIndicesAndTextLines(String path, String field) {
        assertThat(Difference.fieldOf(path)).isEqualTo(field);
    }

    @org.junit.jupiter.api.Test
    void manyDifferencesAreCappedAndLongValuesCut() throws Exception {
        StringBuilder a = new StringBuilder("[");
        StringBuilder b = new StringBuilder("[");
        for (int i = 0; i < 500; i++) {
            a.append(i == 0 ? "" : ",").append(i);
            b.append(i == 0 ? "" : ",").append(i + 1000);
        }
        assertThat(JsonDiff.diff(json.readTree(a + "]"), json.readTree(b + "]"))).hasSize(JsonDiff.MAX_DIFFERENCES);
        String longText = "x".repeat(1000);
        Difference d = new Difference("$.a", DiffKind.CHANGED, longText, "y");
        assertThat(d.reference()).hasSize(Difference.MAX_VALUE_CHARS + 3).endsWith("...");
    }
}
