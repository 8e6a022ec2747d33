package io.steward.partner;

import io.steward.account.ClientAdminService;
import io.steward.account.ProfileInput;
import io.steward.core.Times;
import io.steward.db.Db;
import java.math.BigDecimal;
import java.time.Clock;
import java.util.ArrayList;
import java.util.List;

/**
 * The demo reseller: an account made a partner (10% off), its OAuth credential with the
 * documented id and secret (the reference's example id), prepaid credit and two end clients.
 * Idempotent. Its credentials are public knowledge: for trying Steward out only.
 */
public final class PartnerDemo {
    public static final String EMAIL = "partner@example.com";
    public static final String PASSWORD = "Partner-pass-1";
    public static final String CLIENT_ID = "01977c18-0fab-73bd-b8d1-7124b0186f0f";
    public static final String CLIENT_SECRET = "demo-partner-secret";

    /** What the demo made: the partner and its end clients' ids (for other features' demo parts). */
    public record Loaded(Partner partner, List<Long> endClients) {}

    /** Prepaid credit for a new demo partner, through the billing feature's ledger. */
    public interface Prepay {
        void credit(long clientId, BigDecimal amount, String reason);
    }

    private final Db db;
    private final Clock clock;
    private final PartnerStore store;
    private final ClientAdminService accounts;
    private final PartnerAdmin admin;

    PartnerDemo(Db db, Clock clock, PartnerStore store, ClientAdminService accounts, PartnerAdmin admin) {
        this.db = db;
        this.clock = clock;
        this.store = store;
        this.accounts = accounts;
        this.admin = admin;
    }

    public Loaded load(Prepay prepay) {
        return db.tx(() -> {
            var existing = accounts.search(EMAIL, null, 1, 10).clients().stream().filter(c -> c.profile().email().equalsIgnoreCase(EMAIL)).findFirst();
            long accountId;
            if (existing.isPresent()) {
                accountId = existing.get().id();
            } else {
                accountId = accounts.create(new ProfileInput(EMAIL, "Pat", "Partner", "Demo Reseller BV", "Resellerstraat 1", "", "Gent", "",
                        "9000", "BE", "+32.91234567", "Company", "", null, null, null, null), PASSWORD, "Active", "Demo partner").id();
                prepay.credit(accountId, new BigDecimal("500.00"), "Demo partner prepayment");
            }
            Partner partner = store.partnerOfAccount(accountId)
                    .orElseGet(() -> admin.create(accountId, "Demo Reseller", new BigDecimal("10"), 6000));
            if (store.credential(CLIENT_ID).isEmpty()) {
                store.insertCredential(CLIENT_ID, partner.id(), "demo", PartnerTokens.hash(CLIENT_SECRET), Times.now(clock));
            }
            var ends = new ArrayList<Long>();
            store.links(partner.id()).forEach(l -> ends.add(l.clientId()));
            String currency = accounts.get(accountId).billing().currency();
            for (String[] c : List.of(new String[] {"Alice", "Example", "alice@partner-client.example", "Managed Client"},
                    new String[] {"Bob", "Example", "bob@partner-client.example", "Self Servicing Client"})) {
                if (ends.size() >= 2) break;
                boolean there = accounts.search(c[2], null, 1, 10).clients().stream().anyMatch(x -> x.profile().email().equalsIgnoreCase(c[2]));
                if (there) continue;
                var made = accounts.create(new ProfileInput(c[2], c[0], c[1], "", "Kerkstraat 2", "", "Gent", "", "9000", "BE", "+32.91234568",
                        "Private", "", null, null, null, null), new io.steward.account.BillingInput(currency, null, null), "Client-pass-1", "Active",
                        "End client of the demo partner");
                store.link(made.id(), partner.id(), c[3], "", Times.now(clock));
                ends.add(made.id());
            }
            return new Loaded(partner, List.copyOf(ends));
        });
    }
}
