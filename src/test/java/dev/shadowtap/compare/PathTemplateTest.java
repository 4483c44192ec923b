package dev.shadowtap.compare;

import org.junit.jupiter.params.ParameterizedTest;
import org.junit.jupiter.params.provider.CsvSource;

import static org.assertj.core.api.Assertions.assertThat;

class PathTemplateTest {
    @ParameterizedTest(name = "{0} {1}")
    @CsvSource(delimiter = '|', textBlock = """
            GET    | /api/products/42?ref=home                              | GET /api/products/{id}
            GET    | /api/products/42/reviews/7                             | GET /api/products/{id}/reviews/{id}
            GET    | /api/users/3f2b8c1e-9d4a-4b7e-8f00-1a2b3c4d5e6f        | GET /api/users/{id}
            GET    | /api/blobs/9f86d081884c7d659a2feaa0c55ad015a3bf4f1b    | GET /api/blobs/{id}
            GET    | /s/AbC9xYz_0123456789kLm                               | GET /s/{id}
            GET    | /api/products                                          | GET /api/products
            GET    | /api/v2/catalog#top                                    | GET /api/v2/catalog
            GET    | /api/search-results-for-everything                     | GET /api/search-results-for-everything
            POST   | /api/orders/                                           | POST /api/orders/
            GET    | /                                                      | GET /
            GET    | http://shop.example/api/products/9?x=1                 | GET /api/products/{id}
            DELETE | /api/carts/-1                                          | DELETE /api/carts/{id}
            GET    | /files/deadbeef                                        | GET /files/deadbeef
            """)
    void idSegmentsFoldAndTheQueryIsIgnored(String method, String target, String endpoint) {
        assertThat(PathTemplate.endpoint(method, target)).isEqualTo(endpoint);
    }
}
