package dev.shadowtap.http.transform;

import org.junit.jupiter.api.Test;

import java.util.regex.Pattern;

import static org.assertj.core.api.Assertions.assertThat;

/** Replacement templates expand as Go's Regexp.Expand does (the syntax GoReplay users write). */
class GoTemplateTest {

    private static String replace(String regex, String template, String input) {
        return GoTemplate.parse(template).replaceAll(GoRegex.compile(regex, "test"), input);
    }

    @Test
    void numberedGroups() {
        assertThat(replace("(\\w+)-(\\w+)", "$2-$1", "ab-cd")).isEqualTo("cd-ab");
        assertThat(replace("(\\w+)-(\\w+)", "${2}x${1}", "ab-cd")).isEqualTo("cdxab");
    }

    @Test
    void nameRunsAsLongAsLettersDigitsAndUnderscoresAsInGo() {
        // Go reads "$1x" as the group named "1x", which does not exist: it expands to nothing.
        assertThat(replace("(a)", "$1x", "a")).isEqualTo("");
        assertThat(replace("(a)", "${1}x", "a")).isEqualTo("ax");
    }

    @Test
    void namedGroupsInGoAndJavaSyntax() {
        assertThat(replace("(?P<id>\\d+)", "<$id>", "n=42")).isEqualTo("n=<42>");
        assertThat(replace("(?<id>\\d+)", "<${id}>", "n=42")).isEqualTo("n=<42>");
    }

    @Test
    void missingOrUnmatchedGroupsExpandToNothing() {
        assertThat(replace("(a)", "[$7][$nope]", "a")).isEqualTo("[][]");
        assertThat(replace("(a)|(b)", "[$2]", "a")).isEqualTo("[]");
    }

    @Test
    void dollarEscapesAndMalformedReferencesStayLiteral() {
        assertThat(replace("a", "$$1", "a")).isEqualTo("$1");
        assertThat(replace("a", "${1", "a")).isEqualTo("${1");
        assertThat(replace("a", "cost $", "a")).isEqualTo("cost $");
        assertThat(replace("a", "$-", "a")).isEqualTo("$-");
    }

    @Test
    void backslashesAreLiteral() {
        assertThat(replace("a", "\\1\\n", "a")).isEqualTo("\\1\\n");
    }

    @Test
    void leadingZeroIsANameNotANumber() {
        assertThat(replace("(a)", "[$01]", "a")).isEqualTo("[]");
    }

    @Test
    void everyMatchIsReplacedAndNoMatchGivesNull() {
        assertThat(replace("o", "0", "foo boo")).isEqualTo("f00 b00");
        assertThat(GoTemplate.parse("x").replaceAll(Pattern.compile("z"), "abc")).isNull();
    }
}
