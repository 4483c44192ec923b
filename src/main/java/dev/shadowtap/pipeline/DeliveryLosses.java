package dev.shadowtap.pipeline;

import java.util.Optional;

/**
 * An output that carries records on to another place (a peer, a broker) and can lose some it took:
 * when it did, the run did not do its job and exits 1, as with a file output that lost records.
 */
public interface DeliveryLosses {
    /** One line naming the output and what it lost, by reason; empty when every record it took went on. */
    Optional<String> lossLine();
}
