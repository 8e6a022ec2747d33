package io.steward.catalog;

import java.util.List;
import java.util.Locale;
import java.util.Optional;

/**
 * A configurable option of a product (the references' "forms"). Select and radio forms offer a
 * choice of items; checkbox, input, quantity and slider forms have exactly one item that carries
 * the price (per unit for quantity and slider, whose value lies in {@code min..max} by {@code step}).
 * {@code id}s are null only in a spec for forms and items not created yet.
 */
public record Form(Long id, Type type, String name, String description, boolean required,
                   Integer min, Integer max, Integer step, List<Item> items) {

    public enum Type {
        SELECT, RADIO, CHECKBOX, INPUT, QUANTITY, SLIDER;

        public String code() { return name().toLowerCase(Locale.ROOT); }

        /** One item carrying the price, rather than a choice of items. */
        public boolean singleItem() { return this != SELECT && this != RADIO; }

        /** The value is a whole number of units. */
        public boolean numeric() { return this == QUANTITY || this == SLIDER; }

        public static Optional<Type> parse(String code) {
            for (Type t : values()) if (t.code().equalsIgnoreCase(code == null ? "" : code.trim())) return Optional.of(t);
            return Optional.empty();
        }

        public static String codes() { return "select, radio, checkbox, input, quantity, slider"; }
    }

    /** A choice of a select or radio form, or the priced item of a single-item form. */
    public record Item(Long id, String name, String moduleValue, PriceTable prices) {}

    public Optional<Item> item(long itemId) {
        return items.stream().filter(i -> i.id() != null && i.id() == itemId).findFirst();
    }
}
