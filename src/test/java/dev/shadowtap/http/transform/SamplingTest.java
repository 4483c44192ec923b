package dev.shadowtap.http.transform;

import dev.shadowtap.core.Fnv32a;

import dev.shadowtap.core.Reason;
import dev.shadowtap.pipeline.Message;
import org.junit.jupiter.api.Test;

import java.nio.charset.StandardCharsets;
import java.util.ArrayList;
import java.util.List;
import java.util.stream.IntStream;

import static dev.shadowtap.http.transform.TransformFixture.config;
import static dev.shadowtap.http.transform.TransformFixture.request;
import static dev.shadowtap.http.transform.TransformFixture.stage;
import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.within;

/** Consistent sampling: GoReplay's FNV-32a rule, the same values kept across runs and instances, the requested share. */
class SamplingTest {

    private static String withUser(String user) {
        return "GET /cart HTTP/1.1\r\nHost: shop.example.com\r\nX-User-Id: " + user + "\r\nAccept: */*\r\n\r\n";
    }

    private static String withParam(String query) {
        return "GET /cart?" + query + " HTTP/1.1\r\nHost: shop.example.com\r\n\r\n";
    }

    @Test
    void fnv32aMatchesPublishedTestVectors() {
        // Vectors from the FNV reference (Landon Curt Noll's test suite), as Go's hash/fnv tests use.
        assertThat(hash("")).isEqualTo(0x811c9dc5);
        assertThat(hash("a")).isEqualTo(0xe40c292c);
        assertThat(hash("foobar")).isEqualTo(0xbf9cf968);
    }

    @Test
    void fnv32aAgreesWithAnIndependentImplementationOnManyValues() {
        for (int i = 0; i < 2000; i++) {
            String v = "user-" + i + "-\u00e9\u00ff";
            assertThat(Integer.toUnsignedLong(hash(v))).isEqualTo(FnvHash.fnv32a(v));
            byte[] b = v.getBytes(StandardCharsets.ISO_8859_1);
            assertThat(Fnv32a.hash(b, 0, b.length)).isEqualTo(hash(v));
        }
    }

    private static int hash(String s) {
        return Fnv32a.hash(s, 0, s.length());
    }

    @Test
    void headerLimiterKeepsExactlyTheValuesGoReplayKeeps() {
        var s = stage(config().headerLimiter("X-User-Id: 25%"));
        int kept = 0;
        for (int i = 0; i < 500; i++) {
            String user = "u" + i;
            boolean expected = FnvHash.kept(user, 25);
            assertThat(s.apply(withUser(user)) != null).as(user).isEqualTo(expected);
            kept += expected ? 1 : 0;
        }
        assertThat(s.stats().dropped(Reason.SAMPLED_OUT_HEADER)).isEqualTo(500 - kept);
        assertThat(kept).isBetween(1, 499);
    }

    @Test
    void headerLimiterNameIgnoresCase() {
        String dropped = IntStream.range(0, 1000).mapToObj(i -> "u" + i).filter(u -> !FnvHash.kept(u, 10)).findFirst()
                .orElseThrow();
        assertThat(stage(config().headerLimiter("x-user-id: 10%")).apply(withUser(dropped))).isNull();
    }

    @Test
    void sameValuesAreKeptAcrossRunsAndInstances() {
        List<String> users = IntStream.range(0, 10_000).mapToObj(i -> "customer-" + i).toList();
        var first = stage(config().headerLimiter("X-User-Id: 25%"));
        var second = stage(config().headerLimiter("X-User-Id: 25%"));
        List<String> keptFirst = kept(first, users);
        List<String> keptAgain = kept(first, users);
        List<String> keptSecond = kept(second, users);
        assertThat(keptAgain).isEqualTo(keptFirst);
        assertThat(keptSecond).isEqualTo(keptFirst);
        assertThat(keptFirst.size() / 10_000.0).isCloseTo(0.25, within(0.03));
    }

    @Test
    void requestedShareHoldsForSeveralPercentages() {
        List<String> users = IntStream.range(0, 10_000).mapToObj(i -> Integer.toHexString(i * 7919 + 12345)).toList();
        for (int percent : new int[] {5, 50, 90}) {
            var s = stage(config().headerLimiter("X-User-Id: " + percent + "%"));
            assertThat(kept(s, users).size() / 10_000.0).as(percent + "%").isCloseTo(percent / 100.0, within(0.03));
        }
    }

