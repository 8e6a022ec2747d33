package io.steward.catalog;

import static org.jooq.impl.DSL.field;
import static org.jooq.impl.DSL.name;
import static org.jooq.impl.DSL.table;

import com.fasterxml.jackson.core.type.TypeReference;
import io.steward.core.Json;
import io.steward.db.Db;
import java.time.LocalDateTime;
import java.util.ArrayList;
import java.util.HashMap;
import java.util.HashSet;
import java.util.List;
import java.util.Map;
import java.util.Optional;
import java.util.Set;
import org.jooq.Condition;
import org.jooq.Field;
import org.jooq.Record;
import org.jooq.Table;

/** Products with their prices, forms (and items with their prices) and links to addons, subproducts and upgrades. */
final class ProductStore {
    static final Table<Record> T = table(name("catalog_product"));
    static final Field<Long> ID = field(name("id"), Long.class);
    static final Field<Long> CATEGORY_ID = field(name("category_id"), Long.class);
    static final Field<String> NAME = field(name("name"), String.class);
    static final Field<String> TYPE = field(name("product_type"), String.class);
    static final Field<String> DESCRIPTION = field(name("description"), String.class);
    static final Field<String> PAYTYPE = field(name("paytype"), String.class);
    static final Field<Integer> STOCK = field(name("stock"), Integer.class);
    static final Field<Integer> MAX_PER_ORDER = field(name("max_per_order"), Integer.class);
    static final Field<Boolean> VISIBLE = field(name("visible"), Boolean.class);
    static final Field<Boolean> RETIRED = field(name("retired"), Boolean.class);
    static final Field<Integer> SORT_ORDER = field(name("sort_order"), Integer.class);
    static final Field<Integer> PRORATA_DAY = field(name("prorata_day"), Integer.class);
    static final Field<String> PROVISIONING = field(name("provisioning"), String.class);
    static final Field<String> MODULE = field(name("module"), String.class);
    static final Field<String> MODULE_CONFIG = field(name("module_config"), String.class);
    static final Field<Integer> LEAD_DAYS = field(name("renewal_lead_days"), Integer.class);
    static final Field<String> TAGS = field(name("tags"), String.class);
    static final Field<LocalDateTime> CREATED_AT = field(name("created_at"), LocalDateTime.class);
    static final Field<LocalDateTime> UPDATED_AT = field(name("updated_at"), LocalDateTime.class);
    private static final List<Field<?>> COLUMNS = List.of(ID, CATEGORY_ID, NAME, TYPE, DESCRIPTION, PAYTYPE, STOCK, MAX_PER_ORDER,
            VISIBLE, RETIRED, SORT_ORDER, PRORATA_DAY, PROVISIONING, MODULE, MODULE_CONFIG, LEAD_DAYS, TAGS, CREATED_AT, UPDATED_AT);

    static final Table<Record> FORM = table(name("catalog_form"));
    static final Field<Long> F_PRODUCT = field(name("product_id"), Long.class);
    static final Field<String> F_TYPE = field(name("form_type"), String.class);
    static final Field<String> F_DESCRIPTION = field(name("description"), String.class);
    static final Field<Boolean> F_REQUIRED = field(name("required"), Boolean.class);
    static final Field<Integer> F_MIN = field(name("min_value"), Integer.class);
    static final Field<Integer> F_MAX = field(name("max_value"), Integer.class);
    static final Field<Integer> F_STEP = field(name("step_value"), Integer.class);

    static final Table<Record> ITEM = table(name("catalog_form_item"));
    static final Field<Long> I_FORM = field(name("form_id"), Long.class);
    static final Field<String> I_MODULE_VALUE = field(name("module_value"), String.class);

    /** A link table from a product to other rows it offers, in order. */
    record Links(Table<Record> table, Field<Long> target) {
        static final Field<Long> OWNER = field(name("product_id"), Long.class);
    }

    static final Links ADDONS = new Links(table(name("catalog_product_addon")), field(name("addon_id"), Long.class));
    static final Links SUBPRODUCTS = new Links(table(name("catalog_subproduct")), field(name("subproduct_id"), Long.class));
    static final Links UPGRADES = new Links(table(name("catalog_upgrade")), field(name("target_id"), Long.class));

