package io.steward.billing;

import static org.jooq.impl.DSL.field;
import static org.jooq.impl.DSL.name;
import static org.jooq.impl.DSL.table;

import io.steward.core.ErrorCode;
import io.steward.core.Money;
import io.steward.core.StewardException;
import io.steward.core.Times;
import io.steward.db.Db;
import java.math.BigDecimal;
import java.time.Clock;
import java.time.LocalDateTime;
import java.util.List;
import java.util.Map;
import java.util.Optional;
import org.jooq.Field;
import org.jooq.Record;
import org.jooq.Table;
import org.jooq.exception.DataAccessException;
import org.jooq.impl.DSL;

/**
 * Account credit as a ledger: every change is a {@code credit_entry} row with its reason, and the
 * balance is their sum, cached in the client's {@code billing_account} row in the same
 * transaction. Changes lock that row first, so concurrent debits queue and credit never goes
 * below zero (a CHECK constraint backs this up). The row is also the lock every payment of the
 * client's invoices takes first, which keeps one lock order: billing account, then invoice.
 */
public final class CreditLedger {
    static final Table<Record> A = table(name("billing_account"));
    static final Field<Long> A_CLIENT_ID = field(name("client_id"), Long.class);
    static final Field<String> A_CURRENCY = field(name("currency"), String.class);
    static final Field<BigDecimal> A_BALANCE = Sql.money("credit_balance");
    static final Field<LocalDateTime> A_UPDATED_AT = field(name("updated_at"), LocalDateTime.class);

    static final Table<Record> E = table(name("credit_entry"));
    static final Field<Long> E_ID = field(name("id"), Long.class);
    static final Field<Long> E_CLIENT_ID = field(name("client_id"), Long.class);
    static final Field<BigDecimal> E_AMOUNT = Sql.money("amount");
    static final Field<BigDecimal> E_BALANCE_AFTER = Sql.money("balance_after");
    static final Field<String> E_REASON = field(name("reason"), String.class);
    static final Field<Long> E_INVOICE_ID = field(name("invoice_id"), Long.class);
    static final Field<String> E_BY = field(name("created_by"), String.class);
    static final Field<LocalDateTime> E_CREATED_AT = field(name("created_at"), LocalDateTime.class);

    /** A client's credit and the currency it is held in. */
    public record Balance(long clientId, String currency, BigDecimal credit) {}

    /** One ledger line; {@code amount} is positive for credit added, negative for credit used or removed. */
    public record Entry(long id, long clientId, BigDecimal amount, BigDecimal balanceAfter, String reason, Long invoiceId,
                        String createdBy, LocalDateTime createdAt) {}

    public record Page(List<Entry> entries, int total) {}

    private final Db db;
    private final Clock clock;
    private final ClientBillingInfo clients;

    CreditLedger(Db db, Clock clock, ClientBillingInfo clients) {
        this.db = db;
        this.clock = clock;
        this.clients = clients;
    }

    /** The current credit (no lock): the cached balance, zero in the client's currency if none yet. */
    public Balance balance(long clientId) {
        return db.dsl().select(A_CLIENT_ID, A_CURRENCY, A_BALANCE).from(A).where(A_CLIENT_ID.eq(clientId))
                .fetchOptional(CreditLedger::mapAccount)
                .orElseGet(() -> new Balance(clientId, clients.currency(clientId), Money.round(BigDecimal.ZERO, clients.currency(clientId))));
    }

    /** The sum of the client's ledger, which always equals {@link #balance}'s credit. */
    public BigDecimal ledgerSum(long clientId) {
        BigDecimal s = db.dsl().select(DSL.sum(E_AMOUNT)).from(E).where(E_CLIENT_ID.eq(clientId)).fetchOne().value1();
        return Money.round(s == null ? BigDecimal.ZERO : s, balance(clientId).currency());
    }

    private static Balance mapAccount(Record r) {
        return new Balance(r.get(A_CLIENT_ID), r.get(A_CURRENCY), Money.round(r.get(A_BALANCE), r.get(A_CURRENCY)));
    }

