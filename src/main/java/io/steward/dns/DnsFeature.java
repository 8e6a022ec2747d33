package io.steward.dns;

import io.steward.config.Config;
import io.steward.core.Secrets;
import io.steward.db.Db;
import io.steward.names.NameClaims;
import io.steward.names.NameHolder;
import io.steward.scheduler.JobScheduler;
import io.steward.service.ServiceOperations;
import java.time.Clock;
import java.util.Optional;
import java.util.function.LongConsumer;
import java.util.function.LongPredicate;

/**
 * The DNS feature assembled: zones and records ({@link DnsZones}), the client and admin handlers,
 * the in-memory zones with the change-log poll, the authoritative server and the forwarding
 * listener. {@link #start} loads the zones and listens; until then nothing is served.
 */
public final class DnsFeature implements AutoCloseable {
    private final DnsSettings settings;
    private final DnsStore store;
    private final ZoneCache cache;
    private final DnsServer server;
    private final ZoneSync sync;
    private final Presigner presigner;
    private final DnsService service;
    private final ReverseZoneService reverse;
    private final DnssecService dnssec;
    private final DnsClientService client;
    private final ForwardingServer forwarding;
    private final DnsClientHandlers clientHandlers;
    private final DnsAdminHandlers adminHandlers;
    private final DnssecClientHandlers dnssecClientHandlers;
    private final DnssecAdminHandlers dnssecAdminHandlers;
    private final Clock clock;
    private final Db db;
    /** On PostgreSQL: hear other nodes' changes by LISTEN/NOTIFY ({@code dns.listen}, true), the log polled as a safety net. */
    private final boolean listen;
    private final int safetyPollMillis;
    private boolean started;

    /**
     * {@code secrets} seals the zones' private signing keys; {@code scheduler} runs the DNSSEC job
     * (rollovers, DS pushes) every {@code dns.dnssec.check-interval}.
     */
    public DnsFeature(Db db, Clock clock, Secrets secrets, Config config, JobScheduler scheduler, ServiceOperations services,
                      LongPredicate clientExists, NameClaims claims) {
        this.clock = clock;
        this.db = db;
        this.settings = DnsSettings.from(config);
        this.listen = db.isPostgres() && config.getBool("dns.listen", true);
        this.safetyPollMillis = Math.max(10, config.getInt("dns.safety-poll-ms", 5000));
        this.store = new DnsStore(db);
        var journal = new DnsJournal(db);
        this.cache = new ZoneCache(settings.forwardIpv4(), settings.forwardIpv6());
        this.server = new DnsServer(cache, settings, clock, new Ixfr(journal::steps, settings.forwardIpv4(), settings.forwardIpv6()));
        this.presigner = new Presigner(cache);
        this.sync = new ZoneSync(db, store, journal, cache, server::notifySecondaries, this::signer, presigner);
        this.dnssec = new DnssecService(db, clock, secrets, store, new DnssecStore(db), DnssecSettings.from(config), sync);
        this.service = new DnsService(db, clock, store, journal, new RecordRules(settings.limits()), settings, sync, claims);
        service.afterDeletion(dnssec::afterDeletion);
        this.reverse = new ReverseZoneService(db, service);
        this.client = new DnsClientService(service, services, settings);
        this.forwarding = new ForwardingServer(cache);
        this.clientHandlers = new DnsClientHandlers(client, dnssec);
        this.adminHandlers = new DnsAdminHandlers(service, client, services, clientExists);
        this.dnssecClientHandlers = new DnssecClientHandlers(client, dnssec);
        this.dnssecAdminHandlers = new DnssecAdminHandlers(service, dnssec);
        scheduler.recurring("dns-dnssec", dnssec.settings().checkInterval(), dnssec::run);
    }

    private ZoneSigner signer(Zone zone) {
        return dnssec.signer(zone);
    }

    /**
     * Loads every zone into memory, then serves DNS (when {@code dns.enabled}) and forwarding, and
     * follows other nodes' changes: on PostgreSQL by LISTEN/NOTIFY with the change log polled every
     * {@code dns.safety-poll-ms} (5 s), else by polling the log every {@code dns.poll-ms}.
     */
    public void start() {
        if (started) return;
        started = true;
        sync.loadAll();
        presigner.start(dnssec.settings().checkInterval());
        if (settings.enabled()) server.start();
        if (settings.forwardPort() >= 0) forwarding.start(settings.forwardHost(), settings.forwardPort());
        if (listen) {
            var pool = db.pool();
            sync.listen(pool.getJdbcUrl(), pool.getUsername(), pool.getPassword());
            sync.startPolling(safetyPollMillis);
        } else {
            sync.startPolling(settings.pollMillis());
        }
    }

    /** Signing of zones: on/off, rollovers, the DS set ({@link DnssecService#run} is also scheduled). */
    public DnssecService dnssec() { return dnssec; }

    /** Where signed zones' DS sets go (the domain feature's registrars); until set, nowhere. */
    public void useDsPublisher(DsPublisher publisher) { dnssec.usePublisher(publisher); }

    /** The seam other features use for every DNS-facing write. */
    public DnsZones zones() { return service; }

    /** The provider's reverse zones and the PTRs in them, for the IP address feature. */
    public ReverseZones reverseZones() { return reverse; }

    /** Told when a name changes hands (staff reassignment, a registration through Steward), to move or release zones. */
    public NameHolder nameHolder() { return service; }

    public DnsClientHandlers clientHandlers() { return clientHandlers; }

    /** Clients' zones and records with their ownership and privilege checks (client API and web pages). */
    public DnsClientService clientService() { return client; }

    public DnsAdminHandlers adminHandlers() { return adminHandlers; }

    public DnssecClientHandlers dnssecClientHandlers() { return dnssecClientHandlers; }

    public DnssecAdminHandlers dnssecAdminHandlers() { return dnssecAdminHandlers; }

    public DnsDemo demo(LongConsumer markActive, ServiceOperations services) {
        return new DnsDemo(service, services, markActive, clock);
    }

    /** The port the DNS server listens on (UDP and TCP), or -1 when it does not. */
    public int dnsPort() { return server.port(); }

    /** The served zones (tests look at what the DNS server holds). */
    ZoneCache cache() { return cache; }

    /** Whether pre-signing has caught up (tests wait for it). */
    boolean presigned() { return presigner.idle(); }

    /** The forwarding listener's port, or -1. */
    public int forwardingPort() { return forwarding.port(); }

    /** Reads the change log now (tests; the poll does it every {@code dns.poll-ms}). */
    public int pollChanges() { return sync.poll(); }

    /** The PostgreSQL backend process of this node's change listener, or -1 (tests cut it to check the reconnection). */
    public int listenerBackendPid() { return sync.listenerBackendPid(); }

    /** Staff must delete a client's zones before the client. */
    public Optional<String> blockingDeletion(long clientId) {
        int n = store.countZonesOfClient(clientId);
        return n == 0 ? Optional.empty() : Optional.of("the client holds " + n + " DNS zone(s)");
    }

    @Override
    public void close() {
        sync.close();
        presigner.close();
        forwarding.close();
        server.close();
    }
}
