package io.steward.billing.document;

import java.io.IOException;
import java.io.InputStream;
import java.io.InputStreamReader;
import java.io.UncheckedIOException;
import java.nio.charset.StandardCharsets;
import java.text.MessageFormat;
import java.util.List;
import java.util.Locale;
import java.util.Map;
import java.util.Properties;
import java.util.function.Function;
import java.util.stream.Collectors;

/**
 * The words of invoices and credit notes in one language, from {@code labels_<language>.properties}
 * next to this class (UTF-8). A key missing in a translation reads as the English one, so a
 * label can be added one language at a time.
 */
public final class Labels {
    /** The languages with a translation, English (the fallback) first. */
    public static final List<String> LANGUAGES = List.of("en", "de", "nl", "fr");
    private static final Map<String, Properties> BUNDLES = LANGUAGES.stream()
            .collect(Collectors.toUnmodifiableMap(Function.identity(), Labels::load));

    private final String language;
    private final Properties words;
    private final Properties fallback;

    private Labels(String language) {
        this.language = language;
        this.words = BUNDLES.get(language);
        this.fallback = BUNDLES.get("en");
    }

    /** The labels of {@code language}; an unknown or missing language gives English. */
    public static Labels of(String language) {
        return new Labels(language != null && BUNDLES.containsKey(language) ? language : "en");
    }

    public String language() { return language; }

    public Locale locale() { return Locale.forLanguageTag(language); }

    /** The label of {@code key}; an unknown key is a bug, not a blank on an invoice. */
    public String get(String key) {
        String s = words.getProperty(key, fallback.getProperty(key));
        if (s == null) throw new IllegalArgumentException("no label " + key);
        return s;
    }

    /** The label of {@code key} with {@code {0}}, {@code {1}}… replaced by {@code args}. */
    public String format(String key, Object... args) {
        return new MessageFormat(get(key), locale()).format(args);
    }

    private static Properties load(String language) {
        var p = new Properties();
        try (InputStream in = Labels.class.getResourceAsStream("labels_" + language + ".properties")) {
            if (in == null) throw new IllegalStateException("labels_" + language + ".properties is missing");
            p.load(new InputStreamReader(in, StandardCharsets.UTF_8));
        } catch (IOException e) {
            throw new UncheckedIOException(e);
        }
        return p;
    }
}
