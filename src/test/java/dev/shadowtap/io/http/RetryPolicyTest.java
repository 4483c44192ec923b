package dev.shadowtap.io.http;

import dev.shadowtap.core.Reason;
import org.junit.jupiter.api.Test;

import static org.assertj.core.api.Assertions.assertThat;

/** The one rule both replay engines ask before sending a failed request again. */
class RetryPolicyTest {
    private static final long NOW = 1_000_000_000L;
    private static final long DEADLINE = NOW + 1;

    private static boolean resend(Reason reason, String method, boolean resentBefore, boolean reused, boolean replyStarted,
                                  long deadline) {
        return RetryPolicy.resend(new ReplayFailure(reason, "detail"), method, resentBefore, reused, replyStarted, NOW, deadline);
    }

    @Test
    void aSafeRequestThatMetAClosedKeptAliveConnectionGoesOnceMore() {
        for (Reason reason : new Reason[]{Reason.CLOSED_EARLY, Reason.RESET, Reason.IO_ERROR}) {
            for (String method : new String[]{"GET", "HEAD", "OPTIONS", "TRACE"}) {
                assertThat(resend(reason, method, false, true, false, DEADLINE)).as(reason + " " + method).isTrue();
            }
        }
    }

    @Test
    void nothingElseIsSentAgain() {
        assertThat(resend(Reason.CLOSED_EARLY, "GET", true, true, false, DEADLINE)).as("only once").isFalse();
        assertThat(resend(Reason.CLOSED_EARLY, "GET", false, false, false, DEADLINE)).as("a fresh connection").isFalse();
        assertThat(resend(Reason.CLOSED_EARLY, "GET", false, true, true, DEADLINE)).as("a reply had begun").isFalse();
        assertThat(resend(Reason.CLOSED_EARLY, "GET", false, true, false, NOW)).as("the deadline passed").isFalse();
        for (String method : new String[]{"POST", "PUT", "PATCH", "DELETE", "get"}) {
            assertThat(resend(Reason.RESET, method, false, true, false, DEADLINE)).as(method).isFalse();
        }
        for (Reason reason : new Reason[]{Reason.TIMEOUT, Reason.CONNECT_REFUSED, Reason.CONNECT_TIMEOUT, Reason.CONNECT_ERROR,
                Reason.UNKNOWN_HOST, Reason.TLS_ERROR, Reason.BAD_RESPONSE, Reason.IN_FLIGHT_AT_CLOSE, Reason.INTERNAL_ERROR}) {
            assertThat(resend(reason, "GET", false, true, false, DEADLINE)).as(reason.label()).isFalse();
        }
    }

    @Test
    void aConnectionIdleOverASecondIsProbedBeforeReuse() {
        assertThat(RetryPolicy.probeBeforeReuse(RetryPolicy.PROBE_AFTER_IDLE_NANOS)).isFalse();
        assertThat(RetryPolicy.probeBeforeReuse(RetryPolicy.PROBE_AFTER_IDLE_NANOS + 1)).isTrue();
    }
}