    private static final TypeReference<List<String>> STRINGS = new TypeReference<>() {};

    private final Db db;

    ProductStore(Db db) {
        this.db = db;
    }

    Optional<Product> byId(long id) {
        return load(ID.eq(id)).stream().findFirst();
    }

    List<Product> list(Condition c) {
        return load(c);
    }

    /** Products with everything they hold, in display order, in a fixed number of queries whatever their count. */
    private List<Product> load(Condition c) {
        var rows = db.dsl().select(COLUMNS).from(T).where(c).orderBy(SORT_ORDER, ID).fetch();
        if (rows.isEmpty()) return List.of();
        List<Long> ids = rows.getValues(ID);
        Map<Long, PriceTable> prices = PriceRows.PRODUCT.load(db, ids);
        Map<Long, List<Form>> forms = forms(ids);
        Map<Long, List<Long>> addons = links(ADDONS, ids);
        Map<Long, List<Long>> subs = links(SUBPRODUCTS, ids);
        Map<Long, List<Long>> upgrades = links(UPGRADES, ids);
        return rows.map(r -> {
            long id = r.get(ID);
            var spec = new Product.Spec(r.get(CATEGORY_ID), r.get(NAME), Product.Type.parse(r.get(TYPE)).orElseThrow(),
                    r.get(DESCRIPTION), Product.PayType.valueOf(r.get(PAYTYPE)), r.get(STOCK), r.get(MAX_PER_ORDER),
                    r.get(VISIBLE), r.get(RETIRED), r.get(SORT_ORDER), r.get(PRORATA_DAY),
                    Product.Provisioning.parse(r.get(PROVISIONING)).orElseThrow(), r.get(MODULE), r.get(MODULE_CONFIG),
                    r.get(LEAD_DAYS), tags(r.get(TAGS)), prices.get(id), forms.getOrDefault(id, List.of()),
                    addons.getOrDefault(id, List.of()), subs.getOrDefault(id, List.of()), upgrades.getOrDefault(id, List.of()));
            return new Product(id, spec, r.get(CREATED_AT), r.get(UPDATED_AT));
        });
    }

    private Map<Long, List<Form>> forms(List<Long> productIds) {
        var formRows = db.dsl().select(ID, F_PRODUCT, F_TYPE, NAME, F_DESCRIPTION, F_REQUIRED, F_MIN, F_MAX, F_STEP)
                .from(FORM).where(F_PRODUCT.in(productIds)).orderBy(F_PRODUCT, SORT_ORDER, ID).fetch();
        List<Long> formIds = formRows.getValues(ID);
        var items = new HashMap<Long, List<Form.Item>>();
        if (!formIds.isEmpty()) {
            var itemRows = db.dsl().select(ID, I_FORM, NAME, I_MODULE_VALUE).from(ITEM).where(I_FORM.in(formIds))
                    .orderBy(I_FORM, SORT_ORDER, ID).fetch();
            Map<Long, PriceTable> itemPrices = PriceRows.ITEM.load(db, itemRows.getValues(ID));
            itemRows.forEach(r -> items.computeIfAbsent(r.get(I_FORM), k -> new ArrayList<>())
                    .add(new Form.Item(r.get(ID), r.get(NAME), r.get(I_MODULE_VALUE), itemPrices.get(r.get(ID)))));
        }
        var out = new HashMap<Long, List<Form>>();
        formRows.forEach(r -> out.computeIfAbsent(r.get(F_PRODUCT), k -> new ArrayList<>()).add(new Form(r.get(ID),
                Form.Type.parse(r.get(F_TYPE)).orElseThrow(), r.get(NAME), r.get(F_DESCRIPTION), r.get(F_REQUIRED),
                r.get(F_MIN), r.get(F_MAX), r.get(F_STEP), List.copyOf(items.getOrDefault(r.get(ID), List.of())))));
        return out;
    }

