package io.steward.domain;

import static org.jooq.impl.DSL.field;
import static org.jooq.impl.DSL.name;
import static org.jooq.impl.DSL.table;

import io.steward.db.Db;
import io.steward.domain.registrar.SandboxRegistry;
import java.math.BigDecimal;
import java.time.LocalDate;
import java.time.LocalDateTime;
import java.util.List;
import java.util.Optional;
import java.util.Set;
import org.jooq.Condition;
import org.jooq.Field;
import org.jooq.Record;
import org.jooq.Table;

/** The {@code domain} and {@code domain_invoice} tables. */
final class DomainStore {
    static final Table<Record> T = table(name("domain"));
    static final Field<Long> ID = field(name("id"), Long.class);
    static final Field<Long> CLIENT_ID = field(name("client_id"), Long.class);
    static final Field<Long> TLD_ID = field(name("tld_id"), Long.class);
    static final Field<String> NAME = field(name("name"), String.class);
    static final Field<String> STATUS = field(name("status"), String.class);
    static final Field<String> ACTION = field(name("order_action"), String.class);
    static final Field<Short> PERIOD = field(name("period"), Short.class);
    static final Field<String> CURRENCY = field(name("currency"), String.class);
    static final Field<BigDecimal> FIRST_PAYMENT = field(name("first_payment"), BigDecimal.class);
    static final Field<BigDecimal> RECURRING = field(name("recurring_amount"), BigDecimal.class);
    static final Field<LocalDate> DATE_CREATED = field(name("date_created"), LocalDate.class);
    static final Field<LocalDate> EXPIRES = field(name("expires"), LocalDate.class);
    static final Field<LocalDate> NEXT_DUE = field(name("next_due"), LocalDate.class);
    static final Field<LocalDate> NEXT_INVOICE = field(name("next_invoice"), LocalDate.class);
    static final Field<Boolean> AUTORENEW = field(name("autorenew"), Boolean.class);
    static final Field<Boolean> IDPROTECTION = field(name("idprotection"), Boolean.class);
    static final Field<Boolean> REGLOCK = field(name("reglock"), Boolean.class);
    static final Field<String> NS = field(name("nameservers"), String.class);
    static final Field<String> REGISTRAR = field(name("registrar"), String.class);
    static final Field<String> EPP = field(name("epp_sealed"), String.class);
    static final Field<String> CONTACTS = field(name("contacts"), String.class);
    static final Field<String> EXTRA = field(name("extra"), String.class);
    static final Field<LocalDateTime> CREATED_AT = field(name("created_at"), LocalDateTime.class);
    static final Field<LocalDateTime> UPDATED_AT = field(name("updated_at"), LocalDateTime.class);
    private static final List<Field<?>> COLUMNS = List.of(ID, CLIENT_ID, TLD_ID, NAME, STATUS, ACTION, PERIOD, CURRENCY, FIRST_PAYMENT,
            RECURRING, DATE_CREATED, EXPIRES, NEXT_DUE, NEXT_INVOICE, AUTORENEW, IDPROTECTION, REGLOCK, NS, REGISTRAR, EPP, CONTACTS, EXTRA);

    static final Table<Record> I = table(name("domain_invoice"));
    static final Field<Long> I_ID = field(name("id"), Long.class);
    static final Field<Long> I_DOMAIN = field(name("domain_id"), Long.class);
    static final Field<Long> I_INVOICE = field(name("invoice_id"), Long.class);
    static final Field<String> I_KIND = field(name("kind"), String.class);
    static final Field<Short> I_YEARS = field(name("years"), Short.class);
    static final Field<LocalDate> I_TERM = field(name("term_start"), LocalDate.class);
    static final Field<Boolean> I_PAID = field(name("paid"), Boolean.class);

    /** A line of {@code domain_invoice}: what an invoice bills for a domain. */
    record Billed(long id, long domainId, long invoiceId, String kind, int years, LocalDate termStart, boolean paid) {}

    private final Db db;

    DomainStore(Db db) {
        this.db = db;
    }

