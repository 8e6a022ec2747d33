package io.steward.billing;

import java.time.LocalDate;
import java.util.ArrayList;
import java.util.List;
import java.util.regex.Matcher;
import java.util.regex.Pattern;

/**
 * Document numbers of a numbering series. A format is literal text with placeholders:
 * <ul>
 *   <li>{@code {Y}} four-digit year, {@code {y}} two-digit year, {@code {m}} two-digit month,
 *       {@code {d}} two-digit day (of the issue date);</li>
 *   <li>{@code {n}} the sequence number, {@code {n:5}} the same zero-padded to 5 digits.</li>
 * </ul>
 * The default {@code {Y}/{m}/{n}} gives the references' {@code 2016/12/1}. A series counts
 * {@code never}-ending (1, 2, 3... forever), or restarts at 1 every {@code year} or {@code month};
 * a restarting series needs the period in its format so numbers stay unique.
 */
final class DocumentNumbers {
    private static final Pattern PLACEHOLDER = Pattern.compile("\\{([A-Za-z])(?::([0-9]{1,2}))?}");
    static final List<String> RESETS = List.of("never", "year", "month");

    private DocumentNumbers() {}

    /** A series' counter: the next number and the period it counts in. */
    record Counter(long next, String periodKey) {}

    /** The number given to a document issued on {@code date}, and the counter after it. */
    record Assigned(long sequence, String number, Counter after) {}

    static Assigned assign(String format, String resetEvery, Counter counter, LocalDate date) {
        String key = periodKey(resetEvery, date);
        long n = key.equals(counter.periodKey()) ? counter.next() : 1;
        return new Assigned(n, format(format, date, n), new Counter(n + 1, key));
    }

    static String periodKey(String resetEvery, LocalDate date) {
        return switch (resetEvery) {
            case "year" -> Integer.toString(date.getYear());
            case "month" -> String.format("%04d-%02d", date.getYear(), date.getMonthValue());
            default -> "";
        };
    }

    static String format(String format, LocalDate date, long n) {
        var out = new StringBuilder(format.length() + 8);
        for (Part p : parts(format)) {
            // Padded by hand: String.format showed in the billing run's profile (a number per invoice).
            switch (p.placeholder()) {
                case 0 -> out.append(p.text());
                case 'Y' -> out.append(pad(date.getYear(), 4));
                case 'y' -> out.append(pad(date.getYear() % 100, 2));
                case 'm' -> out.append(pad(date.getMonthValue(), 2));
                case 'd' -> out.append(pad(date.getDayOfMonth(), 2));
                case 'n' -> out.append(p.width() == 0 ? Long.toString(n) : pad(n, p.width()));
                default -> out.append(p.text());
            }
        }
        return out.toString();
    }

    /** A piece of a format: literal text (placeholder 0), or a placeholder with its width (0 for none) and its own text. */
    private record Part(char placeholder, int width, String text) {}

    /** Formats parsed once each: a billing run numbers every invoice with the same few formats. */
    private static final java.util.Map<String, List<Part>> PARSED = new java.util.concurrent.ConcurrentHashMap<>();

    private static List<Part> parts(String format) {
        List<Part> parsed = PARSED.get(format);
        if (parsed != null) return parsed;
        var parts = new ArrayList<Part>();
        Matcher m = PLACEHOLDER.matcher(format);
        int at = 0;
        while (m.find()) {
            if (m.start() > at) parts.add(new Part((char) 0, 0, format.substring(at, m.start())));
            parts.add(new Part(m.group(1).charAt(0), m.group(2) == null ? 0 : Integer.parseInt(m.group(2)), m.group()));
            at = m.end();
        }
        if (at < format.length()) parts.add(new Part((char) 0, 0, format.substring(at)));
        parsed = List.copyOf(parts);
        // Bounded: staff define a handful of series; a cache this size is never reached in practice.
        if (PARSED.size() < 256) PARSED.put(format, parsed);
        return parsed;
    }

    private static String pad(long v, int width) {
        String s = Long.toString(v);
        return s.length() >= width ? s : "0".repeat(width - s.length()) + s;
    }

    /** What is wrong with a format and reset rule, empty when they are usable. */
    static List<String> problems(String format, String resetEvery) {
        var out = new ArrayList<String>();
        if (format == null || format.isBlank()) {
            out.add("Format is required");
            return out;
        }
        if (format.length() > 60) out.add("Format must be at most 60 characters");
        Matcher m = PLACEHOLDER.matcher(format);
        boolean hasN = false, hasYear = false, hasMonth = false;
        while (m.find()) {
            switch (m.group(1)) {
                case "n" -> hasN = true;
                case "Y", "y" -> hasYear = true;
                case "m" -> hasMonth = true;
                case "d" -> { }
                default -> out.add("Unknown placeholder " + m.group());
            }
            if (m.group(2) != null && !m.group(1).equals("n")) out.add("Only {n} takes a width: " + m.group());
        }
        if (!hasN) out.add("Format must contain the sequence number {n}");
        if (!RESETS.contains(resetEvery)) out.add("Reset must be one of never, year, month");
        else if (resetEvery.equals("year") && !hasYear) out.add("A series restarting every year needs {Y} or {y} in its format");
        else if (resetEvery.equals("month") && !(hasYear && hasMonth)) out.add("A series restarting every month needs the year and {m} in its format");
        return out;
    }
}
