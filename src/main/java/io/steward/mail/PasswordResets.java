package io.steward.mail;

import static org.jooq.impl.DSL.field;
import static org.jooq.impl.DSL.name;
import static org.jooq.impl.DSL.table;

import io.steward.activity.ActivityLog;
import io.steward.auth.Credentials;
import io.steward.auth.LoginHooks;
import io.steward.auth.Passwords;
import io.steward.config.Config;
import io.steward.core.Secrets;
import io.steward.core.StewardException;
import io.steward.core.Times;
import io.steward.core.Validation;
import io.steward.db.Db;
import java.time.Clock;
import java.time.Duration;
import java.time.LocalDateTime;
import java.util.List;
import java.util.Locale;
import java.util.Map;
import org.jooq.Field;
import org.jooq.Record;
import org.jooq.Table;

/**
 * Password reset for clients and contacts. A request names an email address and always gets the
 * same answer, so it tells nobody which addresses have a login; when the address is a login of an
 * open account, a token is mailed ({@code password.reset}) to that address. The token (256 random
 * bits) is kept only as its SHA-256 (the mail carries it as an {@link Outbox.Secret}: the outbox
 * holds it sealed until delivery, then shows {@code [sealed]}), works once, expires after
 * {@code password-reset.ttl}, and a newer request replaces it. Setting the new password ends every
 * session of that login and drops its cached Basic credentials (auth's
 * {@link Credentials#setPassword}).
 *
 * <p>Rate limits, per {@code password-reset.window}: at most {@code max-per-address} mails per
 * address (further requests are answered the same and send nothing, so the limit leaks nothing
 * either) and {@code max-per-ip} requests per requesting IP (429 beyond it, whatever the address).
 */
public final class PasswordResets {
    static final Table<Record> T = table(name("password_reset"));
    static final Field<Long> ID = field(name("id"), Long.class);
    static final Field<String> EMAIL = field(name("email"), String.class);
    static final Field<String> TOKEN_HASH = field(name("token_hash"), String.class);
    static final Field<Long> CLIENT_ID = field(name("client_id"), Long.class);
    static final Field<Long> CONTACT_ID = field(name("contact_id"), Long.class);
    static final Field<String> IP = field(name("ip"), String.class);
    static final Field<LocalDateTime> CREATED_AT = field(name("created_at"), LocalDateTime.class);
    static final Field<LocalDateTime> EXPIRES_AT = field(name("expires_at"), LocalDateTime.class);
    static final Field<LocalDateTime> USED_AT = field(name("used_at"), LocalDateTime.class);

    public record Settings(Duration ttl, Duration window, int maxPerAddress, int maxPerIp) {
        public static Settings from(Config c) {
            return new Settings(c.getDuration("password-reset.ttl", Duration.ofHours(1)),
                    c.getDuration("password-reset.window", Duration.ofHours(1)),
                    c.getInt("password-reset.max-per-address", 3), c.getInt("password-reset.max-per-ip", 20));
        }
    }

    private final Db db;
    private final Clock clock;
    private final Credentials credentials;
    private final LoginHooks accounts;
    private final MailService mail;
    private final ActivityLog activity;
    private final Settings settings;

    public PasswordResets(Db db, Clock clock, Credentials credentials, LoginHooks accounts, MailService mail, ActivityLog activity,
                          Settings settings) {
        this.db = db;
        this.clock = clock;
        this.credentials = credentials;
        this.accounts = accounts;
        this.mail = mail;
        this.activity = activity;
        this.settings = settings;
    }

