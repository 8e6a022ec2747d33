package io.steward.domain;

import com.fasterxml.jackson.databind.JsonNode;
import io.steward.core.Json;
import io.steward.core.Money;
import io.steward.core.StewardException;
import io.steward.core.Times;
import io.steward.core.Validation;
import io.steward.db.Db;
import io.steward.domain.registrar.Registrars;
import java.math.BigDecimal;
import java.time.Clock;
import java.util.ArrayList;
import java.util.HashSet;
import java.util.List;
import java.util.Locale;
import java.util.Optional;
import java.util.regex.Pattern;

/** The TLD catalog: staff maintain it; lookups and orders read it. */
public final class TldCatalog {
    private static final Pattern TLD = Pattern.compile("\\.[a-z0-9]([a-z0-9-]{0,61}[a-z0-9])?(\\.[a-z0-9]([a-z0-9-]{0,61}[a-z0-9])?)*");

    private final Db db;
    private final Clock clock;
    private final Registrars registrars;
    private final TldStore store;
    private java.util.function.LongPredicate inUse = id -> false;

    TldCatalog(Db db, Clock clock, Registrars registrars) {
        this.db = db;
        this.clock = clock;
        this.registrars = registrars;
        this.store = new TldStore(db);
    }

    void guardDeletion(java.util.function.LongPredicate domainsExist) {
        this.inUse = domainsExist;
    }

    public List<Tld> all() {
        return db.tx(() -> store.list(TldStore.all()));
    }

    /** Enabled TLDs, as clients see them. */
    public List<Tld> offered() {
        return db.tx(() -> store.list(TldStore.ENABLED.isTrue()));
    }

    public Tld get(long id) {
        return db.tx(() -> store.byId(id)).orElseThrow(() -> StewardException.notFound("TLD not found"));
    }

    /** An enabled TLD a client may order. */
    public Tld offered(long id) {
        Tld t = get(id);
        if (!t.enabled()) throw StewardException.notFound("TLD not found");
        return t;
    }

    /** The TLD a full name ends with, the longest match ({@code .co.uk} before {@code .uk}). */
    public Optional<Tld> forName(String domain) {
        return offered().stream().filter(t -> domain.endsWith(t.name()) && domain.length() > t.name().length())
                .max(java.util.Comparator.comparingInt(t -> t.name().length()));
    }

    public Tld create(JsonNode input) {
        Tld t = apply(null, input);
        return db.tx(() -> {
            if (store.byName(t.name()).isPresent()) throw StewardException.conflict("TLD " + t.name() + " already exists");
            return store.byId(store.insert(t, Times.now(clock))).orElseThrow();
        });
    }

    public Tld update(long id, JsonNode input) {
        return db.tx(() -> {
            Tld current = get(id);
            Tld next = apply(current, input);
            store.byName(next.name()).filter(o -> o.id() != id).ifPresent(o -> {
                throw StewardException.conflict("TLD " + next.name() + " already exists");
            });
            store.update(next, Times.now(clock));
            return store.byId(id).orElseThrow();
        });
    }

    public void delete(long id) {
        db.txRun(() -> {
            Tld t = get(id);
            if (inUse.test(id)) throw StewardException.conflict("TLD " + t.name() + " has domains; disable it instead");
            store.delete(id);
        });
    }

