package io.steward.dns;

import io.steward.core.ErrorCode;
import io.steward.core.Secrets;
import io.steward.core.StewardException;
import io.steward.core.Times;
import io.steward.db.Db;
import java.security.GeneralSecurityException;
import java.security.KeyPairGenerator;
import java.security.spec.ECGenParameterSpec;
import java.time.Clock;
import java.time.Duration;
import java.time.LocalDateTime;
import java.util.ArrayList;
import java.util.Base64;
import java.util.HexFormat;
import java.util.List;
import java.util.Optional;
import org.slf4j.Logger;
import org.slf4j.LoggerFactory;
import org.xbill.DNS.DClass;
import org.xbill.DNS.DNSKEYRecord;
import org.xbill.DNS.DNSSEC;
import org.xbill.DNS.DSRecord;
import org.xbill.DNS.Name;

/**
 * Signing of hosted zones: switching it on and off, the keys' life cycle and the DS at the
 * registrar. A zone's keys are ECDSA P-256 combined signing keys (flags 257), sealed at rest.
 *
 * <p>A rollover is a pre-publish rollover of the combined key (RFC 6781 §4.1.4, RFC 7583 §3.3):
 * the new key is published (the key set is signed by every key in it, zone data by the active
 * key); after {@code propagation + dnskey-ttl} every cache knows it, so it becomes active, the old
 * key is retired and the DS set at the registrar is switched to the new key; once the registrar
 * holds the new DS for {@code propagation + ds-ttl} (no cache keeps the old DS) and the answers
 * signed by the old key have expired (the zone's largest TTL), the old key leaves the key set.
 * Switching signing off removes the DS at once, keeps signing (with CDS/CDNSKEY asking for
 * deletion, RFC 8078) until cached DS have expired, then drops the keys.
 *
 * <p>{@link #run} advances every zone's rollover and pushes DS sets not yet at the registrar; the
 * scheduler calls it every {@code dns.dnssec.check-interval} on one node.
 */
public final class DnssecService {
    private static final Logger LOG = LoggerFactory.getLogger(DnssecService.class);

    /** What the APIs show of a zone's signing. */
    public record Status(boolean enabled, List<DelegationKey> ds, List<SigningKey> keys, boolean dsPublished, String dsNote) {}

    private final Db db;
    private final Clock clock;
    private final Secrets secrets;
    private final DnsStore zones;
    private final DnssecStore store;
    private final DnssecSettings settings;
    private final ZoneSync sync;
    private volatile DsPublisher publisher = DsPublisher.NONE;

    DnssecService(Db db, Clock clock, Secrets secrets, DnsStore zones, DnssecStore store, DnssecSettings settings, ZoneSync sync) {
        this.db = db;
        this.clock = clock;
        this.secrets = secrets;
        this.zones = zones;
        this.store = store;
        this.settings = settings;
        this.sync = sync;
    }

    DnssecSettings settings() { return settings; }

    void usePublisher(DsPublisher publisher) {
        this.publisher = publisher;
    }

    /** The zone's signer for the DNS server, or null when it has no keys. */
    ZoneSigner signer(Zone zone) {
        var keys = store.keys(zone.id());
        if (keys.isEmpty()) return null;
        boolean enabled = store.signing(zone.id()).map(DnssecStore.Signing::enabled).orElse(false);
        try {
            return new ZoneSigner(Wire.name(zone.name()), clock, settings, keys, !enabled, secrets::decrypt);
        } catch (RuntimeException e) {
            // Keys that do not open (the node secret differs from the one that sealed them): the zone
            // is still served, unsigned, and the error says why validating resolvers reject it.
            LOG.error("dnssec: the keys of {} cannot be used, serving it unsigned: {}", zone.name(), e.toString());
            return null;
        }
    }

    public Status status(long zoneId) {
        var signing = store.signing(zoneId).orElse(null);
        var keys = store.keys(zoneId);
        boolean enabled = signing != null && signing.enabled();
        Zone z = zones.zone(zoneId).orElseThrow(() -> StewardException.notFound("Zone not found"));
        return new Status(enabled, enabled ? wanted(z, keys) : List.of(), keys, signing != null && signing.dsSynced(),
                signing == null ? null : signing.dsNote());
    }