    private static List<String> kept(TransformFixture.Stage s, List<String> users) {
        List<String> kept = new ArrayList<>();
        for (String u : users) {
            if (s.apply(withUser(u)) != null) {
                kept.add(u);
            }
        }
        return kept;
    }

    @Test
    void zeroPercentDropsEveryRequestWithTheHeaderAndHundredKeepsAll() {
        var none = stage(config().headerLimiter("X-User-Id: 0%"));
        var all = stage(config().headerLimiter("X-User-Id: 100%"));
        for (int i = 0; i < 200; i++) {
            assertThat(none.apply(withUser("v" + i))).isNull();
            assertThat(all.apply(withUser("v" + i))).isNotNull();
        }
    }

    @Test
    void requestsWithoutTheHeaderOrWithAnEmptyValueAreKeptAsInGoReplay() {
        var s = stage(config().headerLimiter("X-User-Id: 0%"));
        assertThat(s.apply("GET /cart HTTP/1.1\r\nHost: shop.example.com\r\n\r\n")).isNotNull();
        assertThat(s.apply(withUser(""))).isNotNull();
        assertThat(s.stats().droppedTotal()).isZero();
    }

    @Test
    void paramLimiterKeepsExactlyTheValuesGoReplayKeeps() {
        var s = stage(config().paramLimiter("session: 30%"));
        for (int i = 0; i < 500; i++) {
            String session = "s" + (i * 31);
            boolean expected = FnvHash.kept(session, 30);
            assertThat(s.apply(withParam("lang=en&session=" + session + "&x=1")) != null).as(session).isEqualTo(expected);
        }
        assertThat(s.stats().dropped(Reason.SAMPLED_OUT_PARAM)).isPositive();
    }

    @Test
    void paramLimiterShareOverTenThousandValues() {
        var s = stage(config().paramLimiter("uid: 25%"));
        long kept = IntStream.range(0, 10_000).filter(i -> s.apply(withParam("uid=" + i)) != null).count();
        assertThat(kept / 10_000.0).isCloseTo(0.25, within(0.03));
    }

    @Test
    void paramLimiterMatchesTheExactRawNameOnly() {
        String dropped = IntStream.range(0, 1000).mapToObj(i -> "v" + i).filter(v -> !FnvHash.kept(v, 10)).findFirst()
                .orElseThrow();
        var s = stage(config().paramLimiter("uid: 10%"));
        assertThat(s.apply(withParam("uid=" + dropped))).isNull();
        assertThat(s.apply(withParam("xuid=" + dropped))).as("another name").isNotNull();
        assertThat(s.apply(withParam("UID=" + dropped))).as("names are case-sensitive").isNotNull();
        assertThat(s.apply(withParam("a=1&uid"))).as("no value").isNotNull();
    }

    @Test
    void paramLimiterKeepsRequestsWithoutTheParamAndHashesAnEmptyValue() {
        var none = stage(config().paramLimiter("uid: 0%"));
        assertThat(none.apply("GET /cart HTTP/1.1\r\nHost: a\r\n\r\n")).isNotNull();
        assertThat(none.apply(withParam("other=1"))).isNotNull();
        // GoReplay hashes a present but empty value: FNV-32a("") % 100 = 61, so 61% drops it and 62% keeps it.
        assertThat(FnvHash.fnv32a("") % 100).isEqualTo(61);
        assertThat(stage(config().paramLimiter("uid: 61%")).apply(withParam("uid="))).isNull();
        assertThat(stage(config().paramLimiter("uid: 62%")).apply(withParam("uid="))).isNotNull();
    }

    @Test
    void keptRequestsPassUnchanged() {
        String user = IntStream.range(0, 1000).mapToObj(i -> "k" + i).filter(u -> FnvHash.kept(u, 50)).findFirst()
                .orElseThrow();
        Message in = request("a1", withUser(user));
        assertThat(stage(config().headerLimiter("X-User-Id: 50%")).apply(in)).isSameAs(in);
    }
}
