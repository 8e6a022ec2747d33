package io.steward.promo;

/** Why a promo code does not apply: a message key (for API errors) and a sentence. */
public enum PromoRejection {
    NOT_FOUND("promo_not_found", "No such promo code"),
    DISABLED("promo_disabled", "This promo code is not active"),
    NOT_STARTED("promo_not_started", "This promo code is not valid yet"),
    EXPIRED("promo_expired", "This promo code has expired"),
    EXHAUSTED("promo_exhausted", "This promo code has been used the maximum number of times"),
    WRONG_CURRENCY("promo_wrong_currency", "This promo code is for orders in another currency"),
    WRONG_PRODUCT("promo_wrong_product", "This promo code does not apply to this product"),
    WRONG_CYCLE("promo_wrong_cycle", "This promo code does not apply to this billing cycle"),
    NEW_CLIENTS_ONLY("promo_new_clients_only", "This promo code is for new clients only; existing clients are not eligible"),
    FIRST_INVOICE_ONLY("promo_first_invoice_only", "This promo code applies to the first invoice only");

    private final String key;
    private final String message;

    PromoRejection(String key, String message) {
        this.key = key;
        this.message = message;
    }

    public String key() { return key; }

    public String message() { return message; }
}
