package io.steward.billing;

import static org.jooq.impl.DSL.field;
import static org.jooq.impl.DSL.name;
import static org.jooq.impl.DSL.table;

import io.steward.core.StewardException;
import io.steward.core.Times;
import io.steward.core.Validation;
import io.steward.db.Db;
import io.steward.modules.ModuleFactory;
import io.steward.modules.ModuleInstances;
import io.steward.modules.ModuleKind;
import java.math.BigDecimal;
import java.time.Clock;
import java.time.LocalDateTime;
import java.util.ArrayList;
import java.util.Comparator;
import java.util.List;
import java.util.Map;
import java.util.Optional;
import org.jooq.Field;
import org.jooq.Record;
import org.jooq.Table;
import org.jooq.exception.DataAccessException;

/**
 * The payment gateways: the modules of kind {@code payment} and their staff-configured rows
 * ({@code payment_gateway}). The id of a row is what clients pass as {@code pay_method}. A row is
 * the commercial face of its module (name, fees, enabled, order); the module's technical settings
 * (account, API keys) are its default module instance, which the row's calls use.
 */
public final class Gateways {
    static final Table<Record> T = table(name("payment_gateway"));
    static final Field<Long> ID = field(name("id"), Long.class);
    static final Field<String> MODULE = field(name("module"), String.class);
    static final Field<String> NAME = field(name("name"), String.class);
    static final Field<Boolean> ENABLED = field(name("enabled"), Boolean.class);
    static final Field<BigDecimal> FIXED_FEE = Sql.money("fixed_fee");
    static final Field<BigDecimal> PERCENT_FEE = Sql.rate("percent_fee");
    static final Field<Integer> SORT_ORDER = field(name("sort_order"), Integer.class);
    static final Field<LocalDateTime> CREATED_AT = field(name("created_at"), LocalDateTime.class);
    static final Field<LocalDateTime> UPDATED_AT = field(name("updated_at"), LocalDateTime.class);

    /** A staff change; null fields are left as they are. */
    public record Change(String name, Boolean enabled, BigDecimal fixedFee, BigDecimal percentFee, Integer sortOrder) {}

    private final Db db;
    private final Clock clock;
    private final ModuleInstances instances;

    Gateways(Db db, Clock clock, ModuleInstances instances) {
        this.db = db;
        this.clock = clock;
        this.instances = instances;
    }

    private List<String> installed() {
        return instances.modules().ofKind(ModuleKind.PAYMENT).stream().map(ModuleFactory::id).toList();
    }

    /**
     * Gives every module without a gateway row one, in module-id order so ids are stable across
     * nodes: named as the module's label, enabled unless it is a sandbox.
     */
    void sync() {
        var now = Times.now(clock);
        var ids = new ArrayList<>(installed());
        ids.sort(Comparator.naturalOrder());
        for (String id : ids) {
            if (db.dsl().fetchExists(T, MODULE.eq(id))) continue;
            ModuleFactory<?> f = instances.modules().factory(ModuleKind.PAYMENT, id).orElseThrow();
            try {
                db.dsl().insertInto(T).set(MODULE, id).set(NAME, f.label()).set(ENABLED, !f.sandbox())
                        .set(FIXED_FEE, BigDecimal.ZERO).set(PERCENT_FEE, BigDecimal.ZERO).set(SORT_ORDER, 0)
                        .set(CREATED_AT, now).set(UPDATED_AT, now).execute();
            } catch (DataAccessException e) {
                // Another node starting at the same moment created it.
                if (!Sql.isUniqueViolation(e)) throw e;
            }
        }
    }

    private static Gateway map(Record r) {
        return new Gateway(r.get(ID), r.get(MODULE), r.get(NAME), r.get(ENABLED), r.get(FIXED_FEE), r.get(PERCENT_FEE),
                r.get(SORT_ORDER));
    }

    private static final List<Field<?>> COLUMNS = List.of(ID, MODULE, NAME, ENABLED, FIXED_FEE, PERCENT_FEE, SORT_ORDER);

    /** Gateways whose module is installed, in display order; only enabled ones when asked. */
    public List<Gateway> list(boolean enabledOnly) {
        var q = db.dsl().select(COLUMNS).from(T).where(MODULE.in(installed()));
        if (enabledOnly) q = q.and(ENABLED.isTrue());
        return q.orderBy(SORT_ORDER, ID).fetch(Gateways::map);
    }

    public Optional<Gateway> get(long id) {
        return db.dsl().select(COLUMNS).from(T).where(ID.eq(id)).and(MODULE.in(installed())).fetchOptional(Gateways::map);
    }

    public Optional<Gateway> byModule(String module) {
        return db.dsl().select(COLUMNS).from(T).where(MODULE.eq(module)).and(MODULE.in(installed())).fetchOptional(Gateways::map);
    }

    /** An enabled gateway a client or an order may choose; anything else is a 422 naming {@code field}. */
    public Gateway requireEnabled(long id, String field) {
        return get(id).filter(Gateway::enabled)
                .orElseThrow(() -> StewardException.invalid(Map.of(field, List.of("No such payment method"))));
    }

    public Gateway update(long id, Change c) {
        var v = new Validation();
        if (c.name() != null) v.check(!c.name().isBlank() && c.name().length() <= 100, "name", "Name must be 1-100 characters");
        if (c.fixedFee() != null) v.check(c.fixedFee().signum() >= 0, "fixed_fee", "Fixed fee must not be negative");
        if (c.percentFee() != null) {
            v.check(c.percentFee().signum() >= 0 && c.percentFee().compareTo(new BigDecimal("100")) < 0, "percent_fee",
                    "Percent fee must be at least 0 and below 100");
        }
        v.throwIfAny();
        return db.tx(() -> {
            get(id).orElseThrow(() -> StewardException.notFound("Gateway not found"));
            var u = db.dsl().update(T).set(UPDATED_AT, Times.now(clock));
            if (c.name() != null) u = u.set(NAME, c.name().trim());
            if (c.enabled() != null) u = u.set(ENABLED, c.enabled());
            if (c.fixedFee() != null) u = u.set(FIXED_FEE, c.fixedFee());
            if (c.percentFee() != null) u = u.set(PERCENT_FEE, c.percentFee());
            if (c.sortOrder() != null) u = u.set(SORT_ORDER, c.sortOrder());
            u.where(ID.eq(id)).execute();
            return get(id).orElseThrow();
        });
    }

    /** How to pay {@code invoice} through {@code gateway}, from its module. */
    public String instructions(Gateway gateway, Invoice invoice) {
        return instances.openDefault(ModuleKind.PAYMENT, gateway.module(), PaymentGateway.class)
                .orElseThrow(() -> new IllegalStateException("payment module " + gateway.module() + " is not installed"))
                .instructions(invoice);
    }
}
