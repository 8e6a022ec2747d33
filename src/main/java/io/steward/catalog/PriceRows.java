package io.steward.catalog;

import static org.jooq.impl.DSL.field;
import static org.jooq.impl.DSL.name;
import static org.jooq.impl.DSL.table;

import io.steward.core.BillingCycle;
import io.steward.db.Db;
import java.math.BigDecimal;
import java.util.Collection;
import java.util.EnumMap;
import java.util.HashMap;
import java.util.LinkedHashMap;
import java.util.Map;
import org.jooq.Field;
import org.jooq.Record;
import org.jooq.Table;

/** One of the three price tables (product, option item, addon): rows of owner, currency, cycle, price, setup. */
final class PriceRows {
    static final Field<String> CURRENCY = field(name("currency"), String.class);
    static final Field<String> CYCLE = field(name("cycle"), String.class);
    static final Field<BigDecimal> PRICE = field(name("price"), BigDecimal.class);
    static final Field<BigDecimal> SETUP = field(name("setup"), BigDecimal.class);

    static final PriceRows PRODUCT = new PriceRows("catalog_product_price", "product_id");
    static final PriceRows ITEM = new PriceRows("catalog_form_item_price", "item_id");
    static final PriceRows ADDON = new PriceRows("catalog_addon_price", "addon_id");

    private final Table<Record> table;
    private final Field<Long> owner;

    private PriceRows(String table, String ownerColumn) {
        this.table = table(name(table));
        this.owner = field(name(ownerColumn), Long.class);
    }

    /** The price tables of the given owners; owners without prices get {@link PriceTable#EMPTY}. */
    Map<Long, PriceTable> load(Db db, Collection<Long> owners) {
        var out = new HashMap<Long, PriceTable>();
        if (owners.isEmpty()) return out;
        var raw = new HashMap<Long, Map<String, Map<BillingCycle, Price>>>();
        db.dsl().select(owner, CURRENCY, CYCLE, PRICE, SETUP).from(table).where(owner.in(owners))
                .orderBy(owner, CURRENCY).fetch().forEach(r -> {
                    // Rows are written only through validated specs, so the cycle always parses.
                    BillingCycle c = BillingCycle.parseCode(r.get(CYCLE)).orElseThrow();
                    raw.computeIfAbsent(r.get(owner), k -> new LinkedHashMap<>())
                            .computeIfAbsent(r.get(CURRENCY), k -> new EnumMap<>(BillingCycle.class))
                            .put(c, new Price(r.get(PRICE), r.get(SETUP)));
                });
        for (Long id : owners) out.put(id, raw.containsKey(id) ? PriceTable.of(raw.get(id)) : PriceTable.EMPTY);
        return out;
    }

    void replace(Db db, long ownerId, PriceTable prices) {
        db.dsl().deleteFrom(table).where(owner.eq(ownerId)).execute();
        var insert = db.dsl().insertInto(table, owner, CURRENCY, CYCLE, PRICE, SETUP);
        boolean any = false;
        for (var currency : prices.asMap().entrySet()) {
            for (var cycle : currency.getValue().entrySet()) {
                insert = insert.values(ownerId, currency.getKey(), cycle.getKey().code(), cycle.getValue().price(), cycle.getValue().setup());
                any = true;
            }
        }
        if (any) insert.execute();
    }

    /** Whether any row prices something in {@code currency}. */
    boolean anyIn(Db db, String currency) {
        return db.dsl().fetchExists(db.dsl().selectOne().from(table).where(CURRENCY.eq(currency)));
    }
}
