package dev.shadowtap.io.raw;

import com.fasterxml.jackson.databind.JsonNode;
import com.fasterxml.jackson.databind.ObjectMapper;

import java.io.BufferedReader;
import java.io.IOException;
import java.io.InputStream;
import java.io.InputStreamReader;
import java.nio.charset.StandardCharsets;
import java.util.ArrayList;
import java.util.Base64;
import java.util.List;

/**
 * One case of {@code src/test/resources/http/corpus/cases.jsonl} (written by {@code extract.py} from
 * llhttp's and http-parser's suites): one direction's bytes of one connection and where the strict
 * reference parser says each complete message starts and ends.
 *
 * @param messages       {start, end} offsets into {@code raw} of each message the reference completes
 * @param closeDelimited the last message ends only with the connection (the server's FIN completes it)
 * @param upgradeAt      the offset from which the bytes are a tunnel's (after a 101, a CONNECT), or -1
 * @param upgradeKind    {@code connect}, {@code upgrade} or {@code h2} when {@code upgradeAt >= 0}
 * @param methods        for responses: the methods of the requests the client sends first, one per final response
 */
record CorpusCase(String suite, String name, String source, boolean request, byte[] raw, List<int[]> messages,
                  boolean closeDelimited, int upgradeAt, String upgradeKind, List<String> methods) {

    static List<CorpusCase> load() throws IOException {
        ObjectMapper json = new ObjectMapper();
        List<CorpusCase> all = new ArrayList<>();
        try (InputStream in = CorpusCase.class.getResourceAsStream("/http/corpus/cases.jsonl");
             BufferedReader lines = new BufferedReader(new InputStreamReader(in, StandardCharsets.UTF_8))) {
            String line;
            while ((line = lines.readLine()) != null) {
                if (!line.isBlank()) {
                    all.add(of(json.readTree(line)));
                }
            }
        }
        return all;
    }

    private static CorpusCase of(JsonNode n) {
        List<int[]> messages = new ArrayList<>();
        n.get("messages").forEach(m -> messages.add(new int[]{m.get(0).asInt(), m.get(1).asInt()}));
        List<String> methods = new ArrayList<>();
        if (n.has("methods")) {
            n.get("methods").forEach(m -> methods.add(m.asText()));
        }
        JsonNode upgrade = n.get("upgradeAt");
        return new CorpusCase(n.get("suite").asText(), n.get("name").asText(), n.get("source").asText(),
                n.get("direction").asText().equals("request"), Base64.getDecoder().decode(n.get("raw").asText()),
                List.copyOf(messages), n.get("closeDelimited").asBoolean(), upgrade.isNull() ? -1 : upgrade.asInt(),
                n.get("upgradeKind").isNull() ? null : n.get("upgradeKind").asText(), List.copyOf(methods));
    }

    /** The bytes of message {@code i} as the reference frames it. */
    byte[] expected(int i) {
        int[] m = messages.get(i);
        return java.util.Arrays.copyOfRange(raw, m[0], m[1]);
    }

    @Override
    public String toString() {
        return name;
    }
}
