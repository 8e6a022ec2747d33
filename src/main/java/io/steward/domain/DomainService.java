package io.steward.domain;

import io.steward.account.Actor;
import io.steward.core.ErrorCode;
import io.steward.core.Ids;
import io.steward.core.Secrets;
import io.steward.core.StewardException;
import io.steward.core.Times;
import io.steward.db.Db;
import io.steward.domain.registrar.Capability;
import io.steward.domain.registrar.DsRecord;
import io.steward.domain.registrar.RegistryInfo;
import java.time.Clock;
import java.time.LocalDate;
import java.time.ZoneOffset;
import java.util.ArrayList;
import java.util.LinkedHashMap;
import java.util.LinkedHashSet;
import java.util.List;
import java.util.Locale;
import java.util.Map;
import java.util.Set;

/**
 * A client's domains and what the client API does with them: reading, nameservers and glue,
 * lock, ID protection, contacts, EPP code, DNSSEC, email forwarding, autorenew and sync. Changes
 * at the registry are made by the domain's registrar module at once (the client waits for the
 * registry's answer, as registrars' control panels do); the domain row follows in a transaction
 * once the registry has accepted the change. Registration, transfer and renewal are paid for and
 * run as jobs ({@link DomainOrdering}).
 */
public final class DomainService {
    public static final List<String> CONTACT_ROLES = List.of("registrant", "admin", "tech", "billing");

    private final Db db;
    private final Clock clock;
    private final Secrets secrets;
    private final DomainStore store;
    private final DomainEvents events;
    private final TldCatalog tlds;
    private final Registry registry;
    private final DomainSettings settings;
    private final Profiles profiles;

    /** The account's and its contacts' registration details, for domain contacts (contact id null: the account holder). */
    public interface Profiles {
        java.util.Optional<io.steward.account.Profile> of(long clientId, Long contactId);
    }

    DomainService(Db db, Clock clock, Secrets secrets, DomainStore store, DomainEvents events, TldCatalog tlds, Registry registry, DomainSettings settings,
                  Profiles profiles) {
        this.db = db;
        this.clock = clock;
        this.secrets = secrets;
        this.store = store;
        this.events = events;
        this.tlds = tlds;
        this.registry = registry;
        this.settings = settings;
        this.profiles = profiles;
    }

    LocalDate today() {
        return LocalDate.ofInstant(clock.instant(), ZoneOffset.UTC);
    }

    // Reading

    /** The caller's domains: a contact sees those it holds {@code basic} on. */
    public List<Domain> list(Actor actor) {
        return db.tx(() -> store.list(DomainStore.CLIENT_ID.eq(actor.clientId()))).stream()
                .filter(d -> actor.isHolder() || actor.privileges().domains().allows(d.id(), "basic")).toList();
    }

    /** One of the caller's domains, with the caller's privilege on it (404 for another client's, 403 without the privilege). */
    public Domain get(Actor actor, long id, String privilege) {
        Domain d = db.tx(() -> store.ofClient(actor.clientId(), id)).orElseThrow(() -> StewardException.notFound("Domain not found"));
        actor.requireDomain(id, privilege);
        return d;
    }

    /** Every domain of the caller of that name, history included. */
    public List<Domain> byName(Actor actor, String name) {
        String n = DomainNames.normalise(name).orElse(name.trim().toLowerCase(Locale.ROOT));
        return list(actor).stream().filter(d -> d.name().equals(n)).toList();
    }

    public Set<Long> idsOf(long clientId) {
        return db.tx(() -> store.idsOf(clientId));
    }

    public Domain byId(long id) {
        return db.tx(() -> store.byId(id)).orElseThrow(() -> StewardException.notFound("Domain not found"));
    }

    public List<Domain> search(Long clientId, String status, String q) {
        var c = org.jooq.impl.DSL.noCondition();
        if (clientId != null) c = c.and(DomainStore.CLIENT_ID.eq(clientId));
        if (status != null && !status.isBlank()) c = c.and(DomainStore.STATUS.eq(status));
        if (q != null && !q.isBlank()) c = c.and(DomainStore.NAME.like(Db.containing(q.trim().toLowerCase(Locale.ROOT))));
        var where = c;
        return db.tx(() -> store.list(where));
    }

