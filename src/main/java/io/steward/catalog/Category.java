package io.steward.catalog;

import java.time.LocalDateTime;

/** A product category ("Hosting", "VPS"...). Hidden categories and their products are not offered to clients. */
public record Category(long id, Spec spec, LocalDateTime createdAt, LocalDateTime updatedAt) {
    /** What staff set; {@code slug} is unique. */
    public record Spec(String name, String description, String slug, int sortOrder, boolean visible) {}

    public String name() { return spec.name(); }

    public boolean visible() { return spec.visible(); }
}
