package dev.shadowtap.core;

import org.junit.jupiter.api.Test;

import static org.assertj.core.api.Assertions.assertThat;

class SessionKeyTest {
    @Test
    void goReplay13AndShadowtapIdsNameTheirConnectionInTheFirstSixteenDigits() {
        assertThat(SessionKey.of("beef00500a0102030000002a")).isEqualTo("beef00500a010203");
        assertThat(SessionKey.of("beef00500a0102030000002b")).isEqualTo("beef00500a010203");
        assertThat(SessionKey.carriesConnection("beef00500a0102030000002a")).isTrue();
    }

    @Test
    void goReplay12IdsAreTheConnectionWhole() {
        String id = "3f786850e387550fdab836ed7e6dc881de23001b";
        assertThat(SessionKey.of(id)).isEqualTo(id);
        assertThat(SessionKey.carriesConnection(id)).isTrue();
    }

    @Test
    void otherIdsCarryNoConnectionAndAreSessionsOfTheirOwn() {
        String oldShadowtap = "abcdef010000000000000007"; // a random prefix, then a counter: zeros where the address goes
        assertThat(SessionKey.carriesConnection(oldShadowtap)).isFalse();
        assertThat(SessionKey.of(oldShadowtap)).isEqualTo(oldShadowtap);
        assertThat(SessionKey.carriesConnection("42")).isFalse();
        assertThat(SessionKey.of("42")).isEqualTo("42");
        assertThat(SessionKey.carriesConnection("zzzz00500a0102030000002a")).isFalse();
    }
}