    private Domain manageable(Actor actor, long id, String privilege) {
        Domain d = get(actor, id, privilege);
        if (!d.manageable()) throw StewardException.conflict("Domain is " + d.status() + "; it can be managed once it is Active");
        return d;
    }

    // Nameservers and hosts

    /** The nameservers to use when none are given: the TLD's defaults, else Steward's. */
    List<String> defaultNameservers(Tld tld) {
        return tld.defaultNs().isEmpty() ? settings.defaultNameservers() : tld.defaultNs();
    }

    static List<String> parseNameservers(List<String> raw, String field) {
        var out = new LinkedHashSet<String>();
        for (String s : raw) {
            if (s == null || s.isBlank()) continue;
            String host = s.trim().toLowerCase(Locale.ROOT);
            if (host.endsWith(".")) host = host.substring(0, host.length() - 1);
            if (!DomainNames.isHostName(host) || !host.contains(".")) throw StewardException.invalid(Map.of(field, List.of("Not a host name: " + s.trim())));
            out.add(host);
        }
        if (!out.isEmpty() && (out.size() < 2 || out.size() > 13)) {
            throw StewardException.invalid(Map.of(field, List.of("Give 2 to 13 nameservers (or none for the defaults)")));
        }
        return List.copyOf(out);
    }

    public Domain setNameservers(Actor actor, long id, List<String> raw) {
        Domain d = manageable(actor, id, "nameservers");
        List<String> ns = parseNameservers(raw, "nameservers");
        if (ns.isEmpty()) ns = defaultNameservers(tlds.get(d.tldId()));
        List<String> chosen = ns;
        registry.run(d.registrar(), Capability.NAMESERVERS, m -> m.setNameservers(d.name(), chosen));
        db.txRun(() -> store.set(id, DomainStore.NS, String.join(",", chosen), Times.now(clock)));
        return byId(id);
    }

    /** Registers a nameserver host under the domain with its addresses (glue); {@code host} may be a label or a full name. */
    public Map<String, List<String>> registerHost(Actor actor, long id, String host, List<String> ips) {
        Domain d = manageable(actor, id, "nameservers");
        var v = new io.steward.core.Validation();
        String h = host == null ? "" : host.trim().toLowerCase(Locale.ROOT);
        if (h.endsWith(".")) h = h.substring(0, h.length() - 1);
        if (!h.isEmpty() && !h.contains(".")) h = h + "." + d.name();
        if (h.isEmpty()) v.add("host", "Host name is required, e.g. ns1." + d.name());
        else if (!DomainNames.isHostName(h) || !DomainNames.isUnder(h, d.name()) || h.equals(d.name())) {
            v.add("host", "The host must be a name under " + d.name());
        }
        var addresses = new ArrayList<String>();
        for (String ip : ips) if (ip != null && !ip.isBlank()) addresses.add(ip.trim());
        if (addresses.isEmpty()) v.add("ip", "At least one IP address is required");
        for (String ip : addresses) if (!DomainNames.isAddress(ip)) v.add("ip", "Not an IP address: " + ip);
        v.throwIfAny();
        String hostName = h;
        registry.run(d.registrar(), Capability.GLUE, m -> m.registerHost(d.name(), hostName, addresses));
        return registry.call(d.registrar(), Capability.GLUE, m -> m.hosts(d.name()));
    }

    public Map<String, List<String>> hosts(Actor actor, long id) {
        Domain d = manageable(actor, id, "basic");
        if (!registry.supports(d.registrar(), Capability.GLUE)) return Map.of();
        return registry.call(d.registrar(), Capability.GLUE, m -> m.hosts(d.name()));
    }

    // EPP, lock, privacy, autorenew

    public String eppCode(Actor actor, long id) {
        Domain d = manageable(actor, id, "epp");
        return registry.call(d.registrar(), Capability.EPP_CODE, m -> m.eppCode(d.name()));
    }

