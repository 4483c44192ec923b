package dev.shadowtap.compare;

import org.junit.jupiter.params.ParameterizedTest;
import org.junit.jupiter.params.provider.CsvSource;

import static org.assertj.core.api.Assertions.assertThat;

class VolatileShapesTest {
    /** 2026-11-24T06:00:00Z. */
    private static final long NOW = 1_795_500_000L;

    @ParameterizedTest(name = "{0} vs {1}: {2}")
    @CsvSource(delimiter = '|', textBlock = """
            "2026-11-24T06:27:12.726Z"            | "2026-11-24T06:27:13.392Z"            | true
            "2026-11-24 06:27:12"                 | "2026-11-24 06:28:00"                  | true
            "2026-11-24T06:27:12+01:00"           | "2026-11-24T06:27:13+0100"             | true
            "2026-11-24"                          | "2026-11-25"                           | false
            Tue, 24 Nov 2026 06:27:12 GMT         | Tue, 24 Nov 2026 06:27:13 GMT          | true
            1795501632844                         | 1795501633410                          | true
            1795501632                            | 1795501633                             | true
            1795501632                            | 1795501632844                          | false
            999999999999999                       | 999999999999998                        | false
            123                                   | 124                                    | false
            "3f2b8c1e-9d4a-4b7e-8f00-1a2b3c4d5e6f" | "7d3333ea-7fb7-41bd-8f05-46fa62709695" | true
            "9f86d081884c7d65"                    | "a3bf4f1b2c3d4e5f"                     | true
            "2026-11-24T06:27:12Z"                | "3f2b8c1e-9d4a-4b7e-8f00-1a2b3c4d5e6f" | false
            "Product 1"                           | "Product 2"                            | false
            12.0                                  | 12.5                                   | false
            1795501632.2418652                    | 1795501633.0031                        | true
            1.7955016322418652E9                  | 1.795501633003E9                       | true
            1795501632.5                          | 1795501632844                          | false
            3.14159                               | 2.71828                                | false
            9999999999.5                          | 9999999998.5                           | false
            """)
    void sameVolatileShapeOnBothSides(String reference, String candidate, boolean volatileShape) {
        assertThat(VolatileShapes.bothVolatile(reference, candidate, NOW)).isEqualTo(volatileShape);
    }

    @ParameterizedTest
    @CsvSource(delimiter = '|', textBlock = """
            Date           | true
            set-cookie     | true
            ETag           | true
            X-Request-Id   | true
            Server-Timing  | true
            Content-Type   | false
            Cache-Control  | false
            """)
    void volatileHeaders(String name, boolean isVolatile) {
        assertThat(VolatileShapes.isVolatileHeader(name)).isEqualTo(isVolatile);
    }

    @ParameterizedTest
    @CsvSource(delimiter = '|', textBlock = """
            generated 2026-11-24T06:27:12Z by node 3        | generated 2026-11-24T06:30:00Z by node 3 | true
            request 3f2b8c1e-9d4a-4b7e-8f00-1a2b3c4d5e6f ok | request 7d3333ea-7fb7-41bd-8f05-46fa62709695 ok | true
            total: 10                                       | total: 11                                | false
            """)
    void textLinesEqualOnceVolatileTokensAreMasked(String a, String b, boolean equal) {
        assertThat(VolatileShapes.equalWhenMasked(a, b)).isEqualTo(equal);
    }
}
