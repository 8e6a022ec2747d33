package io.steward.mail;

import java.io.IOException;
import java.io.InputStream;
import java.io.UncheckedIOException;
import java.nio.charset.StandardCharsets;
import java.util.Map;
import java.util.concurrent.ConcurrentHashMap;
import java.util.regex.Matcher;
import java.util.regex.Pattern;

/**
 * Mail templates kept as resources: {@code mail/<language>/<name>.txt} (first line
 * {@code Subject: ...}, a blank line, the plain-text body) and {@code mail/<language>/<name>.html}
 * (the HTML body, placed into {@code mail/<language>/_layout.html}). A language without a template
 * falls back to the default language, so a translation can be added one file at a time.
 *
 * <p>Variables are written {@code {{name}}}. In the HTML body values are HTML-escaped; the subject
 * and plain text take them as they are (line breaks removed from the subject, so a value cannot add
 * a header). An unknown variable renders as nothing rather than failing: templates are rendered
 * inside business transactions, and a missing value must not undo a payment.
 */
public final class Templates {
    /** A rendered mail: what the outbox stores and the sender sends. */
    public record Rendered(String language, String subject, String text, String html) {}

    private static final Pattern VAR = Pattern.compile("\\{\\{\\s*([a-zA-Z0-9_.]+)\\s*}}");

    private final String root;
    private final String defaultLanguage;
    private final Map<String, String> cache = new ConcurrentHashMap<>();

    public Templates(String root, String defaultLanguage) {
        this.root = root;
        this.defaultLanguage = defaultLanguage;
    }

    public String defaultLanguage() { return defaultLanguage; }

    /** True if the template exists in the default language (every template must). */
    public boolean exists(String name) {
        return resource(defaultLanguage + "/" + name + ".txt") != null;
    }

    public Rendered render(String name, String language, Map<String, ?> vars) {
        if (!name.matches("[a-z0-9.-]+")) throw new IllegalArgumentException("bad template name " + name);
        String lang = language != null && resource(language + "/" + name + ".txt") != null ? language : defaultLanguage;
        String txt = resource(lang + "/" + name + ".txt");
        if (txt == null) throw new IllegalArgumentException("no mail template " + name);
        String subjectLine = txt.lines().findFirst().orElse("");
        if (!subjectLine.startsWith("Subject:")) throw new IllegalStateException("template " + name + " lacks its Subject line");
        String body = txt.substring(Math.min(txt.length(), subjectLine.length() + 1)).stripLeading();
        String subject = fill(subjectLine.substring("Subject:".length()).trim(), vars, false).replaceAll("[\\r\\n]+", " ");
        String html = resource(lang + "/" + name + ".html");
        String htmlBody = html == null ? "<pre>" + escape(fill(body, vars, false)) + "</pre>" : fill(html, vars, true);
        String layout = resource(lang + "/_layout.html");
        String fullHtml = layout == null ? htmlBody
                : fill(layout, vars, true).replace("<!--content-->", htmlBody).replace("<!--subject-->", escape(subject));
        return new Rendered(lang, subject, fill(body, vars, false), fullHtml);
    }

    static String fill(String template, Map<String, ?> vars, boolean html) {
        Matcher m = VAR.matcher(template);
        var out = new StringBuilder();
        while (m.find()) {
            Object v = vars.get(m.group(1));
            String s = v == null ? "" : v.toString();
            m.appendReplacement(out, Matcher.quoteReplacement(html ? escape(s) : s));
        }
        m.appendTail(out);
        return out.toString();
    }

    static String escape(String s) {
        var b = new StringBuilder(s.length() + 16);
        for (char c : s.toCharArray()) {
            switch (c) {
                case '<' -> b.append("&lt;");
                case '>' -> b.append("&gt;");
                case '&' -> b.append("&amp;");
                case '"' -> b.append("&quot;");
                case '\'' -> b.append("&#39;");
                case '\n' -> b.append("<br>\n");
                default -> b.append(c);
            }
        }
        return b.toString();
    }

    private String resource(String path) {
        String cached = cache.get(path);
        if (cached != null) return cached.isEmpty() ? null : cached;
        try (InputStream in = Templates.class.getClassLoader().getResourceAsStream(root + "/" + path)) {
            String text = in == null ? "" : new String(in.readAllBytes(), StandardCharsets.UTF_8);
            cache.put(path, text);
            return text.isEmpty() ? null : text;
        } catch (IOException e) {
            throw new UncheckedIOException(e);
        }
    }
}
