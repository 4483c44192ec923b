package dev.shadowtap.core;

import java.util.List;

/**
 * The state of a stage's links to what lies outside the process (the peers of {@code --output-tcp} and
 * {@code --input-tcp}, the brokers of a Kafka output, the program of {@code --middleware}), registered
 * with the run's {@link Stats} like any {@link StageDetail} so that the live views read it from the one
 * registry. Its counts stay on the stage; this says only how the links stand now.
 */
public interface LinkDetail extends StageDetail {
    /** How the links stand now; cheap, read at most a few times a second. */
    State state();

    /** The detail of {@code stage} whose state {@code state} tells. */
    static LinkDetail of(StageStats stage, java.util.function.Supplier<State> state) {
        return new LinkDetail() {
            @Override
            public StageStats stage() {
                return stage;
            }

            @Override
            public State state() {
                return state.get();
            }
        };
    }

    /** The exit summary has the stage's counts and loss lines already. */
    @Override
    default List<String> summaryLines() {
        return List.of();
    }

    /**
     * @param kind    "tcp-out", "tcp-in", "kafka-out" or "middleware"
     * @param up      links up now (connections, a broker taking messages, a running program)
     * @param of      links there should be, or -1 when open-ended (a listener)
     * @param waiting messages held for the link now (queued, or handed and not yet acknowledged)
     * @param note    what is wrong, in a few words, or empty
     */
    record State(String kind, int up, int of, long waiting, String note) {
    }
}