    /** Handles a reset request for {@code email} from {@code ip}; answers nothing about the address. */
    public void request(String email, String ip) {
        String address = email == null ? "" : email.trim().toLowerCase(Locale.ROOT);
        if (address.isEmpty() || address.length() > 254 || !address.contains("@")) {
            throw StewardException.invalid(Map.of("email", List.of("must be an email address")));
        }
        String from = ip == null ? "" : (ip.length() > 64 ? ip.substring(0, 64) : ip);
        db.txRun(() -> {
            LocalDateTime now = Times.now(clock);
            LocalDateTime since = now.minus(settings.window());
            if (db.dsl().fetchCount(T, IP.eq(from).and(CREATED_AT.gt(since))) >= settings.maxPerIp()) {
                // The address may ask again once its oldest request in the window has left it.
                LocalDateTime oldest = db.dsl().select(org.jooq.impl.DSL.min(CREATED_AT)).from(T).where(IP.eq(from)).and(CREATED_AT.gt(since))
                        .fetchOne(0, LocalDateTime.class);
                long seconds = oldest == null ? 1 : (java.time.Duration.between(now, oldest.plus(settings.window())).toMillis() + 999) / 1000;
                throw StewardException.tooManyRequests("Too many password reset requests from this address; try again later", seconds);
            }
            int recent = db.dsl().fetchCount(T, EMAIL.eq(address).and(CREATED_AT.gt(since)).and(TOKEN_HASH.isNotNull()));
            var owner = credentials.ownerOf(address).filter(o -> accounts.mayLogIn(o.clientId(), o.contactId()));
            if (owner.isEmpty() || recent >= settings.maxPerAddress()) {
                // Counted for the IP limit; no token, no mail.
                db.dsl().insertInto(T).set(EMAIL, address).set(IP, from).set(CREATED_AT, now).set(EXPIRES_AT, now).execute();
                return;
            }
            var o = owner.get();
            // A newer token replaces the older ones of this login.
            db.dsl().update(T).set(USED_AT, now).where(ownerIs(o.clientId(), o.contactId())).and(USED_AT.isNull())
                    .and(TOKEN_HASH.isNotNull()).execute();
            String token = Secrets.randomToken(32);
            db.dsl().insertInto(T).set(EMAIL, address).set(TOKEN_HASH, Secrets.sha256Hex(token)).set(CLIENT_ID, o.clientId())
                    .set(CONTACT_ID, o.contactId()).set(IP, from).set(CREATED_AT, now).set(EXPIRES_AT, now.plus(settings.ttl()))
                    .execute();
            mail.toLogin(o.clientId(), o.contactId(), "password.reset",
                    Map.of("token", Outbox.secret(token), "expires_minutes", settings.ttl().toMinutes(), "ip", from));
            activity.record(o.clientId(), o.contactId(), from, "password_reset_requested", "Password reset requested from " + from);
        });
    }

    /** Sets a new password with a token from the mail; the token is used up and every session of the login ends. */
    public void confirm(String token, String password, String ip) {
        var v = new Validation();
        if (token == null || token.isBlank()) v.add("token", "Token is required");
        if (password == null || password.isEmpty()) v.add("password", "Password is required");
        else Passwords.check(password, "password", v);
        v.throwIfAny();
        db.txRun(() -> {
            LocalDateTime now = Times.now(clock);
            // Locked: two confirmations with one token cannot both succeed.
            var row = db.dsl().select(ID, CLIENT_ID, CONTACT_ID, EMAIL, EXPIRES_AT, USED_AT).from(T)
                    .where(TOKEN_HASH.eq(Secrets.sha256Hex(token.trim()))).forUpdate().fetchOptional().orElse(null);
            if (row == null || row.get(USED_AT) != null || !row.get(EXPIRES_AT).isAfter(now)
                    || !accounts.mayLogIn(row.get(CLIENT_ID), row.get(CONTACT_ID))) {
                throw StewardException.invalid(Map.of("token", List.of("The reset token is invalid, used or expired")));
            }
            long clientId = row.get(CLIENT_ID);
            Long contactId = row.get(CONTACT_ID);
            db.dsl().update(T).set(USED_AT, now).where(ownerIs(clientId, contactId)).and(USED_AT.isNull()).execute();
            // A login removed since the request (a contact's access withdrawn) is not given back by a reset.
            if (!credentials.hasLogin(clientId, contactId)) {
                throw StewardException.invalid(Map.of("token", List.of("The reset token is invalid, used or expired")));
            }
            credentials.setPassword(clientId, contactId, row.get(EMAIL), password);
            activity.record(clientId, contactId, ip == null ? "" : ip, "password_reset", "Password reset with a mailed token; all sessions ended");
        });
    }

    private static org.jooq.Condition ownerIs(long clientId, Long contactId) {
        return CLIENT_ID.eq(clientId).and(contactId == null ? CONTACT_ID.isNull() : CONTACT_ID.eq(contactId));
    }
}
