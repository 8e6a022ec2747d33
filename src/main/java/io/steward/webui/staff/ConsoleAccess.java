package io.steward.webui.staff;

import io.steward.auth.StaffArea;

/**
 * Who may see a console page: anyone ({@link #PUBLIC}: sign-in), any signed-in staff member
 * ({@link #SIGNED_IN}), or staff whose role grants the page's area — reading for {@code GET}, the
 * area itself for a change — exactly as the admin API route doing the same thing requires.
 */
public record ConsoleAccess(boolean signIn, StaffArea area) {
    public static final ConsoleAccess PUBLIC = new ConsoleAccess(false, null);
    public static final ConsoleAccess SIGNED_IN = new ConsoleAccess(true, null);

    public static ConsoleAccess area(StaffArea area) {
        return new ConsoleAccess(true, area);
    }
}
