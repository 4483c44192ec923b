package dev.shadowtap.io.kafka;

import java.io.IOException;
import java.nio.charset.StandardCharsets;
import java.nio.file.Path;
import java.util.Map;
import java.util.concurrent.TimeUnit;

/** Runs {@code bin/kafka-local COMMAND} for a broker's state dir: what the test brokers start, halt and stop with. */
final class KafkaLocalScript {
    private KafkaLocalScript() {
    }

    /**
     * Its output; a failure is an {@link IllegalStateException} with what the script said. {@code env}
     * sets variables, a null value removes one.
     */
    static String run(Path state, String command, Map<String, String> env) {
        try {
            ProcessBuilder pb = new ProcessBuilder(Path.of("bin", "kafka-local").toAbsolutePath().toString(), command)
                    .redirectErrorStream(true);
            pb.environment().put("KAFKA_LOCAL_DIR", state.toString());
            env.forEach((k, v) -> {
                if (v == null) {
                    pb.environment().remove(k);
                } else {
                    pb.environment().put(k, v);
                }
            });
            Process p = pb.start();
            byte[] out = p.getInputStream().readAllBytes();
            if (!p.waitFor(120, TimeUnit.SECONDS) || p.exitValue() != 0) {
                throw new IllegalStateException("bin/kafka-local " + command + " failed: "
                        + new String(out, StandardCharsets.UTF_8).strip());
            }
            return new String(out, StandardCharsets.UTF_8);
        } catch (IOException e) {
            throw new IllegalStateException("bin/kafka-local " + command + ": " + e.getMessage(), e);
        } catch (InterruptedException e) {
            Thread.currentThread().interrupt();
            throw new IllegalStateException("interrupted", e);
        }
    }
}
