package io.steward.m365;

import static org.jooq.impl.DSL.field;
import static org.jooq.impl.DSL.name;
import static org.jooq.impl.DSL.table;

import io.steward.core.StewardException;
import io.steward.core.Times;
import io.steward.db.Db;
import io.steward.modules.Check;
import java.math.BigDecimal;
import java.time.Clock;
import java.time.LocalDateTime;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Locale;
import java.util.Optional;
import java.util.UUID;
import org.jooq.Field;
import org.jooq.Record;
import org.jooq.Table;

/**
 * The sandbox CSP: Microsoft's side kept in Steward's database (tables {@code m365_sandbox_*}):
 * the catalog (seeded by the migration), tenants with unique names, subscriptions and seat counts.
 * Nothing reaches Microsoft; staff see the module labelled sandbox.
 */
final class SandboxCsp implements CspModule {
    private static final Table<Record> O = table(name("m365_sandbox_offer"));
    private static final Field<Integer> O_ID = field(name("id"), Integer.class);
    private static final Field<String> O_TITLE = field(name("title"), String.class);
    private static final Field<String> O_DESC = field(name("description"), String.class);
    private static final Field<String> O_SKU = field(name("product_sku"), String.class);
    private static final Field<String> O_OFFER = field(name("offer_id"), String.class);
    private static final Field<String> O_PRICES = field(name("prices"), String.class);
    private static final Field<String> O_CURRENCY = field(name("currency"), String.class);
    private static final Table<Record> P = table(name("m365_sandbox_offer_price"));
    private static final Field<Integer> P_OFFER = field(name("offer_id"), Integer.class);
    private static final Field<String> P_CURRENCY = field(name("currency"), String.class);
    private static final Field<String> P_PRICES = field(name("prices"), String.class);
    private static final Table<Record> T = table(name("m365_sandbox_tenant"));
    private static final Field<String> ID = field(name("id"), String.class);
    private static final Field<String> T_DOMAIN = field(name("domain"), String.class);
    private static final Field<LocalDateTime> CREATED = field(name("created_at"), LocalDateTime.class);
    private static final Field<LocalDateTime> UPDATED = field(name("updated_at"), LocalDateTime.class);
    private static final Table<Record> S = table(name("m365_sandbox_subscription"));
    private static final Field<String> S_TENANT = field(name("tenant_id"), String.class);
    private static final Field<Integer> S_OFFER = field(name("offer_id"), Integer.class);
    private static final Field<Integer> S_QTY = field(name("quantity"), Integer.class);
    private static final Field<String> S_TERM = field(name("term"), String.class);
    private static final Field<String> S_CYCLE = field(name("cycle"), String.class);
    private static final Field<String> S_ORDER = field(name("order_id"), String.class);
    private static final Field<String> S_STATUS = field(name("status"), String.class);

    private final Db db;
    private final Clock clock;

    SandboxCsp(Db db, Clock clock) {
        this.db = db;
        this.clock = clock;
    }

    @Override
    public Check testConnection() {
        return Check.ok("Sandbox CSP: " + catalog().size() + " offers, nothing reaches Microsoft");
    }

    @Override
    public boolean tenantAvailable(String domain) {
        return db.tx(() -> !db.dsl().fetchExists(db.dsl().selectOne().from(T).where(T_DOMAIN.eq(domain.toLowerCase(Locale.ROOT)))));
    }

    @Override
    public String createTenant(String domain) {
        return db.tx(() -> {
            if (!tenantAvailable(domain)) throw StewardException.conflict(domain + " is already taken");
            String id = UUID.randomUUID().toString();
            db.dsl().insertInto(T).set(ID, id).set(T_DOMAIN, domain.toLowerCase(Locale.ROOT)).set(CREATED, Times.now(clock)).execute();
            return id;
        });
    }

    private static Offer offer(Record r) {
        return new Offer(r.get(O_ID), r.get(O_TITLE), r.get(O_DESC), r.get(O_SKU), r.get(O_OFFER), prices(r.get(O_PRICES)), r.get(O_CURRENCY));
    }

    private static LinkedHashMap<String, BigDecimal> prices(String text) {
        var prices = new LinkedHashMap<String, BigDecimal>();
        for (String p : text.split(",")) {
            int eq = p.indexOf('=');
            prices.put(p.substring(0, eq).trim(), new BigDecimal(p.substring(eq + 1).trim()));
        }
        return prices;
    }