    private Map<Long, List<Long>> links(Links l, List<Long> owners) {
        var out = new HashMap<Long, List<Long>>();
        db.dsl().select(Links.OWNER, l.target()).from(l.table()).where(Links.OWNER.in(owners))
                .orderBy(Links.OWNER, SORT_ORDER, l.target()).fetch()
                .forEach(r -> out.computeIfAbsent(r.get(Links.OWNER), k -> new ArrayList<>()).add(r.get(l.target())));
        return out;
    }

    private static List<String> tags(String json) {
        try {
            return List.copyOf(Json.MAPPER.readValue(json, STRINGS));
        } catch (Exception e) {
            return List.of();
        }
    }

    long insert(Product.Spec s, LocalDateTime now) {
        long id = db.dsl().insertInto(T).set(values(s)).set(CREATED_AT, now).set(UPDATED_AT, now)
                .returningResult(ID).fetchOne().value1();
        writeChildren(id, s);
        return id;
    }

    void update(long id, Product.Spec s, LocalDateTime now) {
        db.dsl().update(T).set(values(s)).set(UPDATED_AT, now).where(ID.eq(id)).execute();
        writeChildren(id, s);
    }

    private static Map<Field<?>, Object> values(Product.Spec s) {
        var m = new java.util.LinkedHashMap<Field<?>, Object>();
        m.put(CATEGORY_ID, s.categoryId());
        m.put(NAME, s.name());
        m.put(TYPE, s.type().code());
        m.put(DESCRIPTION, s.description());
        m.put(PAYTYPE, s.paytype().name());
        m.put(STOCK, s.stock());
        m.put(MAX_PER_ORDER, s.maxPerOrder());
        m.put(VISIBLE, s.visible());
        m.put(RETIRED, s.retired());
        m.put(SORT_ORDER, s.sortOrder());
        m.put(PRORATA_DAY, s.prorataDay());
        m.put(PROVISIONING, s.provisioning().code());
        m.put(MODULE, s.module());
        m.put(MODULE_CONFIG, s.moduleConfig());
        m.put(LEAD_DAYS, s.renewalLeadDays());
        m.put(TAGS, Json.text(s.tags()));
        return m;
    }

    private void writeChildren(long id, Product.Spec s) {
        PriceRows.PRODUCT.replace(db, id, s.prices());
        writeForms(id, s.forms());
        writeLinks(ADDONS, id, s.addons());
        writeLinks(SUBPRODUCTS, id, s.subproducts());
        writeLinks(UPGRADES, id, s.upgrades());
    }

    /**
     * Makes the product's forms those given, in that order. Forms and items that carry an id are
     * updated in place and keep it (orders and services name them by id); the others are created;
     * existing ones not given are deleted. The spec was validated, so given ids belong here.
     */
    private void writeForms(long productId, List<Form> forms) {
        Set<Long> keep = new HashSet<>();
        for (int i = 0; i < forms.size(); i++) {
            Form f = forms.get(i);
            Map<Field<?>, Object> v = new java.util.LinkedHashMap<>();
            v.put(F_TYPE, f.type().code());
            v.put(NAME, f.name());
            v.put(F_DESCRIPTION, f.description());
            v.put(F_REQUIRED, f.required());
            v.put(F_MIN, f.min());
            v.put(F_MAX, f.max());
            v.put(F_STEP, f.step());
            v.put(SORT_ORDER, i);
            long formId;
            if (f.id() != null) {
                formId = f.id();
                db.dsl().update(FORM).set(v).where(ID.eq(formId)).and(F_PRODUCT.eq(productId)).execute();
            } else {
                formId = db.dsl().insertInto(FORM).set(v).set(F_PRODUCT, productId).returningResult(ID).fetchOne().value1();
            }
            keep.add(formId);
            writeItems(formId, f.items());
        }
        var gone = db.dsl().deleteFrom(FORM).where(F_PRODUCT.eq(productId));
        (keep.isEmpty() ? gone : gone.and(ID.notIn(keep))).execute();
    }

