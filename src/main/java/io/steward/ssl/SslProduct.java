package io.steward.ssl;

import java.util.List;

/**
 * The certificate side of a catalog product: validation level (DV, OV, EV), coverage (single,
 * wildcard, multi), SANs included in the price and the most allowed, the catalog quantity option
 * that prices each further SAN, the CA module (and instance, null for its default), the smallest
 * RSA key accepted and the validation methods offered (dns, http, email).
 */
public record SslProduct(long productId, String validation, String coverage, int includedSans, int maxSans, Long sanFormId,
                         String caModule, Long caInstanceId, int minRsaBits, List<String> methods) {
    public static final List<String> VALIDATIONS = List.of("DV", "OV", "EV");
    public static final List<String> COVERAGES = List.of("single", "wildcard", "multi");
    public static final List<String> METHODS = List.of("dns", "http", "email");

    /** Whether the organisation details are required (OV and EV). */
    public boolean needsOrganization() {
        return !validation.equals("DV");
    }
}
