package io.steward.webui;

import java.text.MessageFormat;
import java.util.List;
import java.util.Locale;
import java.util.MissingResourceException;
import java.util.Optional;
import java.util.ResourceBundle;

/**
 * The web layer's texts, from the {@code web/messages} bundles (UTF-8 properties). English is the
 * base bundle and complete; German covers the client area. The locale is the visitor's choice
 * (a cookie set by the language switch), else the best of Accept-Language, else English.
 */
public final class Messages {
    public static final List<Locale> SUPPORTED = List.of(Locale.ENGLISH, Locale.GERMAN);
    private static final String BUNDLE = "web.messages";
    /** No fallback to the JVM's default locale: a missing German text shows the English one. */
    private static final ResourceBundle.Control CONTROL = ResourceBundle.Control.getNoFallbackControl(ResourceBundle.Control.FORMAT_PROPERTIES);

    private final Locale locale;
    private final ResourceBundle bundle;

    private Messages(Locale locale) {
        this.locale = locale;
        this.bundle = ResourceBundle.getBundle(BUNDLE, locale, Messages.class.getClassLoader(), CONTROL);
    }

    public static Messages of(Locale locale) {
        return new Messages(supported(locale.getLanguage()).orElse(Locale.ENGLISH));
    }

    public Locale locale() { return locale; }

    /** The text for {@code key}, with {@code {0}}-style arguments filled in when given. */
    public String get(String key, Object... args) {
        String text;
        try {
            text = bundle.getString(key);
        } catch (MissingResourceException e) {
            // Visible in the page and caught by the bundle test; never a 500 for a missing text.
            return "??" + key + "??";
        }
        return args.length == 0 ? text : new MessageFormat(text, locale).format(args);
    }

    /** A language code Steward has texts for. */
    public static Optional<Locale> supported(String language) {
        if (language == null) return Optional.empty();
        return SUPPORTED.stream().filter(l -> l.getLanguage().equalsIgnoreCase(language.trim())).findFirst();
    }

    /** The locale for a request: the chosen language, else Accept-Language's best supported one, else English. */
    public static Locale choose(String chosen, String acceptLanguage) {
        var picked = supported(chosen);
        if (picked.isPresent()) return picked.get();
        if (acceptLanguage != null && !acceptLanguage.isBlank()) {
            try {
                var match = Locale.lookup(Locale.LanguageRange.parse(acceptLanguage), SUPPORTED);
                if (match != null) return match;
            } catch (IllegalArgumentException malformed) {
                // A malformed header is the browser's problem; English it is.
            }
        }
        return Locale.ENGLISH;
    }
}