    public Domain setLock(Actor actor, long id, boolean locked) {
        Domain d = manageable(actor, id, "reglock");
        registry.run(d.registrar(), Capability.LOCK, m -> m.setLock(d.name(), locked));
        db.txRun(() -> store.set(id, DomainStore.REGLOCK, locked, Times.now(clock)));
        return byId(id);
    }

    public Domain setIdProtection(Actor actor, long id, boolean on) {
        Domain d = manageable(actor, id, "idprotection");
        registry.run(d.registrar(), Capability.ID_PROTECTION, m -> m.setPrivacy(d.name(), on));
        db.txRun(() -> store.set(id, DomainStore.IDPROTECTION, on, Times.now(clock)));
        return byId(id);
    }

    public Domain setAutorenew(Actor actor, long id, boolean on) {
        Domain d = get(actor, id, "autorenew");
        if (!Domain.LIVE.contains(d.status())) throw StewardException.conflict("Domain is " + d.status());
        db.txRun(() -> store.set(id, DomainStore.AUTORENEW, on, Times.now(clock)));
        return byId(id);
    }

    // Contacts

    public Map<String, Map<String, String>> contacts(Actor actor, long id) {
        Domain d = manageable(actor, id, "contactinfo");
        return registry.call(d.registrar(), Capability.CONTACTS, m -> m.contacts(d.name()));
    }

    /**
     * Sets contacts by role: each role given names a contact of the account (its id; 0 is the
     * account holder) or carries the fields themselves. Roles not given stay as they are.
     */
    public Map<String, Map<String, String>> setContacts(Actor actor, long id, Map<String, com.fasterxml.jackson.databind.JsonNode> given) {
        Domain d = manageable(actor, id, "contactinfo");
        if (given.isEmpty()) throw StewardException.invalid(Map.of("registrant", List.of("Give at least one of registrant, admin, tech, billing")));
        var current = new LinkedHashMap<>(registry.call(d.registrar(), Capability.CONTACTS, m -> m.contacts(d.name())));
        given.forEach((role, node) -> current.put(role, contactFields(d.clientId(), role, node)));
        registry.run(d.registrar(), Capability.CONTACTS, m -> m.setContacts(d.name(), current));
        db.txRun(() -> store.set(id, DomainStore.CONTACTS, io.steward.core.Json.text(current), Times.now(clock)));
        return current;
    }

    static final List<String> CONTACT_FIELDS = List.of("firstname", "lastname", "companyname", "email", "address1", "address2", "city",
            "state", "postcode", "country", "phonenumber");

    /** A role's contact: a contact id of the account (0 or empty: the holder) or an object of fields. */
    Map<String, String> contactFields(long clientId, String role, com.fasterxml.jackson.databind.JsonNode node) {
        if (node != null && node.isObject()) {
            var out = new LinkedHashMap<String, String>();
            for (String f : CONTACT_FIELDS) out.put(f, node.path(f).asText("").trim());
            var v = new io.steward.core.Validation();
            for (String f : List.of("firstname", "lastname", "email", "address1", "city", "country")) {
                if (out.get(f).isEmpty()) v.add(role + "[" + f + "]", f + " is required");
            }
            if (!out.get("country").isEmpty() && !out.get("country").matches("[A-Za-z]{2}")) v.add(role + "[country]", "Country must be an ISO code");
            v.throwIfAny();
            out.put("country", out.get("country").toUpperCase(Locale.ROOT));
            return out;
        }
        String s = node == null || node.isNull() ? "" : node.asText().trim();
        Long contactId;
        try {
            contactId = s.isEmpty() || s.equals("0") ? null : Ids.strict(s);
        } catch (NumberFormatException e) {
            throw StewardException.invalid(Map.of(role, List.of("Must be a contact id of your account, or the contact's details")));
        }
        var p = profiles.of(clientId, contactId)
                .orElseThrow(() -> StewardException.invalid(Map.of(role, List.of("No contact " + s + " on your account"))));
        var out = new LinkedHashMap<String, String>();
        String[] values = {p.firstname(), p.lastname(), p.companyname(), p.email(), p.address1(), p.address2(), p.city(), p.state(),
                p.postcode(), p.country(), p.phonenumber()};
        for (int i = 0; i < CONTACT_FIELDS.size(); i++) out.put(CONTACT_FIELDS.get(i), values[i] == null ? "" : values[i]);
        return out;
    }

