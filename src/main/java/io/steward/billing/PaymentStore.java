package io.steward.billing;

import static org.jooq.impl.DSL.field;
import static org.jooq.impl.DSL.name;
import static org.jooq.impl.DSL.table;

import io.steward.core.Money;
import io.steward.db.Db;
import java.math.BigDecimal;
import java.time.LocalDate;
import java.time.LocalDateTime;
import java.util.List;
import org.jooq.Field;
import org.jooq.Record;
import org.jooq.Table;

/** The {@code payment} and {@code credit_note} tables. */
final class PaymentStore {
    static final Table<Record> P = table(name("payment"));
    static final Field<Long> P_ID = field(name("id"), Long.class);
    static final Field<Long> P_INVOICE_ID = field(name("invoice_id"), Long.class);
    static final Field<Long> P_CLIENT_ID = field(name("client_id"), Long.class);
    static final Field<Long> P_GATEWAY_ID = field(name("gateway_id"), Long.class);
    static final Field<BigDecimal> P_AMOUNT = Sql.money("amount");
    static final Field<BigDecimal> P_FEE = Sql.money("fee");
    static final Field<BigDecimal> P_REFUNDED = Sql.money("refunded");
    static final Field<String> P_TXN = field(name("transaction_id"), String.class);
    static final Field<LocalDateTime> P_PAID_AT = field(name("paid_at"), LocalDateTime.class);
    static final Field<String> P_BY = field(name("recorded_by"), String.class);
    static final Field<LocalDateTime> P_CREATED_AT = field(name("created_at"), LocalDateTime.class);

    static final Table<Record> N = table(name("credit_note"));
    static final Field<Long> N_ID = field(name("id"), Long.class);
    static final Field<Long> N_INVOICE_ID = field(name("invoice_id"), Long.class);
    static final Field<Long> N_CLIENT_ID = field(name("client_id"), Long.class);
    static final Field<String> N_SERIES = field(name("series"), String.class);
    static final Field<String> N_NUMBER = field(name("doc_number"), String.class);
    static final Field<LocalDate> N_DATE = field(name("issue_date"), LocalDate.class);
    static final Field<String> N_CURRENCY = field(name("currency"), String.class);
    static final Field<BigDecimal> N_AMOUNT = Sql.money("amount");
    static final Field<String> N_METHOD = field(name("method"), String.class);
    static final Field<String> N_REASON = field(name("reason"), String.class);
    static final Field<String> N_BY = field(name("created_by"), String.class);
    static final Field<LocalDateTime> N_CREATED_AT = field(name("created_at"), LocalDateTime.class);

    private final Db db;

    PaymentStore(Db db) {
        this.db = db;
    }

    long insertPayment(long invoiceId, long clientId, long gatewayId, BigDecimal amount, BigDecimal fee, String txn,
                       LocalDateTime paidAt, String by, LocalDateTime now) {
        return db.dsl().insertInto(P).set(P_INVOICE_ID, invoiceId).set(P_CLIENT_ID, clientId).set(P_GATEWAY_ID, gatewayId)
                .set(P_AMOUNT, amount).set(P_FEE, fee).set(P_TXN, txn).set(P_PAID_AT, paidAt).set(P_BY, by)
                .set(P_CREATED_AT, now).returningResult(P_ID).fetchOne().value1();
    }

    boolean transactionRecorded(long gatewayId, String txn) {
        return db.dsl().fetchExists(P, P_GATEWAY_ID.eq(gatewayId).and(P_TXN.eq(txn)));
    }

    List<Payment> payments(long invoiceId, String currency) {
        return db.dsl().select(P_ID, P_INVOICE_ID, P_CLIENT_ID, P_GATEWAY_ID, P_AMOUNT, P_FEE, P_REFUNDED, P_TXN, P_PAID_AT, P_BY)
                .from(P).where(P_INVOICE_ID.eq(invoiceId)).orderBy(P_ID)
                .fetch(r -> new Payment(r.get(P_ID), r.get(P_INVOICE_ID), r.get(P_CLIENT_ID), r.get(P_GATEWAY_ID),
                        Money.round(r.get(P_AMOUNT), currency), Money.round(r.get(P_FEE), currency),
                        Money.round(r.get(P_REFUNDED), currency), r.get(P_TXN), r.get(P_PAID_AT), r.get(P_BY)));
    }

    void addRefunded(long paymentId, BigDecimal delta) {
        db.dsl().update(P).set(P_REFUNDED, P_REFUNDED.plus(delta)).where(P_ID.eq(paymentId)).execute();
    }

    long insertCreditNote(long invoiceId, long clientId, String series, String number, LocalDate date, String currency,
                          BigDecimal amount, String method, String reason, String by, LocalDateTime now) {
        return db.dsl().insertInto(N).set(N_INVOICE_ID, invoiceId).set(N_CLIENT_ID, clientId).set(N_SERIES, series)
                .set(N_NUMBER, number).set(N_DATE, date).set(N_CURRENCY, currency).set(N_AMOUNT, amount).set(N_METHOD, method)
                .set(N_REASON, reason).set(N_BY, by).set(N_CREATED_AT, now).returningResult(N_ID).fetchOne().value1();
    }

    List<CreditNote> creditNotes(long invoiceId) {
        return db.dsl().select(N_ID, N_INVOICE_ID, N_CLIENT_ID, N_SERIES, N_NUMBER, N_DATE, N_CURRENCY, N_AMOUNT, N_METHOD,
                        N_REASON, N_BY, N_CREATED_AT)
                .from(N).where(N_INVOICE_ID.eq(invoiceId)).orderBy(N_ID)
                .fetch(r -> new CreditNote(r.get(N_ID), r.get(N_INVOICE_ID), r.get(N_CLIENT_ID), r.get(N_SERIES), r.get(N_NUMBER),
                        r.get(N_DATE), r.get(N_CURRENCY), Money.round(r.get(N_AMOUNT), r.get(N_CURRENCY)), r.get(N_METHOD),
                        r.get(N_REASON), r.get(N_BY), r.get(N_CREATED_AT)));
    }
}
