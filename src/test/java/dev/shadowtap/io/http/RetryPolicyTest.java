package dev.shadowtap.io.http;

import org.junit.jupiter.api.Test;

import static org.assertj.core.api.Assertions.assertThat;

/** The one rule both replay engines ask before sending a failed request again. */
class RetryPolicyTest {
    private static final long NOW = 1_000_000_000L;
    private static final long DEADLINE = NOW + 1;

    private static boolean resend(String reason, String method, boolean resentBefore, boolean reused, boolean replyStarted,
                                  long deadline) {
        return RetryPolicy.resend(new ReplayFailure(reason, "detail"), method, resentBefore, reused, replyStarted, NOW, deadline);
    }

    @Test
    void aSafeRequestThatMetAClosedKeptAliveConnectionGoesOnceMore() {
        for (String reason : new String[]{"closed-early", "reset", "io-error"}) {
            for (String method : new String[]{"GET", "HEAD", "OPTIONS", "TRACE"}) {
                assertThat(resend(reason, method, false, true, false, DEADLINE)).as(reason + " " + method).isTrue();
            }
        }
    }

    @Test
    void nothingElseIsSentAgain() {
        assertThat(resend("closed-early", "GET", true, true, false, DEADLINE)).as("only once").isFalse();
        assertThat(resend("closed-early", "GET", false, false, false, DEADLINE)).as("a fresh connection").isFalse();
        assertThat(resend("closed-early", "GET", false, true, true, DEADLINE)).as("a reply had begun").isFalse();
        assertThat(resend("closed-early", "GET", false, true, false, NOW)).as("the deadline passed").isFalse();
        for (String method : new String[]{"POST", "PUT", "PATCH", "DELETE", "get"}) {
            assertThat(resend("reset", method, false, true, false, DEADLINE)).as(method).isFalse();
        }
        for (String reason : new String[]{"timeout", "connect-refused", "connect-timeout", "connect-error",
                "unknown-host", "tls-error", "bad-response", "in-flight-at-close", "internal-error"}) {
            assertThat(resend(reason, "GET", false, true, false, DEADLINE)).as(reason).isFalse();
        }
    }

    @Test
    void aConnectionIdleOverASecondIsProbedBeforeReuse() {
        assertThat(RetryPolicy.probeBeforeReuse(RetryPolicy.PROBE_AFTER_IDLE_NANOS)).isFalse();
        assertThat(RetryPolicy.probeBeforeReuse(RetryPolicy.PROBE_AFTER_IDLE_NANOS + 1)).isTrue();
    }
}