    // Email forwarding

    public Map<String, String> emailForwards(Actor actor, long id) {
        Domain d = manageable(actor, id, "emforwarding");
        return registry.call(d.registrar(), Capability.EMAIL_FORWARDING, m -> m.emailForwards(d.name()));
    }

    /** Replaces the aliases: local part (or {@code *} for every other address) to a target address. */
    public Map<String, String> setEmailForwards(Actor actor, long id, Map<String, String> forwards) {
        Domain d = manageable(actor, id, "emforwarding");
        var v = new io.steward.core.Validation();
        var clean = new LinkedHashMap<String, String>();
        forwards.forEach((from, to) -> {
            String f = from.trim().toLowerCase(Locale.ROOT);
            if (f.endsWith("@" + d.name())) f = f.substring(0, f.length() - d.name().length() - 1);
            if (!f.equals("*") && !f.matches("[a-z0-9._+-]{1,64}")) v.add("emforwarding", "Not a mailbox name: " + from);
            String t = to == null ? "" : to.trim();
            if (!t.matches("[^@\\s]+@[^@\\s]+\\.[^@\\s]+")) v.add("emforwarding", "Not an email address: " + to);
            clean.put(f, t);
        });
        if (clean.size() > 100) v.add("emforwarding", "At most 100 aliases");
        v.throwIfAny();
        registry.run(d.registrar(), Capability.EMAIL_FORWARDING, m -> m.setEmailForwards(d.name(), clean));
        return clean;
    }

    // DNSSEC

    public List<DsRecord> dsRecords(Actor actor, long id) {
        Domain d = manageable(actor, id, "dnssec");
        return registry.call(d.registrar(), Capability.DNSSEC, m -> m.dsRecords(d.name()));
    }

    /** Digest lengths in hex per digest type (RFC 4509: SHA-256, RFC 6605: SHA-384, RFC 4034: SHA-1). */
    private static final Map<Integer, Integer> DIGEST_HEX = Map.of(1, 40, 2, 64, 4, 96);
    /** DNSSEC algorithms (IANA registry) accepted for DS records. */
    public static final Map<Integer, String> ALGORITHMS = new java.util.TreeMap<>(Map.of(5, "RSA/SHA-1", 7, "RSASHA1-NSEC3-SHA1",
            8, "RSA/SHA-256", 10, "RSA/SHA-512", 13, "ECDSA Curve P-256 with SHA-256", 14, "ECDSA Curve P-384 with SHA-384",
            15, "Ed25519", 16, "Ed448"));
    public static final Map<Integer, String> DIGEST_TYPES = new java.util.TreeMap<>(Map.of(1, "SHA-1", 2, "SHA-256", 4, "SHA-384"));
    public static final Map<Integer, String> FLAGS = new java.util.TreeMap<>(Map.of(256, "ZSK", 257, "KSK"));

    public DsRecord addDs(Actor actor, long id, String keyTag, String alg, String digestType, String digest, String flags) {
        Domain d = manageable(actor, id, "dnssec");
        var v = new io.steward.core.Validation();
        int tag = number(keyTag, "keytag", 0, 65535, v);
        int a = number(alg, "alg", 1, 255, v);
        int t = number(digestType, "digest_type", 1, 255, v);
        int f = flags == null || flags.isBlank() ? 257 : number(flags, "flags", 0, 65535, v);
        String hex = digest == null ? "" : digest.replaceAll("\\s", "").toLowerCase(Locale.ROOT);
        if (a > 0 && !ALGORITHMS.containsKey(a)) v.add("alg", "Unsupported algorithm; use one of " + ALGORITHMS.keySet());
        if (t > 0 && !DIGEST_TYPES.containsKey(t)) v.add("digest_type", "Unsupported digest type; use one of " + DIGEST_TYPES.keySet());
        if (f > 0 && !FLAGS.containsKey(f)) v.add("flags", "Flags must be 256 (ZSK) or 257 (KSK)");
        if (!hex.matches("[0-9a-f]+")) v.add("digest", "The digest must be hexadecimal");
        else if (DIGEST_HEX.containsKey(t) && hex.length() != DIGEST_HEX.get(t)) {
            v.add("digest", "A " + DIGEST_TYPES.get(t) + " digest has " + DIGEST_HEX.get(t) + " hex digits");
        }
        v.throwIfAny();
        var ds = new DsRecord(tag, a, t, hex, f);
        registry.run(d.registrar(), Capability.DNSSEC, m -> m.addDs(d.name(), ds));
        return ds;
    }