    /** Switches signing on or off; answers the new status. The DS change is pushed at once (a failure is retried by the job). */
    public Status setEnabled(long zoneId, boolean enabled) {
        List<Long> changes = db.tx(() -> {
            Zone z = zones.zoneForUpdate(zoneId).orElseThrow(() -> StewardException.notFound("Zone not found"));
            var now = Times.now(clock);
            var current = store.signing(zoneId);
            if (current.map(DnssecStore.Signing::enabled).orElse(false) == enabled) return List.<Long>of();
            if (enabled) {
                store.saveSigning(z, true, null, now);
                if (store.keys(zoneId).stream().noneMatch(k -> k.state().equals(SigningKey.ACTIVE))) {
                    store.insertKey(newKey(z, SigningKey.ACTIVE, now, null));
                }
            } else {
                if (current.isEmpty()) return List.<Long>of();
                store.saveSigning(z, false, now, now);
            }
            return zones.logChanges(zoneId, null, true);
        });
        applyHere(zoneId, changes);
        push(zoneId);
        return status(zoneId);
    }

    /**
     * A zone was deleted in its own transaction (told after the commit): its signing row stayed
     * behind, and the DS set at the registry is emptied ({@link #withdraw}), or the domain would
     * stay bound to keys that no longer exist. Zones deleted inside another feature's transaction
     * (a terminated service, a registration releasing another account's zone) are found by the job.
     */
    void afterDeletion(Zone z) {
        try {
            withdraw(z.id());
        } catch (RuntimeException e) {
            LOG.warn("dnssec: DS of deleted zone {} not withdrawn yet: {}", z.name(), e.toString());
        }
    }

    /** A signing row whose zone is gone: empties the DS set at the registry (unless the name is signed again), then forgets it. */
    private boolean withdraw(long zoneId) {
        var signing = db.tx(() -> zones.zone(zoneId).isPresent() ? null : store.signing(zoneId).orElse(null));
        if (signing == null) return false;
        if (!db.tx(() -> store.otherSigned(signing.zoneName(), zoneId))) {
            publisher.publish(signing.clientId(), signing.zoneName(), List.of());
        }
        db.tx(() -> {
            store.deleteSigning(zoneId);
            return null;
        });
        LOG.info("dnssec: DS of deleted zone {} withdrawn", signing.zoneName());
        return true;
    }

    /** Starts a rollover now (staff): publishes a new key that signs after the usual wait. 409 while one is under way. */
    public Status rollNow(long zoneId) {
        List<Long> changes = db.tx(() -> {
            Zone z = zones.zoneForUpdate(zoneId).orElseThrow(() -> StewardException.notFound("Zone not found"));
            if (!store.signing(zoneId).map(DnssecStore.Signing::enabled).orElse(false)) {
                throw new StewardException(ErrorCode.CONFLICT, "The zone " + z.name() + " is not signed");
            }
            if (store.keys(zoneId).stream().anyMatch(k -> !k.state().equals(SigningKey.ACTIVE))) {
                throw new StewardException(ErrorCode.CONFLICT, "A key rollover of " + z.name() + " is already under way");
            }
            return startRollover(z, Times.now(clock));
        });
        applyHere(zoneId, changes);
        return status(zoneId);
    }

    private List<Long> startRollover(Zone z, LocalDateTime now) {
        store.insertKey(newKey(z, SigningKey.PUBLISHED, now, now.plus(settings.propagation()).plusSeconds(settings.dnskeyTtl())));
        var changes = zones.logChanges(z.id(), null, true);
        LOG.info("dnssec: key rollover of {} started", z.name());
        return changes;
    }

