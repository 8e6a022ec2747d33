package io.steward.affiliate;

import java.time.LocalDateTime;

/** A campaign staff run: a landing page affiliates send visitors to with their {@code aff_id}. */
public record Campaign(long id, String name, String url, String description, boolean enabled, LocalDateTime createdAt,
                       LocalDateTime updatedAt) {
    /** The campaign's link for one affiliate: the landing page with {@code aff=<id>} added. */
    public String linkFor(long affiliateId) {
        return url + (url.contains("?") ? "&" : "?") + "aff=" + affiliateId;
    }
}
