package io.steward.partner;

import io.steward.account.ClientAdminService;
import io.steward.config.Config;
import io.steward.db.Db;
import java.time.Clock;
import java.time.Duration;

/**
 * The partner (reseller) feature assembled: partners and their terms, OAuth client credentials
 * and tokens, per-partner rate limits and the partners' end clients. Settings:
 * {@code partner.oauth.access-ttl} (default 1 hour) and {@code partner.oauth.refresh-ttl}
 * (default 30 days). The dialect ({@code partner.api.PartnerApi}) authenticates through
 * {@link #tokens()}; other features scope their partner handlers with {@link PartnerCaller}.
 */
public final class PartnerFeature {
    private final PartnerTokens tokens;
    private final PartnerClients clients;
    private final PartnerAdmin admin;
    private final PartnerHandlers handlers;
    private final PartnerAdminHandlers adminHandlers;
    private final PartnerDemo demo;
    private final PartnerStore store;

    public PartnerFeature(Db db, Clock clock, Config config, ClientAdminService accounts) {
        this.store = new PartnerStore(db);
        this.tokens = new PartnerTokens(db, clock, store, new RateLimiter(clock),
                config.getDuration("partner.oauth.access-ttl", Duration.ofHours(1)),
                config.getDuration("partner.oauth.refresh-ttl", Duration.ofDays(30)));
        this.clients = new PartnerClients(db, clock, store, accounts);
        this.admin = new PartnerAdmin(db, clock, store, accounts);
        this.handlers = new PartnerHandlers(tokens, clients);
        this.adminHandlers = new PartnerAdminHandlers(admin);
        accounts.registerDependents(admin::blockingDeletion);
        this.demo = new PartnerDemo(db, clock, store, accounts, admin);
    }

    public PartnerTokens tokens() { return tokens; }

    public PartnerClients clients() { return clients; }

    public PartnerAdmin admin() { return admin; }

    public PartnerHandlers handlers() { return handlers; }

    public PartnerAdminHandlers adminHandlers() { return adminHandlers; }

    public PartnerDemo demo() { return demo; }

    /** The partner acting, for other features' demo parts (what a token of its would authenticate as). */
    public PartnerCaller callerOf(Partner partner) {
        return new PartnerCaller(partner, "demo", store);
    }
}
