package io.steward.tax;

import io.steward.account.AccountService;
import io.steward.account.Client;
import io.steward.core.StewardException;
import io.steward.core.Times;
import io.steward.core.Validation;
import io.steward.db.Db;
import java.time.Clock;
import java.util.Collection;
import java.util.HashMap;
import java.util.List;
import java.util.Map;
import org.jooq.exception.DataAccessException;

/**
 * The tax feature: tax rules (staff maintain them) and the tax on a client's lines, the seam
 * billing and quotes use ({@link #compute}). The calculation itself is {@link TaxCalculator}.
 */
public final class TaxService {
    private final Db db;
    private final Clock clock;
    private final AccountService accounts;
    private final TaxCalculator calculator;
    private final VatNumberChecker vatChecker;
    private final TaxRuleStore rules;

    public TaxService(Db db, Clock clock, AccountService accounts, TaxCalculator calculator, VatNumberChecker vatChecker) {
        this.db = db;
        this.clock = clock;
        this.accounts = accounts;
        this.calculator = calculator;
        this.vatChecker = vatChecker;
        this.rules = new TaxRuleStore(db);
    }

    /**
     * The tax on {@code lines} (amounts rounded to {@code currency}'s scale) for a client, by its
     * billing profile (country, state, tax exemption, VAT number) and the current rules. Reads
     * only; joins the caller's transaction when there is one. Unknown client: 404.
     */
    public TaxResult compute(long clientId, String currency, List<TaxableLine> lines) {
        return db.tx(() -> compute(subject(clientId), currency, lines));
    }

    /** The tax on {@code lines} for a subject already determined (e.g. one quote, several computations). */
    public TaxResult compute(TaxSubject subject, String currency, List<TaxableLine> lines) {
        return calculator.compute(lines, subject, currency, rules.all());
    }

    /**
     * Tax computations for a batch of invoices to these clients, inside the caller's transaction:
     * the clients' billing profiles are read once, in bulk, each client's subject is determined
     * once, and the rules are read once (at the first computation), so a batch sees one set of
     * rules. The same answers as {@link #compute(long, String, List)}.
     */
    public Batch batch(Collection<Long> clientIds) {
        return new Batch(accounts.detailsOf(clientIds));
    }

    /** {@link #batch(Collection)} over client records the caller read already; one missing is read alone. */
    public Batch batch(Map<Long, Client> read) {
        return new Batch(read);
    }

    /** See {@link #batch}. */
    public final class Batch {
        private final Map<Long, Client> clients;
        private final Map<Long, TaxSubject> subjects = new HashMap<>();
        private List<TaxRule> rules;

        private Batch(Map<Long, Client> clients) {
            this.clients = clients;
        }

        public TaxResult compute(long clientId, String currency, List<TaxableLine> lines) {
            TaxSubject s = subjects.get(clientId);
            if (s == null) {
                Client c = clients.get(clientId);
                // One missing from the bulk read is asked for alone: a 404 as in the single path.
                s = c == null ? subject(clientId) : subject(c);
                subjects.put(clientId, s);
            }
            if (rules == null) rules = TaxService.this.rules.all();
            return calculator.compute(lines, s, currency, rules);
        }
    }

    /** How a client is taxed, its VAT number checked by the configured module where reverse charge is possible. */
    public TaxSubject subject(long clientId) {
        return subject(accounts.details(clientId));
    }

    private TaxSubject subject(Client c) {
        return calculator.subject(c.profile().country(), c.profile().state(), c.billing().taxExempt(), c.billing().vatNumber(), vatChecker);
    }

    public String sellerCountry() { return calculator.sellerCountry(); }

    /** The client's billing currency (unknown client: 404). */
    public String clientCurrency(long clientId) {
        return accounts.details(clientId).billing().currency();
    }

    // Staff maintenance of the rules.

    public List<TaxRule> rules() {
        return rules.all();
    }

    public TaxRule rule(long id) {
        return rules.byId(id).orElseThrow(() -> StewardException.notFound("Tax rule not found"));
    }

    public TaxRule create(TaxRuleInput input) {
        var v = new Validation();
        TaxRule r = input.applyTo(null, v);
        v.throwIfAny();
        return db.tx(() -> {
            requireFreePlace(r, 0);
            long id = insertOrConflict(() -> rules.insert(r, Times.now(clock)));
            return rules.byId(id).orElseThrow();
        });
    }

    public TaxRule update(long id, TaxRuleInput input) {
        return db.tx(() -> {
            TaxRule current = rule(id);
            var v = new Validation();
            TaxRule next = input.applyTo(current, v);
            v.throwIfAny();
            requireFreePlace(next, id);
            insertOrConflict(() -> {
                rules.update(next, Times.now(clock));
                return id;
            });
            return rules.byId(id).orElseThrow();
        });
    }

    public void delete(long id) {
        if (!rules.delete(id)) throw StewardException.notFound("Tax rule not found");
    }

    private void requireFreePlace(TaxRule r, long exceptId) {
        rules.samePlace(r.level(), r.country(), r.state(), exceptId).ifPresent(other -> {
            throw StewardException.conflict("Tax rule " + other + " already covers level " + r.level() + " in "
                    + r.country() + (r.state().equals(TaxRule.ANY) ? "" : " / " + r.state()));
        });
    }

    /** A concurrent insert of the same place loses on the unique key: a conflict, not a server error. */
    private static long insertOrConflict(java.util.function.LongSupplier write) {
        try {
            return write.getAsLong();
        } catch (DataAccessException e) {
            if (!Db.isConstraintViolation(e)) throw e;
            throw StewardException.conflict("Another tax rule already covers this level and place");
        }
    }
}
