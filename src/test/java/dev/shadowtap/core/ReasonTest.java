package dev.shadowtap.core;

import org.junit.jupiter.api.Test;

import java.util.Arrays;
import java.util.Locale;

import static org.assertj.core.api.Assertions.assertThat;

class ReasonTest {
    @Test
    void everyLabelIsOneKebabCaseWordSpelledLikeItsConstant() {
        for (Reason reason : Reason.values()) {
            assertThat(reason.label()).as(reason.name()).matches("[a-z0-9]+(-[a-z0-9]+)*");
            assertThat(reason.label()).isEqualTo(reason.name().toLowerCase(Locale.ROOT).replace('_', '-'));
            assertThat(reason).hasToString(reason.label());
        }
        assertThat(Arrays.stream(Reason.values()).map(Reason::label)).doesNotHaveDuplicates();
    }

    @Test
    void theWordsUsersReadStayAsTheyWere() {
        assertThat(Reason.QUEUE_FULL.label()).isEqualTo("queue-full");
        assertThat(Reason.OUTPUT_CLOSED.label()).isEqualTo("output-closed");
        assertThat(Reason.RATE_LIMIT_RESPONSE.label()).isEqualTo("rate-limit-response");
        assertThat(Reason.UNSENT_AT_CLOSE.label()).isEqualTo("unsent-at-close");
        assertThat(Reason.RESPONSE_WITHOUT_REQUEST.label()).isEqualTo("response-without-request");
    }
}
