package dev.shadowtap.cli;

import java.util.EnumSet;
import java.util.Set;

import static dev.shadowtap.cli.Flag.*;

/**
 * THE table of flags that work today. Every other {@link Flag} parses (so {@code --help} lists it)
 * but is refused with {@code not supported yet: --flag}. Turning a feature on is one line here.
 */
public final class Support {
    private static final Set<Flag> SUPPORTED = EnumSet.of(
            INPUT_FILE, INPUT_FILE_LOOP, INPUT_FILE_READ_DEPTH, INPUT_FILE_DRY_RUN, INPUT_FILE_MAX_WAIT,
            OUTPUT_FILE, OUTPUT_FILE_APPEND, OUTPUT_FILE_SIZE_LIMIT, OUTPUT_FILE_QUEUE_LIMIT,
            OUTPUT_FILE_MAX_SIZE_LIMIT, OUTPUT_FILE_FLUSH_INTERVAL, OUTPUT_FILE_BUFFER,
            OUTPUT_STDOUT, OUTPUT_NULL, INPUT_DUMMY,
            PRETTIFY_HTTP, SPLIT_OUTPUT, EXIT_AFTER, STATS, VERBOSE, COPY_BUFFER_SIZE,
            HTTP_ALLOW_METHOD, HTTP_ALLOW_URL, HTTP_DISALLOW_URL, HTTP_ALLOW_HEADER, HTTP_DISALLOW_HEADER,
            HTTP_BASIC_AUTH_FILTER, HTTP_SET_HEADER, HTTP_SET_PARAM, HTTP_REWRITE_URL, HTTP_REWRITE_HEADER,
            HTTP_HEADER_LIMITER, HTTP_PARAM_LIMITER,
            OUTPUT_HTTP, OUTPUT_HTTP_WORKERS, OUTPUT_HTTP_WORKERS_MIN, OUTPUT_HTTP_QUEUE_LEN, OUTPUT_HTTP_TIMEOUT,
            OUTPUT_HTTP_WORKER_TIMEOUT, OUTPUT_HTTP_REDIRECTS, OUTPUT_HTTP_RESPONSE_BUFFER, OUTPUT_HTTP_SKIP_VERIFY,
            OUTPUT_HTTP_TRACK_RESPONSE, OUTPUT_HTTP_STATS, OUTPUT_HTTP_STATS_MS, HTTP_ORIGINAL_HOST,
            HELP, VERSION);

    private Support() {
    }

    public static boolean isSupported(Flag flag) {
        return SUPPORTED.contains(flag);
    }
}
