package io.steward.mail;

import static org.jooq.impl.DSL.field;
import static org.jooq.impl.DSL.name;
import static org.jooq.impl.DSL.table;

import io.steward.auth.LoginHooks;
import io.steward.core.Times;
import io.steward.db.Db;
import java.time.Clock;
import java.time.LocalDateTime;
import java.util.Map;
import org.jooq.Field;
import org.jooq.Record;
import org.jooq.Table;
import org.jooq.exception.DataAccessException;

/**
 * "Login from a new address": wraps the account feature's {@link LoginHooks} and remembers the
 * addresses each login signed in from ({@code login_address}). A sign-in from an address the
 * login has not used before mails that login ({@code login.new-address}); the very first sign-in
 * of a login mails nothing, as there is nothing to compare with. Runs in the login's transaction.
 */
public final class LoginNotices implements LoginHooks {
    static final Table<Record> T = table(name("login_address"));
    static final Field<Long> CLIENT_ID = field(name("client_id"), Long.class);
    static final Field<Long> CONTACT_ID = field(name("contact_id"), Long.class);
    static final Field<String> IP = field(name("ip"), String.class);
    static final Field<LocalDateTime> FIRST_SEEN = field(name("first_seen"), LocalDateTime.class);
    static final Field<LocalDateTime> LAST_SEEN = field(name("last_seen"), LocalDateTime.class);

    private final LoginHooks accounts;
    private final Db db;
    private final Clock clock;
    private final MailService mail;

    public LoginNotices(LoginHooks accounts, Db db, Clock clock, MailService mail) {
        this.accounts = accounts;
        this.db = db;
        this.clock = clock;
        this.mail = mail;
    }

    @Override
    public boolean mayLogIn(long clientId, Long contactId) {
        return accounts.mayLogIn(clientId, contactId);
    }

    @Override
    public void loggedIn(long clientId, Long contactId, String ip) {
        accounts.loggedIn(clientId, contactId, ip);
        if (ip == null || ip.isBlank()) return;
        String address = ip.length() > 64 ? ip.substring(0, 64) : ip;
        long contact = contactId == null ? 0 : contactId;
        LocalDateTime now = Times.now(clock);
        var dsl = db.dsl();
        var owner = CLIENT_ID.eq(clientId).and(CONTACT_ID.eq(contact));
        if (dsl.update(T).set(LAST_SEEN, now).where(owner).and(IP.eq(address)).execute() == 1) return;
        boolean seenBefore = dsl.fetchExists(T, owner);
        boolean inserted;
        try {
            inserted = dsl.insertInto(T).set(CLIENT_ID, clientId).set(CONTACT_ID, contact).set(IP, address)
                    .set(FIRST_SEEN, now).set(LAST_SEEN, now)
                    .onConflict(field(name("login_address", "client_id")), field(name("login_address", "contact_id")),
                            field(name("login_address", "ip"))).doNothing().execute() == 1;
        } catch (DataAccessException e) {
            // H2 emulates ON CONFLICT with MERGE; a concurrent first sign-in from the same address still collides.
            if ("23505".equals(e.sqlState())) return;
            throw e;
        }
        if (inserted && seenBefore) {
            mail.toLogin(clientId, contactId, "login.new-address", Map.of("ip", address, "date", Times.stamp(now)));
        }
    }
}