    /**
     * Creates the client's billing row if missing and locks it until the transaction ends. The
     * caller has checked that the client exists.
     */
    Balance lock(long clientId) {
        var dsl = db.dsl();
        var locked = dsl.select(A_CLIENT_ID, A_CURRENCY, A_BALANCE).from(A).where(A_CLIENT_ID.eq(clientId)).forUpdate()
                .fetchOptional(CreditLedger::mapAccount);
        if (locked.isPresent()) return locked.get();
        try {
            dsl.insertInto(A).set(A_CLIENT_ID, clientId).set(A_CURRENCY, clients.currency(clientId)).set(A_BALANCE, BigDecimal.ZERO)
                    .set(A_UPDATED_AT, Times.now(clock)).onConflict(field(name("billing_account", "client_id"))).doNothing().execute();
        } catch (DataAccessException e) {
            // H2 reports a concurrent creation of the same row as a unique violation; the row exists either way.
            if (!Sql.isUniqueViolation(e)) throw e;
        }
        return dsl.select(A_CLIENT_ID, A_CURRENCY, A_BALANCE).from(A).where(A_CLIENT_ID.eq(clientId)).forUpdate()
                .fetchOptional(CreditLedger::mapAccount).orElseThrow();
    }

    /**
     * Appends an entry and moves the cached balance. The caller holds the lock from {@link #lock}
     * and passes the balance it returned (or the previous post's); a debit larger than the credit,
     * or an amount in another currency than the credit's, is refused with 422.
     */
    Balance post(Balance locked, BigDecimal amount, String currency, String reason, Long invoiceId, String by) {
        if (!currency.equals(locked.currency())) {
            throw StewardException.invalid(Map.of("currency", List.of("The account credit is held in " + locked.currency() + ", not " + currency)));
        }
        BigDecimal delta = Money.round(amount, locked.currency());
        if (delta.signum() == 0) throw StewardException.invalid(Map.of("amount", List.of("Amount must not be zero")));
        BigDecimal after = locked.credit().add(delta);
        if (after.signum() < 0) {
            throw new StewardException(ErrorCode.UNPROCESSABLE, List.of("Insufficient account credit"),
                    Map.of("amount", List.of("exceeds the available credit of " + Money.format(locked.credit(), locked.currency()))));
        }
        var now = Times.now(clock);
        db.dsl().insertInto(E).set(E_CLIENT_ID, locked.clientId()).set(E_AMOUNT, delta).set(E_BALANCE_AFTER, after)
                .set(E_REASON, truncate(reason)).set(E_INVOICE_ID, invoiceId).set(E_BY, by).set(E_CREATED_AT, now).execute();
        db.dsl().update(A).set(A_BALANCE, after).set(A_UPDATED_AT, now).where(A_CLIENT_ID.eq(locked.clientId())).execute();
        return new Balance(locked.clientId(), locked.currency(), after);
    }

    /**
     * Staff add ({@code amount} > 0) or remove (< 0) credit with a reason; removing more than the
     * client has is refused (422).
     */
    public Entry adjust(long clientId, BigDecimal amount, String reason, String by) {
        if (reason == null || reason.isBlank()) throw StewardException.invalid(Map.of("reason", List.of("A reason is required")));
        return db.tx(() -> {
            clients.snapshot(clientId);
            Balance locked = lock(clientId);
            Balance after = post(locked, amount, locked.currency(), reason.trim(), null, by);
            return entries(after.clientId(), 1, 1).entries().get(0);
        });
    }

    public Page entries(long clientId, int page, int perPage) {
        int total = db.dsl().fetchCount(E, E_CLIENT_ID.eq(clientId));
        String currency = balance(clientId).currency();
        var list = db.dsl().select(E_ID, E_CLIENT_ID, E_AMOUNT, E_BALANCE_AFTER, E_REASON, E_INVOICE_ID, E_BY, E_CREATED_AT)
                .from(E).where(E_CLIENT_ID.eq(clientId)).orderBy(E_ID.desc()).limit(perPage).offset((page - 1) * perPage)
                .fetch(r -> new Entry(r.get(E_ID), r.get(E_CLIENT_ID), Money.round(r.get(E_AMOUNT), currency),
                        Money.round(r.get(E_BALANCE_AFTER), currency), r.get(E_REASON), r.get(E_INVOICE_ID), r.get(E_BY),
                        r.get(E_CREATED_AT)));
        return new Page(list, total);
    }

    /** Refuses an unknown client with 404. */
    void requireClient(long clientId) {
        clients.snapshot(clientId);
    }

    Optional<Balance> existing(long clientId) {
        return db.dsl().select(A_CLIENT_ID, A_CURRENCY, A_BALANCE).from(A).where(A_CLIENT_ID.eq(clientId)).fetchOptional(CreditLedger::mapAccount);
    }

    private static String truncate(String s) {
        return s.length() > 1000 ? s.substring(0, 1000) : s;
    }
}
