package io.steward.webui;

import static org.assertj.core.api.Assertions.assertThat;

import java.io.IOException;
import java.io.InputStream;
import java.io.InputStreamReader;
import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.Locale;
import java.util.Properties;
import java.util.TreeSet;
import java.util.regex.Pattern;
import java.util.stream.Stream;
import org.junit.jupiter.api.Test;

/** The message bundles: English has every key the templates use; German has every client-area key. */
class WebMessagesTest {
    /** The staff console's texts are English only; everything else is the client area's. */
    private static final String STAFF_PREFIX = "admin.";

    private static Properties load(String name) throws IOException {
        try (InputStream in = WebMessagesTest.class.getClassLoader().getResourceAsStream(name)) {
            assertThat(in).as(name).isNotNull();
            var p = new Properties();
            p.load(new InputStreamReader(in, StandardCharsets.UTF_8));
            return p;
        }
    }

    @Test
    void german_has_every_client_area_key_of_english_and_nothing_english_lacks() throws IOException {
        var en = load("web/messages.properties");
        var de = load("web/messages_de.properties");
        var missing = new TreeSet<String>();
        for (String key : en.stringPropertyNames()) if (!key.startsWith(STAFF_PREFIX) && !de.containsKey(key)) missing.add(key);
        assertThat(missing).as("client-area keys without German text").isEmpty();
        var extra = new TreeSet<>(de.stringPropertyNames());
        extra.removeAll(en.stringPropertyNames());
        assertThat(extra).as("German keys English lacks").isEmpty();
        assertThat(en.getProperty("nav.invoices")).isEqualTo("Invoices");
        assertThat(de.getProperty("nav.invoices")).isEqualTo("Rechnungen");
    }

    @Test
    void every_literal_key_a_template_uses_has_an_english_text() throws IOException {
        var en = load("web/messages.properties");
        var key = Pattern.compile("\\.t\\(\"([a-z0-9_.]+)\"");
        var missing = new TreeSet<String>();
        int seen = 0;
        try (Stream<Path> files = Files.walk(Path.of("src/main/jte"))) {
            for (Path f : files.filter(p -> p.toString().endsWith(".jte")).toList()) {
                var m = key.matcher(Files.readString(f));
                while (m.find()) {
                    seen++;
                    String k = m.group(1);
                    // "status." + value: a family of keys; at least one of it must exist.
                    boolean ok = k.endsWith(".") ? en.stringPropertyNames().stream().anyMatch(n -> n.startsWith(k)) : en.containsKey(k);
                    if (!ok) missing.add(f.getFileName() + ": " + k);
                }
            }
        }
        assertThat(seen).as("keys found in templates").isGreaterThan(20);
        assertThat(missing).isEmpty();
    }

    @Test
    void the_language_follows_the_choice_then_accept_language_then_english() {
        assertThat(Messages.choose("de", "en-US")).isEqualTo(Locale.GERMAN);
        assertThat(Messages.choose(null, "fr-FR,de;q=0.8,en;q=0.5")).isEqualTo(Locale.GERMAN);
        assertThat(Messages.choose("xx", "fr-FR")).isEqualTo(Locale.ENGLISH);
        assertThat(Messages.choose(null, ";;;garbage")).isEqualTo(Locale.ENGLISH);
        assertThat(Messages.of(Locale.GERMAN).get("invoice.title", "2026/1")).isEqualTo("Rechnung 2026/1");
        assertThat(Messages.of(Locale.ENGLISH).get("no.such.key")).isEqualTo("??no.such.key??");
    }
}
