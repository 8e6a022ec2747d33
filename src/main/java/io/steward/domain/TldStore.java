package io.steward.domain;

import static org.jooq.impl.DSL.field;
import static org.jooq.impl.DSL.name;
import static org.jooq.impl.DSL.table;

import io.steward.core.Json;
import io.steward.db.Db;
import java.math.BigDecimal;
import java.time.LocalDateTime;
import java.util.ArrayList;
import java.util.HashMap;
import java.util.List;
import java.util.Map;
import java.util.Optional;
import org.jooq.Condition;
import org.jooq.Field;
import org.jooq.Record;
import org.jooq.Table;
import org.jooq.impl.DSL;

/** The {@code tld} and {@code tld_price} tables. */
final class TldStore {
    static final Table<Record> T = table(name("tld"));
    static final Field<Long> ID = field(name("id"), Long.class);
    static final Field<String> NAME = field(name("name"), String.class);
    static final Field<String> REGISTRAR = field(name("registrar"), String.class);
    static final Field<Boolean> EPP_REQUIRED = field(name("epp_required"), Boolean.class);
    static final Field<Boolean> PREMIUM = field(name("premium_enabled"), Boolean.class);
    static final Field<String> DEFAULT_NS = field(name("default_ns"), String.class);
    static final Field<String> FORMS = field(name("forms"), String.class);
    static final Field<Boolean> ENABLED = field(name("enabled"), Boolean.class);
    static final Field<Integer> POSITION = field(name("position"), Integer.class);
    static final Field<LocalDateTime> CREATED_AT = field(name("created_at"), LocalDateTime.class);
    static final Field<LocalDateTime> UPDATED_AT = field(name("updated_at"), LocalDateTime.class);

    static final Table<Record> P = table(name("tld_price"));
    static final Field<Long> P_TLD = field(name("tld_id"), Long.class);
    static final Field<String> P_CURRENCY = field(name("currency"), String.class);
    static final Field<Short> P_PERIOD = field(name("period"), Short.class);
    static final Field<BigDecimal> P_REGISTER = field(name("register_price"), BigDecimal.class);
    static final Field<BigDecimal> P_TRANSFER = field(name("transfer_price"), BigDecimal.class);
    static final Field<BigDecimal> P_RENEW = field(name("renew_price"), BigDecimal.class);
    static final Field<BigDecimal> P_REDEMPTION = field(name("redemption_price"), BigDecimal.class);

    private final Db db;

    TldStore(Db db) {
        this.db = db;
    }

    List<Tld> list(Condition where) {
        var rows = db.dsl().select(ID, NAME, REGISTRAR, EPP_REQUIRED, PREMIUM, DEFAULT_NS, FORMS, ENABLED, POSITION).from(T).where(where)
                .orderBy(POSITION, NAME).fetch();
        if (rows.isEmpty()) return List.of();
        Map<Long, List<Tld.Price>> prices = new HashMap<>();
        db.dsl().select(P_TLD, P_CURRENCY, P_PERIOD, P_REGISTER, P_TRANSFER, P_RENEW, P_REDEMPTION).from(P)
                .where(P_TLD.in(rows.map(r -> r.get(ID)))).orderBy(P_TLD, P_CURRENCY, P_PERIOD).fetch()
                .forEach(r -> prices.computeIfAbsent(r.get(P_TLD), k -> new ArrayList<>()).add(new Tld.Price(r.get(P_CURRENCY),
                        r.get(P_PERIOD), r.get(P_REGISTER), r.get(P_TRANSFER), r.get(P_RENEW), r.get(P_REDEMPTION))));
        return rows.map(r -> new Tld(r.get(ID), r.get(NAME), r.get(REGISTRAR), r.get(EPP_REQUIRED), r.get(PREMIUM),
                io.steward.domain.registrar.SandboxRegistry.split(r.get(DEFAULT_NS)), Json.tree(readTree(r.get(FORMS))),
                r.get(ENABLED), r.get(POSITION), List.copyOf(prices.getOrDefault(r.get(ID), List.of()))));
    }

    private static Object readTree(String json) {
        try {
            return Json.MAPPER.readTree(json);
        } catch (java.io.IOException e) {
            return List.of();
        }
    }

    Optional<Tld> byId(long id) {
        return list(ID.eq(id)).stream().findFirst();
    }

    Optional<Tld> byName(String name) {
        return list(NAME.eq(name)).stream().findFirst();
    }

    long insert(Tld t, LocalDateTime now) {
        long id = db.dsl().insertInto(T).set(NAME, t.name()).set(REGISTRAR, t.registrar()).set(EPP_REQUIRED, t.eppRequired())
                .set(PREMIUM, t.premiumEnabled()).set(DEFAULT_NS, String.join(",", t.defaultNs())).set(FORMS, Json.text(t.forms()))
                .set(ENABLED, t.enabled()).set(POSITION, t.position()).set(CREATED_AT, now).set(UPDATED_AT, now)
                .returningResult(ID).fetchOne().value1();
        writePrices(id, t.prices());
        return id;
    }

    void update(Tld t, LocalDateTime now) {
        db.dsl().update(T).set(NAME, t.name()).set(REGISTRAR, t.registrar()).set(EPP_REQUIRED, t.eppRequired())
                .set(PREMIUM, t.premiumEnabled()).set(DEFAULT_NS, String.join(",", t.defaultNs())).set(FORMS, Json.text(t.forms()))
                .set(ENABLED, t.enabled()).set(POSITION, t.position()).set(UPDATED_AT, now).where(ID.eq(t.id())).execute();
        db.dsl().deleteFrom(P).where(P_TLD.eq(t.id())).execute();
        writePrices(t.id(), t.prices());
    }

    private void writePrices(long id, List<Tld.Price> prices) {
        for (Tld.Price p : prices) {
            db.dsl().insertInto(P).set(P_TLD, id).set(P_CURRENCY, p.currency()).set(P_PERIOD, (short) p.period())
                    .set(P_REGISTER, p.register()).set(P_TRANSFER, p.transfer()).set(P_RENEW, p.renew()).set(P_REDEMPTION, p.redemption())
                    .execute();
        }
    }

    void delete(long id) {
        db.dsl().deleteFrom(T).where(ID.eq(id)).execute();
    }

    static Condition all() {
        return DSL.noCondition();
    }
}
