package dev.shadowtap.app;

import org.junit.jupiter.api.extension.AfterEachCallback;
import org.junit.jupiter.api.extension.BeforeEachCallback;
import org.junit.jupiter.api.extension.ExtensionContext;

/** Versions A and B of {@link ShopService}, started before each test and closed after it. */
final class ShopServices implements BeforeEachCallback, AfterEachCallback {
    private ShopService a;
    private ShopService b;

    @Override
    public void beforeEach(ExtensionContext context) throws Exception {
        a = ShopService.versionA();
        b = ShopService.versionB();
    }

    @Override
    public void afterEach(ExtensionContext context) {
        a.close();
        b.close();
    }

    ShopService a() {
        return a;
    }

    ShopService b() {
        return b;
    }
}