    /** The offer priced from its row of {@code m365_sandbox_offer_price} in {@code currency}; empty when there is none. */
    private Optional<Offer> priced(Offer o, String currency) {
        return db.dsl().select(P_PRICES).from(P).where(P_OFFER.eq(o.id())).and(P_CURRENCY.eq(currency)).fetchOptional(P_PRICES)
                .map(text -> new Offer(o.id(), o.title(), o.description(), o.productSku(), o.offerId(), prices(text), currency));
    }

    @Override
    public List<Offer> catalog(String currency) {
        return db.tx(() -> catalog().stream().flatMap(o -> priced(o, currency).stream()).toList());
    }

    @Override
    public Optional<Offer> offer(int id, String currency) {
        return db.tx(() -> offer(id).flatMap(o -> priced(o, currency)));
    }

    @Override
    public List<Offer> catalog() {
        return db.tx(() -> db.dsl().select(O_ID, O_TITLE, O_DESC, O_SKU, O_OFFER, O_PRICES, O_CURRENCY).from(O).orderBy(O_ID).fetch(SandboxCsp::offer));
    }

    @Override
    public Optional<Offer> offer(int id) {
        return db.tx(() -> db.dsl().select(O_ID, O_TITLE, O_DESC, O_SKU, O_OFFER, O_PRICES, O_CURRENCY).from(O).where(O_ID.eq(id))
                .fetchOptional(SandboxCsp::offer));
    }

    @Override
    public CspSubscription subscribe(String tenantId, int offerId, int quantity, String term, String cycle) {
        return db.tx(() -> {
            if (!db.dsl().fetchExists(db.dsl().selectOne().from(T).where(ID.eq(tenantId)))) throw StewardException.notFound("Tenant not found");
            var o = offer(offerId).orElseThrow(() -> StewardException.notFound("Offer not found"));
            if (!o.prices().containsKey(term + ":" + cycle)) throw StewardException.conflict("The offer is not sold as " + term + ":" + cycle);
            String id = UUID.randomUUID().toString();
            String order = UUID.randomUUID().toString();
            var now = Times.now(clock);
            db.dsl().insertInto(S).set(ID, id).set(S_TENANT, tenantId).set(S_OFFER, offerId).set(S_QTY, quantity).set(S_TERM, term)
                    .set(S_CYCLE, cycle).set(S_ORDER, order).set(CREATED, now).set(UPDATED, now).execute();
            return new CspSubscription(id, tenantId, offerId, quantity, term, cycle, order);
        });
    }

    @Override
    public CspSubscription setQuantity(String subscriptionId, int quantity) {
        return db.tx(() -> {
            var status = db.dsl().select(S_STATUS).from(S).where(ID.eq(subscriptionId)).fetchOptional(S_STATUS)
                    .orElseThrow(() -> StewardException.notFound("Subscription not found"));
            if (!status.equals("active")) throw StewardException.conflict("The subscription is " + status);
            db.dsl().update(S).set(S_QTY, quantity).set(UPDATED, Times.now(clock)).where(ID.eq(subscriptionId)).execute();
            return db.dsl().select(ID, S_TENANT, S_OFFER, S_QTY, S_TERM, S_CYCLE, S_ORDER).from(S).where(ID.eq(subscriptionId))
                    .fetchOne(r -> new CspSubscription(r.get(ID), r.get(S_TENANT), r.get(S_OFFER), r.get(S_QTY), r.get(S_TERM), r.get(S_CYCLE),
                            r.get(S_ORDER)));
        });
    }

    @Override
    public void cancel(String subscriptionId) {
        move(subscriptionId, null, "cancelled");
    }

    @Override
    public void suspend(String subscriptionId) {
        move(subscriptionId, "active", "suspended");
    }

    @Override
    public void resume(String subscriptionId) {
        move(subscriptionId, "suspended", "active");
    }

    /** Sets the status {@code to} from {@code from} (any status but cancelled when null); an unknown subscription is not found. */
    private void move(String subscriptionId, String from, String to) {
        db.txRun(() -> {
            if (!db.dsl().fetchExists(db.dsl().selectOne().from(S).where(ID.eq(subscriptionId)))) throw StewardException.notFound("Subscription not found");
            db.dsl().update(S).set(S_STATUS, to).set(UPDATED, Times.now(clock)).where(ID.eq(subscriptionId))
                    .and(from == null ? S_STATUS.ne("cancelled") : S_STATUS.eq(from)).execute();
        });
    }
}