    /** Staff input over the current TLD (null for a new one): fields not sent keep their value; {@code prices} replaces all. */
    private Tld apply(Tld cur, JsonNode in) {
        var v = new Validation();
        String name = text(in, "name", cur == null ? null : cur.name());
        if (name == null || name.isBlank()) v.add("name", "Name is required, e.g. .com");
        else {
            name = name.trim().toLowerCase(Locale.ROOT);
            if (!name.startsWith(".")) name = "." + name;
            if (!TLD.matcher(name).matches()) v.add("name", "Not a valid TLD: letters, digits and hyphens in dot-separated labels");
        }
        String registrar = text(in, "registrar", cur == null ? "sandbox" : cur.registrar());
        if (!registrars.has(registrar)) v.add("registrar", "No registrar module '" + registrar + "' is installed");
        boolean epp = bool(in, "epp_required", cur == null || cur.eppRequired(), v);
        boolean premium = bool(in, "premium_enabled", cur == null || cur.premiumEnabled(), v);
        boolean enabled = bool(in, "enabled", cur == null || cur.enabled(), v);
        int position = cur == null ? 0 : cur.position();
        if (in.has("position")) {
            if (!in.get("position").canConvertToInt() && !in.get("position").asText().matches("-?\\d{1,9}")) v.add("position", "Must be a whole number");
            else position = in.get("position").asInt();
        }
        List<String> ns = cur == null ? List.of() : cur.defaultNs();
        if (in.has("default_ns")) {
            ns = new ArrayList<>();
            for (JsonNode n : in.get("default_ns")) {
                String host = n.asText().trim().toLowerCase(Locale.ROOT);
                if (!DomainNames.isHostName(host)) v.add("default_ns", "Not a host name: " + host);
                ns.add(host);
            }
            if (!in.get("default_ns").isArray()) v.add("default_ns", "Must be a list of host names");
        }
        JsonNode forms = cur == null ? Json.MAPPER.createArrayNode() : cur.forms();
        if (in.has("forms")) {
            forms = in.get("forms");
            if (!forms.isArray()) v.add("forms", "Must be a list of form objects");
            else for (JsonNode f : forms) if (!f.isObject() || !f.hasNonNull("type") || !f.hasNonNull("title") || !f.hasNonNull("id")) {
                v.add("forms", "Each form needs type, title and id");
                break;
            }
        }
        List<Tld.Price> prices = cur == null ? List.of() : cur.prices();
        if (in.has("prices")) prices = prices(in.get("prices"), v);
        v.throwIfAny();
        return new Tld(cur == null ? 0 : cur.id(), name, registrar, epp, premium, List.copyOf(ns), forms, enabled, position, prices);
    }

    private static List<Tld.Price> prices(JsonNode list, Validation v) {
        var out = new ArrayList<Tld.Price>();
        if (!list.isArray()) {
            v.add("prices", "Must be a list of {currency, period, register, transfer, renew, redemption}");
            return out;
        }
        var seen = new HashSet<String>();
        int i = 0;
        for (JsonNode p : list) {
            String field = "prices[" + i++ + "]";
            String currency = p.path("currency").asText("").trim().toUpperCase(Locale.ROOT);
            if (!currency.matches("[A-Z]{3}")) v.add(field, "currency must be an ISO 4217 code");
            int period = p.path("period").asInt(0);
            if (period < 1 || period > 10 || !p.path("period").asText().matches("\\d{1,2}")) v.add(field, "period must be 1 to 10 years");
            if (!seen.add(currency + "/" + period)) v.add(field, "Two prices for " + currency + " and " + period + " years");
            BigDecimal[] a = new BigDecimal[4];
            String[] names = {"register", "transfer", "renew", "redemption"};
            for (int k = 0; k < 4; k++) {
                try {
                    a[k] = Money.parse(p.path(names[k]).asText(k == 3 ? "0" : ""), field + "[" + names[k] + "]");
                    if (a[k].signum() < 0) v.add(field, names[k] + " must not be negative");
                } catch (StewardException e) {
                    v.add(field, names[k] + " must be an amount");
                    a[k] = BigDecimal.ZERO;
                }
            }
            out.add(new Tld.Price(currency, period, a[0], a[1], a[2], a[3]));
        }
        return out;
    }

    private static String text(JsonNode in, String field, String fallback) {
        JsonNode n = in.get(field);
        return n == null || n.isNull() ? fallback : n.asText();
    }

    private static boolean bool(JsonNode in, String field, boolean fallback, Validation v) {
        JsonNode n = in.get(field);
        if (n == null || n.isNull()) return fallback;
        String s = n.asText().toLowerCase(Locale.ROOT);
        if (s.equals("true") || s.equals("1") || s.equals("yes")) return true;
        if (s.equals("false") || s.equals("0") || s.equals("no")) return false;
        v.add(field, "Must be true or false");
        return fallback;
    }
}
