package dev.shadowtap.demo;

/** The two releases of the demo shop: v2 has one deliberate regression (see {@link ShopData#detailPrice}). */
public enum ServiceVersion {
    V1, V2
}