    private static Domain map(Record r) {
        return new Domain(r.get(ID), r.get(CLIENT_ID), r.get(TLD_ID), r.get(NAME), r.get(STATUS), r.get(ACTION), r.get(PERIOD),
                r.get(CURRENCY), r.get(FIRST_PAYMENT), r.get(RECURRING), r.get(DATE_CREATED), r.get(EXPIRES), r.get(NEXT_DUE),
                r.get(NEXT_INVOICE), r.get(AUTORENEW), r.get(IDPROTECTION), r.get(REGLOCK), SandboxRegistry.split(r.get(NS)),
                r.get(REGISTRAR), r.get(EPP), r.get(CONTACTS), r.get(EXTRA));
    }

    List<Domain> list(Condition where) {
        return db.dsl().select(COLUMNS).from(T).where(where).orderBy(ID).fetch().map(DomainStore::map);
    }

    Optional<Domain> byId(long id) {
        return list(ID.eq(id)).stream().findFirst();
    }

    Optional<Domain> byIdForUpdate(long id) {
        return db.dsl().select(COLUMNS).from(T).where(ID.eq(id)).forUpdate().fetchOptional().map(DomainStore::map);
    }

    Optional<Domain> ofClient(long clientId, long id) {
        return list(ID.eq(id).and(CLIENT_ID.eq(clientId))).stream().findFirst();
    }

    /**
     * Serialises the creation of new domain rows until the transaction ends, so that of two orders
     * of one name the second sees the first's row (or waits for its rollback) before checking
     * {@link #liveNameExists}. One row is locked, the catalog's first TLD, rather than the item's
     * own TLD: orders holding names of several TLDs would otherwise lock them in different orders
     * and could deadlock.
     */
    void lockNewNames() {
        db.dsl().select(TldStore.ID).from(TldStore.T).orderBy(TldStore.ID).limit(1).forUpdate().fetch();
    }

    boolean liveNameExists(String name) {
        return db.dsl().fetchExists(T, NAME.eq(name).and(STATUS.in(Domain.LIVE)));
    }

    Set<Long> idsOf(long clientId) {
        return Set.copyOf(db.dsl().select(ID).from(T).where(CLIENT_ID.eq(clientId)).fetch(ID));
    }

    boolean tldInUse(long tldId) {
        return db.dsl().fetchExists(T, TLD_ID.eq(tldId));
    }

    long insert(Domain d, LocalDateTime now) {
        return db.dsl().insertInto(T).set(CLIENT_ID, d.clientId()).set(TLD_ID, d.tldId()).set(NAME, d.name()).set(STATUS, d.status())
                .set(ACTION, d.orderAction()).set(PERIOD, (short) d.period()).set(CURRENCY, d.currency()).set(FIRST_PAYMENT, d.firstPayment())
                .set(RECURRING, d.recurringAmount()).set(DATE_CREATED, d.dateCreated()).set(EXPIRES, d.expires()).set(NEXT_DUE, d.nextDue())
                .set(NEXT_INVOICE, d.nextInvoice()).set(AUTORENEW, d.autorenew()).set(IDPROTECTION, d.idprotection())
                .set(REGLOCK, d.reglock()).set(NS, String.join(",", d.nameservers())).set(REGISTRAR, d.registrar()).set(EPP, d.eppSealed())
                .set(CONTACTS, d.contacts()).set(EXTRA, d.extra()).set(CREATED_AT, now).set(UPDATED_AT, now)
                .returningResult(ID).fetchOne().value1();
    }

    <T> void set(long id, Field<T> f, T value, LocalDateTime now) {
        db.dsl().update(T).set(f, value).set(UPDATED_AT, now).where(ID.eq(id)).execute();
    }

    /** Moves the status only from {@code from}; false when the domain was elsewhere (a repeated event). */
    boolean setStatus(long id, Set<String> from, String to, LocalDateTime now) {
        return db.dsl().update(T).set(STATUS, to).set(UPDATED_AT, now).where(ID.eq(id).and(STATUS.in(from))).execute() == 1;
    }

