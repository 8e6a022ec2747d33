package io.steward.auth;

import com.password4j.Argon2Function;
import com.password4j.Password;
import com.password4j.types.Argon2;
import io.steward.core.Validation;

/**
 * Password hashing with argon2id (PHC string format, parameters stored with each hash so they
 * can be raised later without invalidating old hashes) and the password policy.
 */
public final class Passwords {
    public static final int MIN_LENGTH = 8;
    public static final int MAX_LENGTH = 200;

    private final Argon2Function function;
    /** A hash of nothing in particular, verified against when the login name is unknown so a miss costs what a hit costs. */
    private final String decoy;

    public Passwords(int memoryKiB, int iterations, int parallelism) {
        this.function = Argon2Function.getInstance(memoryKiB, iterations, parallelism, 32, Argon2.ID, 19);
        this.decoy = hash("decoy-password-for-timing");
    }

    public String hash(String password) {
        return Password.hash(password).addRandomSalt(16).with(function).getResult();
    }

    public boolean verify(String password, String stored) {
        if (stored == null || !stored.startsWith("$argon2")) return false;
        return Password.check(password, stored).with(Argon2Function.getInstanceFromHash(stored));
    }

    /** Spends the time of a verification without a stored hash to compare against. */
    public void burn(String password) {
        verify(password, decoy);
    }

    /** Length and variety rules; reports into {@code v} under {@code field}. */
    public static void check(String password, String field, Validation v) {
        if (password.length() < MIN_LENGTH) {
            v.add(field, "Password must be at least " + MIN_LENGTH + " characters long");
        } else if (password.length() > MAX_LENGTH) {
            v.add(field, "Password must be at most " + MAX_LENGTH + " characters long");
        } else {
            boolean letter = password.chars().anyMatch(Character::isLetter);
            boolean other = password.chars().anyMatch(c -> !Character.isLetter(c));
            if (!letter || !other) v.add(field, "Password must contain letters and at least one digit or symbol");
        }
    }
}