    public void removeDs(Actor actor, long id, String key) {
        Domain d = manageable(actor, id, "dnssec");
        boolean removed = registry.call(d.registrar(), Capability.DNSSEC, m -> m.removeDs(d.name(), key.toLowerCase(Locale.ROOT)));
        if (!removed) throw StewardException.notFound("No such DNSSEC key");
    }

    private static int number(String s, String field, int min, int max, io.steward.core.Validation v) {
        try {
            int n = Integer.parseInt(s == null ? "" : s.trim());
            if (n >= min && n <= max) return n;
        } catch (NumberFormatException e) {
            // reported below
        }
        v.add(field, field + " must be a whole number from " + min + " to " + max);
        return -1;
    }

    // Sync

    /** Reconciles one domain with its registry: expiry, lock, privacy, nameservers and status (transfers in and away). */
    public Domain sync(Actor actor, long id) {
        Domain d = get(actor, id, "basic");
        if (!Set.of(Domain.ACTIVE, Domain.EXPIRED, Domain.PENDING_TRANSFER).contains(d.status())) {
            throw StewardException.conflict("Domain is " + d.status() + "; there is nothing to synchronise");
        }
        return sync(d);
    }

    Domain sync(Domain d) {
        RegistryInfo info = registry.call(d.registrar(), Capability.SYNC, m -> m.info(d.name()));
        db.txRun(() -> apply(d.id(), info));
        return byId(d.id());
    }

    /** The registry's word on a domain, applied to its row. */
    void apply(long id, RegistryInfo info) {
        var now = Times.now(clock);
        Domain d = store.byIdForUpdate(id).orElseThrow();
        switch (info.status()) {
            case RegistryInfo.TRANSFERRED_AWAY -> {
                // Another registrar holds the name now: nothing more to renew here.
                if (events.setStatus(id, Set.of(Domain.ACTIVE, Domain.EXPIRED), Domain.TRANSFERRED_AWAY, now)) store.set(id, DomainStore.AUTORENEW, false, now);
                return;
            }
            case RegistryInfo.PENDING_TRANSFER -> {
                return;
            }
            case RegistryInfo.EXPIRED -> events.setStatus(id, Set.of(Domain.ACTIVE), Domain.EXPIRED, now);
            default -> {
                // Nameservers before the status: a completed transfer's listeners (its zone) read them.
                if (!info.nameservers().isEmpty()) store.set(id, DomainStore.NS, String.join(",", info.nameservers()), now);
                if (!info.expires().isBefore(today())) events.setStatus(id, Set.of(Domain.PENDING_TRANSFER, Domain.EXPIRED), Domain.ACTIVE, now);
            }
        }
        if (!info.expires().equals(d.expires())) {
            LocalDate nextInvoice = info.expires().minusDays(settings.leadDays());
            store.setDates(id, info.expires(), info.expires(), nextInvoice, now);
        }
        store.set(id, DomainStore.REGLOCK, info.locked(), now);
        store.set(id, DomainStore.IDPROTECTION, info.privacy(), now);
        if (!info.nameservers().isEmpty()) store.set(id, DomainStore.NS, String.join(",", info.nameservers()), now);
    }

    /** Registry exceptions as client errors: used by handlers that must say which module lacks a capability. */
    static StewardException unsupported() {
        return new StewardException(ErrorCode.UNPROCESSABLE, "The registrar of this domain does not support this action");
    }

    Secrets secrets() { return secrets; }
}
