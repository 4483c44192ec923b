package dev.shadowtap.pipeline;

/**
 * What an input that must know when its messages are taken (a Kafka consumer group commits an offset
 * only then) hands on with a {@link Message}: every stage that keeps the message past its own call
 * {@link #hold}s it and, once done with it, {@link #release}s it (taken: written, sent, or failed and
 * counted) or {@link #lose}s it (given up unsent at a stop). The input made it with one hold, its
 * own, which the emitter releases once the message is in every output's queue. When the holds reach
 * zero the input learns it, and whether any holder lost it. Messages of other inputs carry
 * {@link #NONE}, whose calls do nothing.
 */
public interface Receipt {
    /** The receipt of a message nobody waits for. */
    Receipt NONE = new Receipt() {
        @Override
        public void hold() {
        }

        @Override
        public void release() {
        }

        @Override
        public void markLost() {
        }
    };

    /** One more stage keeps the message; it calls {@link #release} or {@link #lose} when done with it. */
    void hold();

    /** A holder is done with the message and it was taken. */
    void release();

    /** The message was not taken (dropped unsent at a stop): the input must not count it as done. */
    void markLost();

    /** A holder gives the message up unsent. */
    default void lose() {
        markLost();
        release();
    }
}
