package io.steward.names;

import java.io.IOException;
import java.io.InputStream;
import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.HashSet;
import java.util.Locale;
import java.util.Set;
import java.util.zip.ZipEntry;
import java.util.zip.ZipFile;

/**
 * Names under which the public registers names (<a href="https://publicsuffix.org/list/">Public
 * Suffix List</a> rules: {@code co.uk}, wildcards {@code *.ck}, exceptions {@code !www.ck}). No
 * client can hold such a name, because holding it would answer for everyone's names below it.
 *
 * <p>The list is the one every JDK ships for its cookie rules ({@code lib/security/public_suffix_list.dat}:
 * a zip with one entry per TLD listing that TLD's rules, one a line), read
 * lazily per TLD and kept. Where the file is missing, single labels (TLDs) and the configured
 * extra suffixes still count.
 */
final class PublicSuffixes {
    private final Path file;
    private final Set<String> extra;
    private final java.util.concurrent.ConcurrentHashMap<String, Set<String>> rulesByTld = new java.util.concurrent.ConcurrentHashMap<>();

    PublicSuffixes(Path file, Set<String> extra) {
        this.file = file;
        this.extra = Set.copyOf(extra);
    }

    /** The list shipped with the running JDK, plus {@code extra} (lower case, no dots at the ends). */
    static PublicSuffixes ofJdk(Set<String> extra) {
        return new PublicSuffixes(Path.of(System.getProperty("java.home"), "lib", "security", "public_suffix_list.dat"), extra);
    }

    /** Whether {@code name} (lower case, ASCII, no final dot) is itself a public suffix. */
    boolean isSuffix(String name) {
        if (!name.contains(".") || extra.contains(name)) return true;
        Set<String> rules = rulesByTld.computeIfAbsent(name.substring(name.lastIndexOf('.') + 1), this::load);
        if (rules.contains("!" + name)) return false;
        if (rules.contains(name)) return true;
        return rules.contains("*." + name.substring(name.indexOf('.') + 1));
    }

    private Set<String> load(String tld) {
        var out = new HashSet<String>();
        if (!Files.isRegularFile(file)) return out;
        try (var zip = new ZipFile(file.toFile())) {
            ZipEntry e = zip.getEntry(tld);
            if (e == null) e = zip.getEntry(java.net.IDN.toUnicode(tld));
            if (e == null) return out;
            try (InputStream in = zip.getInputStream(e)) {
                for (String line : new String(in.readAllBytes(), StandardCharsets.UTF_8).split("\n")) {
                    // A leading control byte marks the section (0 ICANN, 1 private rules such as github.io): both count.
                    String rule = line.replaceFirst("^[\\x00-\\x1f]", "").strip().toLowerCase(Locale.ROOT);
                    if (rule.isEmpty() || rule.startsWith("//")) continue;
                    // Rules may be written in Unicode; names are compared in their ASCII form.
                    String prefix = rule.startsWith("!") ? "!" : rule.startsWith("*.") ? "*." : "";
                    out.add(prefix + java.net.IDN.toASCII(rule.substring(prefix.length())));
                }
            }
        } catch (IOException | IllegalArgumentException e) {
            // An unreadable list leaves single labels and the configured suffixes.
        }
        return out;
    }
}
