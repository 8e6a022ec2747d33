package io.steward.domain.registrar;

import static org.jooq.impl.DSL.field;
import static org.jooq.impl.DSL.name;
import static org.jooq.impl.DSL.table;

import com.fasterxml.jackson.core.type.TypeReference;
import io.steward.core.Json;
import io.steward.core.Secrets;
import io.steward.core.Times;
import io.steward.db.Db;
import java.math.BigDecimal;
import java.time.Clock;
import java.time.Duration;
import java.time.LocalDate;
import java.time.LocalDateTime;
import java.util.ArrayList;
import java.util.Arrays;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;
import java.util.Optional;
import org.jooq.Field;
import org.jooq.Record;
import org.jooq.Table;

/**
 * The sandbox registry's state, in its own tables: every name it knows (held by Steward's
 * registrar account {@value #US} or by another), reserved and premium names, hosts (glue) and DS
 * records. It behaves like a registry: a taken or reserved name cannot be registered, a transfer
 * needs the right EPP code and an unlocked name and completes after {@code transfer-delay} (or
 * when staff approve it), a locked name cannot be transferred away.
 */
public final class SandboxRegistry implements RegistrarModule {
    /** The registrar account Steward holds names under. */
    public static final String US = "steward";

    static final Table<Record> D = table(name("registry_domain"));
    static final Field<String> NAME = field(name("name"), String.class);
    static final Field<String> SPONSOR = field(name("sponsor"), String.class);
    static final Field<String> STATUS = field(name("status"), String.class);
    static final Field<LocalDate> CREATED = field(name("created_on"), LocalDate.class);
    static final Field<LocalDate> EXPIRES = field(name("expires"), LocalDate.class);
    static final Field<String> AUTH = field(name("auth_sealed"), String.class);
    static final Field<Boolean> LOCKED = field(name("locked"), Boolean.class);
    static final Field<Boolean> PRIVACY = field(name("privacy"), Boolean.class);
    static final Field<String> NS = field(name("nameservers"), String.class);
    static final Field<String> CONTACTS = field(name("contacts"), String.class);
    static final Field<String> FORWARDS = field(name("email_forwards"), String.class);
    static final Field<String> TRANSFER_TO = field(name("transfer_to"), String.class);
    static final Field<LocalDateTime> TRANSFER_AT = field(name("transfer_at"), LocalDateTime.class);
    static final Field<Short> TRANSFER_YEARS = field(name("transfer_years"), Short.class);
    static final Field<LocalDateTime> UPDATED = field(name("updated_at"), LocalDateTime.class);

    static final Table<Record> N = table(name("registry_name"));
    static final Field<String> KIND = field(name("kind"), String.class);
    static final Field<BigDecimal> PRICE = field(name("price"), BigDecimal.class);
    static final Field<String> CURRENCY = field(name("currency"), String.class);

    static final Table<Record> H = table(name("registry_host"));
    static final Field<String> HOST = field(name("host"), String.class);
    static final Field<String> H_DOMAIN = field(name("domain"), String.class);
    static final Field<String> ADDRESSES = field(name("addresses"), String.class);

    static final Table<Record> DS = table(name("registry_ds"));
    static final Field<Long> DS_ID = field(name("id"), Long.class);
    static final Field<String> DS_DOMAIN = field(name("domain"), String.class);
    static final Field<Integer> KEY_TAG = field(name("key_tag"), Integer.class);
    static final Field<Short> ALG = field(name("algorithm"), Short.class);
    static final Field<Short> DIGEST_TYPE = field(name("digest_type"), Short.class);
    static final Field<String> DIGEST = field(name("digest"), String.class);
    static final Field<Integer> FLAGS = field(name("flags"), Integer.class);

    private static final TypeReference<Map<String, Map<String, String>>> CONTACTS_TYPE = new TypeReference<>() {};
    private static final TypeReference<Map<String, String>> FORWARDS_TYPE = new TypeReference<>() {};

