package io.steward.core;

import java.time.Clock;
import java.time.LocalDate;
import java.time.LocalDateTime;
import java.time.ZoneOffset;
import java.time.format.DateTimeFormatter;

/** Time in the references' formats. Steward stores and speaks UTC. */
public final class Times {
    private static final DateTimeFormatter STAMP = DateTimeFormatter.ofPattern("yyyy-MM-dd HH:mm:ss");
    /** What the references print for "never" (e.g. a contact's lastlogin). */
    public static final String NEVER = "0000-00-00 00:00:00";

    private Times() {}

    public static LocalDateTime now(Clock clock) {
        return LocalDateTime.ofInstant(clock.instant(), ZoneOffset.UTC).withNano(0);
    }

    public static String stamp(LocalDateTime t) {
        return t == null ? NEVER : t.format(STAMP);
    }

    public static String date(LocalDate d) {
        return d == null ? "0000-00-00" : d.toString();
    }
}
