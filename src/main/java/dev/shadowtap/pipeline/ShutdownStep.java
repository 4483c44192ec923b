package dev.shadowtap.pipeline;

/**
 * The end of an {@link Emitter}'s run, step by step in this order; docs/ARCHITECTURE.md ("Shutdown")
 * says what each does and why it comes where it does. The relay's steps do nothing without a relay.
 */
enum ShutdownStep {
    /** Every input but the feedback ones has ended, or {@link Emitter#stop()} closed it. */
    PRIMARY_INPUTS_END,
    /** The relay has answered, nothing is queued for it, and it was quiet for its quiet time. */
    RELAY_SETTLES,
    /** The feedback outputs drain and close, in the order given, and their reply inputs end. */
    FEEDBACK_OUTPUTS_CLOSE,
    /** What is queued for the relay is written, then its output (the middleware's stdin) closes. */
    RELAY_OUTPUT_CLOSES,
    /** The relay's input reads to its end, what it returns going to the outputs still open. */
    RELAY_INPUT_ENDS,
    /** The remaining outputs drain and close (flushed), in the order given. */
    OTHER_OUTPUTS_CLOSE
}