    private final Db db;
    private final Clock clock;
    private final Secrets secrets;
    private final Duration transferDelay;

    SandboxRegistry(Db db, Clock clock, Secrets secrets, Duration transferDelay) {
        this.db = db;
        this.clock = clock;
        this.secrets = secrets;
        this.transferDelay = transferDelay;
    }

    private LocalDateTime now() { return Times.now(clock); }

    private Optional<Record> row(String name) {
        return db.dsl().select(NAME, SPONSOR, STATUS, CREATED, EXPIRES, AUTH, LOCKED, PRIVACY, NS, CONTACTS, FORWARDS, TRANSFER_TO,
                TRANSFER_AT, TRANSFER_YEARS).from(D).where(NAME.eq(name)).fetchOptional().map(r -> (Record) r);
    }

    /** The name's row if Steward holds it; otherwise the refusal a registry gives for a name not ours. */
    private Record ours(String name) {
        Record r = settle(name).orElseThrow(() -> RegistrarException.refused("Object does not exist: " + name));
        if (!US.equals(r.get(SPONSOR))) throw RegistrarException.refused("Authorization error: " + name + " is held by another registrar");
        return r;
    }

    /** Reads a name, completing a transfer whose waiting time is over first. */
    private Optional<Record> settle(String name) {
        return db.tx(() -> {
            Optional<Record> r = row(name);
            if (r.isPresent() && "pendingTransfer".equals(r.get().get(STATUS)) && !r.get().get(TRANSFER_AT).isAfter(now())) {
                complete(r.get());
                return row(name);
            }
            return r;
        });
    }

    private void complete(Record r) {
        int years = r.get(TRANSFER_YEARS) == null ? 1 : r.get(TRANSFER_YEARS);
        db.dsl().update(D).set(SPONSOR, r.get(TRANSFER_TO)).set(STATUS, "ok").set(EXPIRES, r.get(EXPIRES).plusYears(years))
                .set(AUTH, secrets.encrypt(newAuthCode())).set(TRANSFER_TO, (String) null).set(TRANSFER_AT, (LocalDateTime) null)
                .set(TRANSFER_YEARS, (Short) null).set(UPDATED, now()).where(NAME.eq(r.get(NAME))).execute();
        db.dsl().deleteFrom(DS).where(DS_DOMAIN.eq(r.get(NAME))).execute();
    }

    private static final String UPPER = "ABCDEFGHJKLMNPQRSTUVWXYZ";
    private static final String LOWER = "abcdefghijkmnopqrstuvwxyz";
    private static final String DIGITS = "23456789";
    private static final String SYMBOLS = "!#%+-=?@";
    private static final String AUTH_ALPHABET = UPPER + LOWER + DIGITS + SYMBOLS;
    private static final java.security.SecureRandom RANDOM = new java.security.SecureRandom();

    /**
     * A new EPP code (RFC 5731 authInfo) as registries want them: 16 characters from SecureRandom,
     * with an upper- and a lower-case letter, a digit and a symbol (no look-alikes such as O/0, l/1),
     * about 95 bits, so a code cannot be derived from the name or guessed.
     */
    public static String newAuthCode() {
        while (true) {
            var b = new StringBuilder(16);
            for (int i = 0; i < 16; i++) b.append(AUTH_ALPHABET.charAt(RANDOM.nextInt(AUTH_ALPHABET.length())));
            String code = b.toString();
            if (hasAny(code, UPPER) && hasAny(code, LOWER) && hasAny(code, DIGITS) && hasAny(code, SYMBOLS)) return code;
        }
    }

    private static boolean hasAny(String code, String chars) {
        return code.chars().anyMatch(c -> chars.indexOf(c) >= 0);
    }

