package dev.shadowtap.pipeline;

import org.junit.jupiter.api.Test;

import java.util.ArrayList;
import java.util.HashMap;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;
import java.util.SplittableRandom;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;

/**
 * {@link IdTable} against a {@link LinkedHashMap} in access order bounded the same way: the same ids
 * known, each at the entry it was given, the same one forgotten when full, over random runs of ids
 * that pack (hex, 1 to 24 digits, sixteen f's among them) and ids that do not (upper case, longer,
 * other characters, hex that only differs after its 16th digit).
 */
class IdTableTest {
    private static List<String> pool(SplittableRandom random, int n) {
        List<String> ids = new ArrayList<>();
        ids.add("ffffffffffffffff"); // all 64 bits of the first word set
        ids.add("ffffffffffffffffffffffff");
        ids.add("0");
        ids.add("00"); // the same digits' value as "0", another id
        ids.add("");
        ids.add("abcdefabcdefabcdefabcdef");
        ids.add("abcdefabcdefabcdefabcdeg"); // hex up to its last character
        ids.add("abcdefabcdefabcdefabcdefa"); // 25 digits
        ids.add("ABCDEFABCDEFABCDEFABCDEF");
        while (ids.size() < n) {
            int length = 1 + random.nextInt(random.nextInt(8) == 0 ? 30 : 24);
            String alphabet = random.nextInt(5) == 0 ? "0123456789abcdefXYZ-" : "0123456789abcdef";
            StringBuilder s = new StringBuilder();
            for (int i = 0; i < length; i++) {
                s.append(alphabet.charAt(random.nextInt(alphabet.length())));
            }
            ids.add(s.toString());
            if (s.length() > 17) { // a twin differing only after the 16th digit
                s.setCharAt(s.length() - 1, s.charAt(s.length() - 1) == '1' ? '2' : '1');
                ids.add(s.toString());
            }
        }
        return ids;
    }

    @Test
    void knowsAndForgetsTheSameIdsAsABoundedMapInAccessOrder() {
        SplittableRandom random = new SplittableRandom(11);
        for (int run = 0; run < 200; run++) {
            int maxIds = 1 + random.nextInt(run % 4 == 0 ? 3 : 300);
            IdTable table = new IdTable(maxIds, 1 + random.nextInt(8));
            Map<String, Integer> model = new LinkedHashMap<>(16, 0.75f, true);
            List<String> ids = pool(random, 2 + random.nextInt(3 * maxIds + 10));
            for (int step = random.nextInt(5_000); step > 0; step--) {
                String id = ids.get(random.nextInt(ids.size()));
                int found = table.find(id);
                Integer expected = model.get(id); // touches it, as find does
                assertThat(found).as("run %d: %s", run, id).isEqualTo(expected == null ? -1 : expected);
                if (found < 0 && random.nextBoolean()) {
                    int entry = table.add(id);
                    if (model.size() == maxIds) {
                        String eldest = model.keySet().iterator().next();
                        assertThat(entry).as("run %d: the least recently used entry is reused", run)
                                .isEqualTo(model.remove(eldest));
                    }
                    model.put(id, entry);
                    assertThat(entry).isBetween(0, table.capacity() - 1);
                }
                assertThat(table.size()).isEqualTo(model.size());
            }
            for (Map.Entry<String, Integer> known : new HashMap<>(model).entrySet()) { // every known id where it was
                assertThat(table.find(known.getKey())).as("run %d: %s", run, known.getKey()).isEqualTo(known.getValue());
            }
        }
    }

    @Test
    void growsToItsBoundAndNoFurther() {
        IdTable table = new IdTable(5_000, 4);
        for (int i = 0; i < 12_000; i++) {
            table.add(String.format("%024x", i));
        }
        assertThat(table.size()).isEqualTo(5_000);
        assertThat(table.capacity()).isEqualTo(5_000);
        assertThat(table.find(String.format("%024x", 6_999))).isEqualTo(-1);
        assertThat(table.find(String.format("%024x", 7_000))).isNotNegative();
        assertThatThrownBy(() -> new IdTable(0, 1)).isInstanceOf(IllegalArgumentException.class);
        assertThatThrownBy(() -> new IdTable(IdTable.MAX_IDS + 1, 1)).isInstanceOf(IllegalArgumentException.class);
    }

    @Test
    void onlyIdsOfUpTo24LowerCaseHexDigitsArePacked() {
        IdTable table = new IdTable(100, 4);
        for (String id : List.of("0123456789abcdef01234567", "f", "ffffffffffffffff")) {
            assertThat(table.packed(table.add(id))).as(id).isTrue();
        }
        for (String id : List.of("0123456789abcdef012345678", "0123456789ABCDEF", "", "12-34", "abcdefabcdefabcdefabcdeg")) {
            assertThat(table.packed(table.add(id))).as(id).isFalse();
        }
    }
}
