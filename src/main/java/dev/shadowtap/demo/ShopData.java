package dev.shadowtap.demo;

import java.math.BigDecimal;
import java.math.RoundingMode;
import java.time.LocalDate;
import java.util.List;
import java.util.Optional;
import java.util.stream.IntStream;

/**
 * The demo shop's catalogue and customers, derived from their ids (no storage, no randomness), so
 * that both versions of the service, and every run, give the same answers.
 */
public final class ShopData {
    public static final int PRODUCTS = 120;
    public static final int USERS = 80;
    public static final List<String> CATEGORIES = List.of("books", "electronics", "garden", "kitchen", "toys");
    /** The category whose detail price v2 gets wrong. */
    public static final String REGRESSED_CATEGORY = "electronics";

    private static final BigDecimal TAX = new BigDecimal("1.20");
    private static final List<String> ADJECTIVES = List.of("Classic", "Compact", "Deluxe", "Eco", "Smart", "Rustic",
            "Travel", "Pro");
    private static final List<String> BOOKS = List.of("Cookbook", "Novel", "Atlas", "Field Guide");
    private static final List<String> ELECTRONICS = List.of("Headphones", "Charger", "Speaker", "Camera");
    private static final List<String> GARDEN = List.of("Trowel", "Planter", "Hose", "Bird Feeder");
    private static final List<String> KITCHEN = List.of("Kettle", "Knife Set", "Teapot", "Grinder");
    private static final List<String> TOYS = List.of("Puzzle", "Kite", "Robot", "Train Set");
    private static final List<String> FIRST = List.of("Ada", "Brian", "Chen", "Dana", "Emil", "Farah", "Grace",
            "Hugo", "Ines", "Jonas");
    private static final List<String> LAST = List.of("Lovelace", "Kernighan", "Wei", "Scully", "Berg", "Haddad",
            "Hopper", "Moreau");
    private static final List<String> TIERS = List.of("basic", "silver", "gold");

    private ShopData() {
    }

    /** One product; {@code netCents} is the price before tax. */
    public record Product(int id, String name, String category, long netCents, int stock) {
        /** The price with tax, rounded to cents: what v1 shows everywhere. */
        public BigDecimal grossPrice() {
            return BigDecimal.valueOf(netCents, 2).multiply(TAX).setScale(2, RoundingMode.HALF_UP);
        }
    }

    /** One customer. */
    public record User(int id, String name, String email, LocalDate memberSince, String tier) {
    }

    public static Optional<Product> product(int id) {
        if (id < 1 || id > PRODUCTS) {
            return Optional.empty();
        }
        String category = CATEGORIES.get(id % CATEGORIES.size());
        List<String> nouns = switch (category) {
            case "books" -> BOOKS;
            case "electronics" -> ELECTRONICS;
            case "garden" -> GARDEN;
            case "kitchen" -> KITCHEN;
            default -> TOYS;
        };
        String name = ADJECTIVES.get((id * 7) % ADJECTIVES.size()) + " " + nouns.get((id / 5) % nouns.size());
        long net = 499 + (id * 7919L) % 20_000;
        return Optional.of(new Product(id, name, category, net, (id * 13) % 40));
    }

    /** Products of a category (every product when null), in id order. */
    public static List<Product> products(String category) {
        return IntStream.rangeClosed(1, PRODUCTS).mapToObj(i -> product(i).orElseThrow())
                .filter(p -> category == null || p.category().equals(category)).toList();
    }

    public static Optional<User> user(int id) {
        if (id < 1 || id > USERS) {
            return Optional.empty();
        }
        String first = FIRST.get(id % FIRST.size());
        String last = LAST.get((id / FIRST.size()) % LAST.size());
        return Optional.of(new User(id, first + " " + last,
                (first + "." + last).toLowerCase(java.util.Locale.ROOT) + id + "@example.com",
                LocalDate.of(2015, 1, 1).plusDays(id * 37L), TIERS.get(id % TIERS.size())));
    }

    /**
     * The price the product page shows. v1: the gross price. v2 carries the demo's one regression:
     * a refactoring applied the tax a second time to electronics.
     */
    public static BigDecimal detailPrice(Product product, ServiceVersion version) {
        BigDecimal gross = product.grossPrice();
        if (version == ServiceVersion.V2 && product.category().equals(REGRESSED_CATEGORY)) {
            return gross.multiply(TAX).setScale(2, RoundingMode.HALF_UP);
        }
        return gross;
    }
}