    private RegistryInfo info(Record r) {
        String status = switch (r.get(STATUS)) {
            case "pendingTransfer" -> US.equals(r.get(TRANSFER_TO)) ? RegistryInfo.PENDING_TRANSFER : RegistryInfo.OK;
            default -> r.get(EXPIRES).isBefore(LocalDate.ofInstant(clock.instant(), java.time.ZoneOffset.UTC)) ? RegistryInfo.EXPIRED : RegistryInfo.OK;
        };
        if (!US.equals(r.get(SPONSOR)) && !RegistryInfo.PENDING_TRANSFER.equals(status)) status = RegistryInfo.TRANSFERRED_AWAY;
        return new RegistryInfo(r.get(NAME), status, r.get(EXPIRES), Boolean.TRUE.equals(r.get(LOCKED)), Boolean.TRUE.equals(r.get(PRIVACY)),
                split(r.get(NS)));
    }

    /** A comma-separated list as stored. */
    public static List<String> split(String csv) {
        return csv == null || csv.isBlank() ? List.of() : Arrays.stream(csv.split(",")).map(String::trim).filter(s -> !s.isEmpty()).toList();
    }

    @Override
    public Availability check(String name) {
        if (row(name).isPresent()) return Availability.taken("Domain name is already registered");
        var special = db.dsl().select(KIND, PRICE, CURRENCY).from(N).where(NAME.eq(name)).fetchOptional();
        if (special.isEmpty()) return Availability.free();
        if ("reserved".equals(special.get().get(KIND))) return Availability.taken("Domain name is reserved by the registry");
        return new Availability(true, true, special.get().get(PRICE), special.get().get(CURRENCY), "");
    }

    @Override
    public RegistryInfo register(String name, int years, List<String> nameservers, Map<String, Map<String, String>> contacts, boolean privacy) {
        return db.tx(() -> {
            Optional<Record> existing = row(name);
            if (existing.isPresent()) {
                // A repeated call (at-least-once job delivery) of a registration we already made.
                if (US.equals(existing.get().get(SPONSOR)) && existing.get().get(CREATED).equals(today())) return info(existing.get());
                throw RegistrarException.refused("Object exists: " + name + " is already registered");
            }
            if (db.dsl().fetchExists(N, NAME.eq(name).and(KIND.eq("reserved")))) throw RegistrarException.refused(name + " is reserved");
            db.dsl().insertInto(D).set(NAME, name).set(SPONSOR, US).set(STATUS, "ok").set(CREATED, today())
                    .set(EXPIRES, today().plusYears(years)).set(AUTH, secrets.encrypt(newAuthCode())).set(LOCKED, false)
                    .set(PRIVACY, privacy).set(NS, String.join(",", nameservers)).set(CONTACTS, Json.text(contacts))
                    .set(FORWARDS, "{}").set(UPDATED, now()).execute();
            return info(row(name).orElseThrow());
        });
    }

    private LocalDate today() {
        return LocalDate.ofInstant(clock.instant(), java.time.ZoneOffset.UTC);
    }

    @Override
    public RegistryInfo transfer(String name, String eppCode, int years) {
        return db.tx(() -> {
            Record r = settle(name).orElseThrow(() -> RegistrarException.refused("Object does not exist: " + name + " is not registered"));
            if (US.equals(r.get(SPONSOR))) return info(r);
            if (US.equals(r.get(TRANSFER_TO))) return info(r);
            if (Boolean.TRUE.equals(r.get(LOCKED))) throw RegistrarException.refused("Object status prohibits operation: " + name + " is locked (clientTransferProhibited)");
            if (eppCode == null || !eppCode.equals(secrets.decrypt(r.get(AUTH)))) throw RegistrarException.refused("Invalid authorization information (EPP code)");
            db.dsl().update(D).set(STATUS, "pendingTransfer").set(TRANSFER_TO, US).set(TRANSFER_AT, now().plus(transferDelay))
                    .set(TRANSFER_YEARS, (short) years).set(UPDATED, now()).where(NAME.eq(name)).execute();
            return info(row(name).orElseThrow());
        });
    }

    @Override
    public RegistryInfo renew(String name, int years) {
        return db.tx(() -> {
            Record r = ours(name);
            db.dsl().update(D).set(EXPIRES, r.get(EXPIRES).plusYears(years)).set(UPDATED, now()).where(NAME.eq(name)).execute();
            return info(row(name).orElseThrow());
        });
    }