    private void writeItems(long formId, List<Form.Item> items) {
        Set<Long> keep = new HashSet<>();
        for (int i = 0; i < items.size(); i++) {
            Form.Item item = items.get(i);
            long itemId;
            if (item.id() != null) {
                itemId = item.id();
                db.dsl().update(ITEM).set(NAME, item.name()).set(I_MODULE_VALUE, item.moduleValue()).set(SORT_ORDER, i)
                        .where(ID.eq(itemId)).and(I_FORM.eq(formId)).execute();
            } else {
                itemId = db.dsl().insertInto(ITEM).set(I_FORM, formId).set(NAME, item.name()).set(I_MODULE_VALUE, item.moduleValue())
                        .set(SORT_ORDER, i).returningResult(ID).fetchOne().value1();
            }
            keep.add(itemId);
            PriceRows.ITEM.replace(db, itemId, item.prices());
        }
        var gone = db.dsl().deleteFrom(ITEM).where(I_FORM.eq(formId));
        (keep.isEmpty() ? gone : gone.and(ID.notIn(keep))).execute();
    }

    private void writeLinks(Links l, long productId, List<Long> targets) {
        db.dsl().deleteFrom(l.table()).where(Links.OWNER.eq(productId)).execute();
        if (targets.isEmpty()) return;
        var insert = db.dsl().insertInto(l.table(), Links.OWNER, l.target(), SORT_ORDER);
        for (int i = 0; i < targets.size(); i++) insert = insert.values(productId, targets.get(i), i);
        insert.execute();
    }

    void delete(long id) {
        db.dsl().deleteFrom(T).where(ID.eq(id)).execute();
    }

    /** Locks the product row: serialises changes to one product (and its stock) across nodes. */
    boolean lock(long id) {
        return db.dsl().select(ID).from(T).where(ID.eq(id)).forUpdate().fetchOptional().isPresent();
    }

    boolean exists(long id) {
        return db.dsl().fetchExists(db.dsl().selectOne().from(T).where(ID.eq(id)));
    }

    /** Ids among {@code ids} that are no product. */
    List<Long> missing(List<Long> ids) {
        if (ids.isEmpty()) return List.of();
        var found = new HashSet<>(db.dsl().select(ID).from(T).where(ID.in(ids)).fetch(ID));
        return ids.stream().filter(i -> !found.contains(i)).toList();
    }

    /** Names of the products that link to {@code targetId} through {@code l}. */
    List<String> linkedFrom(Links l, long targetId) {
        return db.dsl().select(NAME).from(T).join(l.table()).on(Links.OWNER.eq(ID))
                .where(l.target().eq(targetId)).orderBy(ID).fetch(NAME);
    }

    /** Ids of the products that link to {@code targetId} through {@code l}. */
    List<Long> owners(Links l, long targetId) {
        return db.dsl().select(Links.OWNER).from(l.table()).where(l.target().eq(targetId)).orderBy(Links.OWNER).fetch(Links.OWNER);
    }

    int countInCategory(long categoryId) {
        return db.dsl().fetchCount(T, CATEGORY_ID.eq(categoryId));
    }

    /** Takes {@code qty} units if that many are left; unlimited stock always has them. Atomic: one conditional UPDATE. */
    /** Takes units from a limited stock ({@code changed} runs when it did); true also when the stock is unlimited. */
    boolean takeStock(long id, int qty, Runnable changed) {
        int n = db.dsl().update(T).set(STOCK, STOCK.minus(qty)).where(ID.eq(id)).and(STOCK.isNotNull()).and(STOCK.ge(qty)).execute();
        if (n == 1) {
            changed.run();
            return true;
        }
        return db.dsl().select(STOCK).from(T).where(ID.eq(id)).fetchOptional()
                .map(r -> r.get(STOCK) == null).orElse(false);
    }

    void returnStock(long id, int qty, Runnable changed) {
        if (db.dsl().update(T).set(STOCK, STOCK.plus(qty)).where(ID.eq(id)).and(STOCK.isNotNull()).execute() == 1) changed.run();
    }

    Optional<Integer> stock(long id) {
        return db.dsl().select(STOCK).from(T).where(ID.eq(id)).fetchOptional(STOCK);
    }
}