    void setDates(long id, LocalDate expires, LocalDate nextDue, LocalDate nextInvoice, LocalDateTime now) {
        db.dsl().update(T).set(EXPIRES, expires).set(NEXT_DUE, nextDue).set(NEXT_INVOICE, nextInvoice).set(UPDATED_AT, now)
                .where(ID.eq(id)).execute();
    }

    /** Compare-and-set of next_invoice, so two renewal runs cannot both invoice one term. */
    boolean moveNextInvoice(long id, LocalDate from, LocalDate to, LocalDateTime now) {
        return db.dsl().update(T).set(NEXT_INVOICE, to).set(UPDATED_AT, now).where(ID.eq(id).and(NEXT_INVOICE.eq(from))).execute() == 1;
    }

    /** Autorenew domains whose renewal invoice is due on or before {@code date}. */
    List<Domain> dueForRenewalInvoice(LocalDate date, int limit) {
        return db.dsl().select(COLUMNS).from(T).where(STATUS.in(Domain.ACTIVE, Domain.EXPIRED).and(AUTORENEW.isTrue())
                .and(NEXT_INVOICE.le(date))).orderBy(ID).limit(limit).fetch().map(DomainStore::map);
    }

    List<Domain> activeExpiredBefore(LocalDate date) {
        return list(STATUS.eq(Domain.ACTIVE).and(EXPIRES.lt(date)));
    }

    List<Domain> toSync(long afterId, int limit) {
        return db.dsl().select(COLUMNS).from(T).where(ID.gt(afterId).and(STATUS.in(Domain.ACTIVE, Domain.EXPIRED, Domain.PENDING_TRANSFER)))
                .orderBy(ID).limit(limit).fetch().map(DomainStore::map);
    }

    // domain_invoice

    boolean bill(long domainId, long invoiceId, String kind, int years, LocalDate termStart) {
        if (termStart != null && db.dsl().fetchExists(I, I_DOMAIN.eq(domainId).and(I_KIND.eq(kind)).and(I_TERM.eq(termStart)))) return false;
        db.dsl().insertInto(I).set(I_DOMAIN, domainId).set(I_INVOICE, invoiceId).set(I_KIND, kind).set(I_YEARS, (short) years)
                .set(I_TERM, termStart).set(I_PAID, false).execute();
        return true;
    }

    boolean termBilled(long domainId, String kind, LocalDate termStart) {
        return db.dsl().fetchExists(I, I_DOMAIN.eq(domainId).and(I_KIND.eq(kind)).and(I_TERM.eq(termStart)));
    }

    List<Billed> billedBy(long invoiceId) {
        return db.dsl().select(I_ID, I_DOMAIN, I_INVOICE, I_KIND, I_YEARS, I_TERM, I_PAID).from(I).where(I_INVOICE.eq(invoiceId))
                .orderBy(I_ID).fetch().map(r -> new Billed(r.get(I_ID), r.get(I_DOMAIN), r.get(I_INVOICE), r.get(I_KIND), r.get(I_YEARS),
                        r.get(I_TERM), r.get(I_PAID)));
    }

    boolean markPaid(long billedId) {
        return db.dsl().update(I).set(I_PAID, true).where(I_ID.eq(billedId).and(I_PAID.isFalse())).execute() == 1;
    }

    /** Unpaid renewal invoices of a domain (open ones are left as they are when it is cancelled). */
    List<Billed> unpaid(long domainId) {
        return db.dsl().select(I_ID, I_DOMAIN, I_INVOICE, I_KIND, I_YEARS, I_TERM, I_PAID).from(I).where(I_DOMAIN.eq(domainId).and(I_PAID.isFalse()))
                .orderBy(I_ID).fetch().map(r -> new Billed(r.get(I_ID), r.get(I_DOMAIN), r.get(I_INVOICE), r.get(I_KIND), r.get(I_YEARS),
                        r.get(I_TERM), r.get(I_PAID)));
    }
}