    @Override
    public RegistryInfo info(String name) {
        return info(settle(name).orElseThrow(() -> RegistrarException.refused("Object does not exist: " + name)));
    }

    @Override
    public void setNameservers(String name, List<String> nameservers) {
        ours(name);
        db.dsl().update(D).set(NS, String.join(",", nameservers)).set(UPDATED, now()).where(NAME.eq(name)).execute();
    }

    @Override
    public void registerHost(String name, String host, List<String> addresses) {
        ours(name);
        db.txRun(() -> {
            db.dsl().deleteFrom(H).where(HOST.eq(host)).execute();
            db.dsl().insertInto(H).set(HOST, host).set(H_DOMAIN, name).set(ADDRESSES, String.join(",", addresses)).execute();
        });
    }

    @Override
    public Map<String, List<String>> hosts(String name) {
        var out = new LinkedHashMap<String, List<String>>();
        db.dsl().select(HOST, ADDRESSES).from(H).where(H_DOMAIN.eq(name)).orderBy(HOST).fetch()
                .forEach(r -> out.put(r.get(HOST), split(r.get(ADDRESSES))));
        return out;
    }

    @Override
    public void setLock(String name, boolean locked) {
        ours(name);
        db.dsl().update(D).set(LOCKED, locked).set(UPDATED, now()).where(NAME.eq(name)).execute();
    }

    @Override
    public void setPrivacy(String name, boolean privacy) {
        ours(name);
        db.dsl().update(D).set(PRIVACY, privacy).set(UPDATED, now()).where(NAME.eq(name)).execute();
    }

    @Override
    public Map<String, Map<String, String>> contacts(String name) {
        String json = ours(name).get(CONTACTS);
        try {
            return Json.MAPPER.readValue(json, CONTACTS_TYPE);
        } catch (java.io.IOException e) {
            return Map.of();
        }
    }

    @Override
    public void setContacts(String name, Map<String, Map<String, String>> contacts) {
        ours(name);
        db.dsl().update(D).set(CONTACTS, Json.text(contacts)).set(UPDATED, now()).where(NAME.eq(name)).execute();
    }

    @Override
    public String eppCode(String name) {
        return secrets.decrypt(ours(name).get(AUTH));
    }

    @Override
    public List<DsRecord> dsRecords(String name) {
        ours(name);
        return db.dsl().select(KEY_TAG, ALG, DIGEST_TYPE, DIGEST, FLAGS).from(DS).where(DS_DOMAIN.eq(name)).orderBy(DS_ID).fetch()
                .map(r -> new DsRecord(r.get(KEY_TAG), r.get(ALG), r.get(DIGEST_TYPE), r.get(DIGEST), r.get(FLAGS)));
    }

    @Override
    public void addDs(String name, DsRecord record) {
        ours(name);
        if (dsRecords(name).stream().anyMatch(d -> d.key().equals(record.key()))) return;
        db.dsl().insertInto(DS).set(DS_DOMAIN, name).set(KEY_TAG, record.keyTag()).set(ALG, (short) record.algorithm())
                .set(DIGEST_TYPE, (short) record.digestType()).set(DIGEST, record.digest().toLowerCase(java.util.Locale.ROOT))
                .set(FLAGS, record.flags()).execute();
    }

    @Override
    public boolean removeDs(String name, String key) {
        for (DsRecord d : dsRecords(name)) {
            if (d.key().equals(key)) {
                return db.dsl().deleteFrom(DS).where(DS_DOMAIN.eq(name), KEY_TAG.eq(d.keyTag()), ALG.eq((short) d.algorithm()),
                        DIGEST_TYPE.eq((short) d.digestType()), DIGEST.eq(d.digest())).execute() > 0;
            }
        }
        return false;
    }

