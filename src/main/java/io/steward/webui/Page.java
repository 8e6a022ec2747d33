package io.steward.webui;

import java.math.BigDecimal;
import java.util.Locale;

/**
 * What every template gets besides its own data: texts in the visitor's language, the CSRF token
 * for its forms, who is signed in (a display name, or null) and the path being shown (for the
 * navigation and the language switch).
 */
public record Page(Messages messages, String csrfToken, String userName, String path, String title) {
    public String t(String key, Object... args) { return messages.get(key, args); }

    public String lang() { return messages.locale().getLanguage(); }

    public boolean signedIn() { return userName != null; }

    /** The same page with its title (a message key's text). */
    public Page titled(String key, Object... args) {
        return new Page(messages, csrfToken, userName, path, messages.get(key, args));
    }

    /** An amount as the reader's locale writes it, with its currency code: "1,234.50 USD" / "1.234,50 USD". */
    public String money(BigDecimal amount, String currency) {
        if (amount == null) return "";
        var format = java.text.NumberFormat.getNumberInstance(messages.locale());
        format.setMinimumFractionDigits(2);
        format.setMaximumFractionDigits(Math.max(2, amount.scale()));
        return format.format(amount) + (currency == null ? "" : " " + currency);
    }

    /** True when {@code section} is the part of the site being shown (for aria-current in the menu). */
    public boolean in(String section) {
        return path.equals(section) || path.startsWith(section + "/");
    }

    public Locale locale() { return messages.locale(); }
}