    /** One pass over every signed zone: rollovers advanced, DS sets pushed, withdrawn keys dropped. Answers the zones changed. */
    public int run() {
        int changed = 0;
        for (long zoneId : db.tx(store::signedZoneIds)) {
            try {
                if (advance(zoneId)) changed++;
            } catch (RuntimeException e) {
                LOG.warn("dnssec: zone {} not advanced: {}", zoneId, e.toString());
            }
        }
        return changed;
    }

    private boolean advance(long zoneId) {
        if (withdraw(zoneId)) return false;
        var changes = new java.util.ArrayList<Long>(db.tx(() -> step(zoneId, true)));
        var signing = db.tx(() -> store.signing(zoneId));
        if (signing.isPresent() && !signing.get().dsSynced()) push(zoneId);
        changes.addAll(db.tx(() -> step(zoneId, false)));
        if (changes.isEmpty()) return false;
        applyHere(zoneId, changes);
        return true;
    }

    /**
     * Applies a committed change of the zone on this node and marks its change-log rows as applied,
     * so the change-log poll does not reload the zone again (a reload drops its cached signatures).
     */
    private void applyHere(long zoneId, List<Long> changes) {
        sync.apply(zoneId, null);
        sync.applied(changes);
    }

    /**
     * The time-driven changes of one zone, in its transaction: before the DS push, a published
     * key whose wait is over becomes active (and the DS set changes); after it, retired keys get
     * their removal time, keys past it are removed, a withdrawn zone loses its keys, and a key
     * that has signed for {@code rollover-interval} is rolled.
     */
    private List<Long> step(long zoneId, boolean beforePush) {
        Zone z = zones.zoneForUpdate(zoneId).orElse(null);
        var signing = store.signing(zoneId).orElse(null);
        if (z == null || signing == null) return List.of();
        var now = Times.now(clock);
        var keys = store.keys(zoneId);
        boolean changed = false;
        if (beforePush) {
            if (!signing.enabled()) return List.of();
            for (SigningKey k : keys) {
                if (k.state().equals(SigningKey.PUBLISHED) && k.activateAt() != null && !now.isBefore(k.activateAt())) {
                    for (SigningKey old : keys) if (old.state().equals(SigningKey.ACTIVE)) store.setState(old.id(), SigningKey.RETIRED, now, null);
                    store.setState(k.id(), SigningKey.ACTIVE, null, null);
                    store.dsChanged(zoneId, now);
                    changed = true;
                    LOG.info("dnssec: key {} of {} now signs", k.keyTag(), z.name());
                }
            }
        } else if (!signing.enabled()) {
            // Off: once no cache can hold the removed DS, the answers need no signatures.
            LocalDateTime since = later(signing.disabledAt(), signing.dsSyncedAt());
            if (signing.dsSynced() && since != null && !now.isBefore(since.plus(settings.propagation()).plusSeconds(settings.dsTtl()))) {
                store.deleteSigning(zoneId);
                changed = true;
                LOG.info("dnssec: {} no longer signed", z.name());
            }
        } else {
            int maxTtl = -1;
            for (SigningKey k : keys) {
                if (!k.state().equals(SigningKey.RETIRED)) continue;
                if (k.removeAt() == null && signing.dsSynced() && signing.dsSyncedAt() != null && !signing.dsSyncedAt().isBefore(k.retiredAt())) {
                    if (maxTtl < 0) maxTtl = store.maxTtl(zoneId);
                    LocalDateTime removeAt = later(signing.dsSyncedAt().plusSeconds(settings.dsTtl()), k.retiredAt().plusSeconds(maxTtl))
                            .plus(settings.propagation());
                    store.setRemoveAt(k.id(), removeAt);
                    k = new SigningKey(k.id(), k.zoneId(), k.keyTag(), k.algorithm(), k.flags(), k.publicKey(), k.sealedPrivate(), k.state(),
                            k.createdAt(), k.activateAt(), k.retiredAt(), removeAt);
                }
                if (k.removeAt() != null && !now.isBefore(k.removeAt())) {
                    store.deleteKey(k.id());
                    changed = true;
                    LOG.info("dnssec: retired key {} of {} removed", k.keyTag(), z.name());
                }
            }
            Duration every = settings.rolloverInterval();
            if (!every.isZero() && keys.stream().allMatch(k -> k.state().equals(SigningKey.ACTIVE))) {
                var newest = keys.stream().map(k -> k.activateAt() != null ? k.activateAt() : k.createdAt()).max(LocalDateTime::compareTo);
                if (newest.isPresent() && !now.isBefore(newest.get().plus(every))) {
                    return startRollover(z, now);
                }
            }
        }
        return changed ? zones.logChanges(zoneId, null, true) : List.of();
    }