    @Override
    public Map<String, String> emailForwards(String name) {
        try {
            return new LinkedHashMap<>(Json.MAPPER.readValue(ours(name).get(FORWARDS), FORWARDS_TYPE));
        } catch (java.io.IOException e) {
            return new LinkedHashMap<>();
        }
    }

    @Override
    public void setEmailForwards(String name, Map<String, String> forwards) {
        ours(name);
        db.dsl().update(D).set(FORWARDS, Json.text(forwards)).set(UPDATED, now()).where(NAME.eq(name)).execute();
    }

    // The registry's side, for staff and demo data: names held elsewhere, reserved and premium names, transfers.

    /** A name held by another registrar (so it is taken, and can be transferred in with its EPP code). */
    public void holdElsewhere(String name, String sponsor, LocalDate expires, String authCode, boolean locked) {
        db.txRun(() -> {
            if (row(name).isPresent()) return;
            db.dsl().insertInto(D).set(NAME, name).set(SPONSOR, sponsor).set(STATUS, "ok").set(CREATED, expires.minusYears(1))
                    .set(EXPIRES, expires).set(AUTH, secrets.encrypt(authCode)).set(LOCKED, locked).set(PRIVACY, false)
                    .set(NS, "ns1." + sponsor + ".example,ns2." + sponsor + ".example").set(CONTACTS, "{}").set(FORWARDS, "{}")
                    .set(UPDATED, now()).execute();
        });
    }

    /** Adds a reserved name, or a premium one with its one-year price. */
    public void special(String name, String kind, BigDecimal price, String currency) {
        db.txRun(() -> {
            db.dsl().deleteFrom(N).where(NAME.eq(name)).execute();
            db.dsl().insertInto(N).set(NAME, name).set(KIND, kind).set(PRICE, price).set(CURRENCY, currency).execute();
        });
    }

    /** Staff approve a transfer to us now, as the losing registrar would. */
    public RegistryInfo approveTransfer(String name) {
        return db.tx(() -> {
            Record r = row(name).orElseThrow(() -> RegistrarException.refused("Object does not exist: " + name));
            if (!"pendingTransfer".equals(r.get(STATUS))) throw RegistrarException.refused("No transfer of " + name + " is pending");
            complete(r);
            return info(row(name).orElseThrow());
        });
    }

    /** Another registrar takes a name of ours, as a gaining registrar would; refused while it is locked. */
    public RegistryInfo transferAway(String name, String to) {
        return db.tx(() -> {
            Record r = ours(name);
            if (Boolean.TRUE.equals(r.get(LOCKED))) throw RegistrarException.refused("Object status prohibits operation: " + name + " is locked (clientTransferProhibited)");
            db.dsl().update(D).set(SPONSOR, to).set(AUTH, secrets.encrypt(newAuthCode())).set(UPDATED, now()).where(NAME.eq(name)).execute();
            db.dsl().deleteFrom(H).where(H_DOMAIN.eq(name)).execute();
            return info(row(name).orElseThrow());
        });
    }

    /** Everything the registry keeps on a name, for staff. */
    public Optional<Map<String, Object>> describe(String name) {
        return settle(name).map(r -> {
            var out = new LinkedHashMap<String, Object>();
            out.put("name", r.get(NAME));
            out.put("sponsor", r.get(SPONSOR));
            out.put("status", r.get(STATUS));
            out.put("created", r.get(CREATED).toString());
            out.put("expires", r.get(EXPIRES).toString());
            out.put("locked", Boolean.TRUE.equals(r.get(LOCKED)));
            out.put("privacy", Boolean.TRUE.equals(r.get(PRIVACY)));
            out.put("nameservers", split(r.get(NS)));
            out.put("transfer_to", r.get(TRANSFER_TO));
            out.put("transfer_at", r.get(TRANSFER_AT) == null ? null : Times.stamp(r.get(TRANSFER_AT)));
            var hosts = new ArrayList<Map<String, Object>>();
            hosts(name).forEach((h, a) -> hosts.add(Map.of("host", h, "addresses", a)));
            out.put("hosts", hosts);
            return out;
        });
    }
}
