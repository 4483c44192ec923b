package dev.shadowtap.compare;

import dev.shadowtap.http.HttpHeader;

import java.util.ArrayList;
import java.util.Arrays;
import java.util.Comparator;
import java.util.LinkedHashSet;
import java.util.List;
import java.util.Objects;
import java.util.Set;

/**
 * One differing pair of an endpoint kept whole for the report's side-by-side view: both responses
 * (status, headers, body) and the paths that differed, real or noise when compared. Bounded: bodies
 * are cut at {@link #MAX_BODY} bytes, at most {@link #MAX_HEADERS} headers of {@link #MAX_HEADER_CHARS}
 * characters and {@link #MAX_PATHS} paths are kept.
 *
 * @param realPaths  the paths of the differences that were not noise when the pair was compared
 * @param noisePaths the paths of its noise
 */
public record ExamplePair(String id, String request, Side reference, Side candidate, List<String> realPaths,
                          List<String> noisePaths) {
    public static final int MAX_BODY = 64 * 1024;
    static final int MAX_HEADERS = 100;
    static final int MAX_HEADER_CHARS = 4096;
    static final int MAX_PATHS = 200;

    /** Which of several pairs a merge keeps: the smallest id, whatever the order of the reports. */
    static final Comparator<ExamplePair> ORDER = Comparator.comparing(ExamplePair::id)
            .thenComparing(ExamplePair::request)
            .thenComparing((a, b) -> Arrays.compare(a.reference().body(), b.reference().body()))
            .thenComparing((a, b) -> Arrays.compare(a.candidate().body(), b.candidate().body()));

    public ExamplePair {
        Objects.requireNonNull(id, "id");
        Objects.requireNonNull(request, "request");
        Objects.requireNonNull(reference, "reference");
        Objects.requireNonNull(candidate, "candidate");
        realPaths = List.copyOf(realPaths.subList(0, Math.min(realPaths.size(), MAX_PATHS)));
        noisePaths = List.copyOf(noisePaths.subList(0, Math.min(noisePaths.size(), MAX_PATHS)));
    }

    /**
     * One response.
     *
     * @param status  its status code; 0 for a binary protocol's reply
     * @param headers as received, in order (none for a binary reply)
     * @param body    the decoded body, its first {@link #MAX_BODY} bytes
     * @param length  the whole body's length in bytes
     */
    public record Side(int status, List<HttpHeader> headers, byte[] body, long length) {
        public Side {
            headers = List.copyOf(headers.subList(0, Math.min(headers.size(), MAX_HEADERS)).stream()
                    .map(h -> h.value().length() <= MAX_HEADER_CHARS ? h
                            : new HttpHeader(h.name(), h.value().substring(0, MAX_HEADER_CHARS) + "..."))
                    .toList());
            body = body.length <= MAX_BODY ? body.clone() : Arrays.copyOf(body, MAX_BODY);
            if (length < body.length) {
                throw new IllegalArgumentException("a body of " + length + " bytes cannot hold " + body.length);
            }
        }

        static Side of(DecodedResponse r) {
            return new Side(r.status(), r.headers(), r.body(), r.body().length);
        }

        static Side binary(byte[] reply) {
            return new Side(0, List.of(), reply, reply.length);
        }

        /** The body was longer than what is kept. */
        public boolean cut() {
            return body.length < length;
        }

        @Override
        public byte[] body() {
            return body.clone();
        }

        /** The kept bytes without a copy, for this package's readers that do not change them. */
        byte[] bytes() {
            return body;
        }
    }

    static ExamplePair http(String id, String request, DecodedResponse reference, DecodedResponse candidate,
                            List<ClassifiedDifference> differences) {
        return of(id, request, Side.of(reference), Side.of(candidate), differences);
    }

    static ExamplePair binary(String id, String request, byte[] reference, byte[] candidate,
                              List<ClassifiedDifference> differences) {
        return of(id, request, Side.binary(reference), Side.binary(candidate), differences);
    }

    private static ExamplePair of(String id, String request, Side reference, Side candidate,
                                  List<ClassifiedDifference> differences) {
        Set<String> real = new LinkedHashSet<>();
        Set<String> noise = new LinkedHashSet<>();
        for (ClassifiedDifference c : differences) {
            (c.isNoise() ? noise : real).add(c.difference().path());
        }
        noise.removeAll(real);
        return new ExamplePair(id, request, reference, candidate, new ArrayList<>(real), new ArrayList<>(noise));
    }

    /** Whether any of these differences is real: a pair worth keeping. */
    static boolean anyReal(List<ClassifiedDifference> differences) {
        for (ClassifiedDifference c : differences) {
            if (!c.isNoise()) {
                return true;
            }
        }
        return false;
    }
}