    private static LocalDateTime later(LocalDateTime a, LocalDateTime b) {
        if (a == null) return b;
        if (b == null) return a;
        return a.isAfter(b) ? a : b;
    }

    /** Pushes the DS set the keys call for (none when signing is off) to the registrar; records the outcome. */
    void push(long zoneId) {
        record Wanted(Zone zone, List<DelegationKey> ds) {}
        Wanted w = db.tx(() -> {
            var signing = store.signing(zoneId);
            Optional<Zone> z = zones.zone(zoneId);
            if (signing.isEmpty() || z.isEmpty()) return null;
            return new Wanted(z.get(), signing.get().enabled() ? wanted(z.get(), store.keys(zoneId)) : List.of());
        });
        if (w == null) return;
        String note;
        boolean synced;
        try {
            var outcome = publisher.publish(w.zone().clientId(), w.zone().name(), w.ds());
            synced = true;
            note = outcome == DsPublisher.Outcome.PUBLISHED ? null
                    : "The domain is not registered through us: publish the DS records at its registrar";
        } catch (RuntimeException e) {
            synced = false;
            note = "The registrar did not accept the DS records yet: " + (e instanceof StewardException se ? String.join("; ", se.messages()) : "error");
            LOG.warn("dnssec: DS of {} not pushed: {}", w.zone().name(), e.toString());
        }
        boolean ok = synced;
        String n = note;
        db.tx(() -> {
            store.dsPushed(zoneId, ok, n, Times.now(clock));
            return null;
        });
    }

    /** The DS records of the active keys: what the parent should hold. */
    static List<DelegationKey> wanted(Zone z, List<SigningKey> keys) {
        var out = new ArrayList<DelegationKey>();
        Name origin = Wire.name(z.name());
        for (SigningKey k : keys) {
            if (!k.state().equals(SigningKey.ACTIVE)) continue;
            var dnskey = new DNSKEYRecord(origin, DClass.IN, 3600, k.flags(), DNSKEYRecord.Protocol.DNSSEC, k.algorithm(),
                    Base64.getDecoder().decode(k.publicKey()));
            var ds = new DSRecord(origin, DClass.IN, 3600, DNSSEC.Digest.SHA256, dnskey);
            out.add(new DelegationKey(ds.getFootprint(), ds.getAlgorithm(), ds.getDigestID(), HexFormat.of().formatHex(ds.getDigest())));
        }
        return out;
    }

    private SigningKey newKey(Zone z, String state, LocalDateTime now, LocalDateTime activateAt) {
        try {
            var gen = KeyPairGenerator.getInstance("EC");
            gen.initialize(new ECGenParameterSpec("secp256r1"));
            var pair = gen.generateKeyPair();
            var dnskey = new DNSKEYRecord(Wire.name(z.name()), DClass.IN, settings.dnskeyTtl(), 257, DNSKEYRecord.Protocol.DNSSEC,
                    ZoneSigner.ALGORITHM, pair.getPublic());
            String sealed = secrets.encrypt(Base64.getEncoder().encodeToString(pair.getPrivate().getEncoded()));
            return new SigningKey(0, z.id(), dnskey.getFootprint(), ZoneSigner.ALGORITHM, 257, Base64.getEncoder().encodeToString(dnskey.getKey()),
                    sealed, state, now, activateAt, null, null);
        } catch (GeneralSecurityException | DNSSEC.DNSSECException e) {
            throw new IllegalStateException("cannot create a signing key", e);
        }
    }
}
