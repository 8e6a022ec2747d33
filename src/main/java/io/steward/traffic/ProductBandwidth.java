package io.steward.traffic;

import static org.jooq.impl.DSL.field;
import static org.jooq.impl.DSL.name;
import static org.jooq.impl.DSL.table;

import io.steward.core.Times;
import io.steward.db.Db;
import java.math.BigDecimal;
import java.time.Clock;
import java.time.LocalDateTime;
import java.util.Collection;
import java.util.HashMap;
import java.util.List;
import java.util.Map;
import java.util.Optional;
import org.jooq.Field;
import org.jooq.Record;
import org.jooq.Table;

/** The {@code product_bandwidth} table: quota and overage price per catalog product. */
final class ProductBandwidth {
    static final Table<Record> T = table(name("product_bandwidth"));
    static final Field<Long> PRODUCT_ID = field(name("product_id"), Long.class);
    static final Field<BigDecimal> QUOTA_GB = field(name("quota_gb"), BigDecimal.class);
    static final Field<BigDecimal> PRICE = field(name("overage_price_per_gb"), BigDecimal.class);
    static final Field<LocalDateTime> UPDATED_AT = field(name("updated_at"), LocalDateTime.class);

    /** A product's bandwidth terms; {@link #NONE} when it has none (no quota, no overage). */
    record Terms(long productId, BigDecimal quotaGb, BigDecimal overagePricePerGb) {
        static Terms none(Long productId) {
            return new Terms(productId == null ? 0 : productId, BigDecimal.ZERO, BigDecimal.ZERO);
        }

        boolean hasQuota() {
            return quotaGb.signum() > 0;
        }
    }

    private final Db db;
    private final Clock clock;

    ProductBandwidth(Db db, Clock clock) {
        this.db = db;
        this.clock = clock;
    }

    Optional<Terms> find(long productId) {
        return db.dsl().select(PRODUCT_ID, QUOTA_GB, PRICE).from(T).where(PRODUCT_ID.eq(productId)).fetchOptional(ProductBandwidth::map);
    }

    /** The terms of a service's product (none for a service without product or a product without terms). */
    Terms of(Long productId) {
        return productId == null ? Terms.none(null) : find(productId).orElse(Terms.none(productId));
    }

    Map<Long, Terms> of(Collection<Long> productIds) {
        var out = new HashMap<Long, Terms>();
        if (productIds.isEmpty()) return out;
        db.dsl().select(PRODUCT_ID, QUOTA_GB, PRICE).from(T).where(PRODUCT_ID.in(productIds)).fetch()
                .forEach(r -> out.put(r.get(PRODUCT_ID), map(r)));
        return out;
    }

    List<Terms> list() {
        return db.dsl().select(PRODUCT_ID, QUOTA_GB, PRICE).from(T).orderBy(PRODUCT_ID).fetch(ProductBandwidth::map);
    }

    /** Sets a product's terms (insert or replace). */
    void set(long productId, BigDecimal quotaGb, BigDecimal pricePerGb) {
        db.txRun(() -> {
            var dsl = db.dsl();
            LocalDateTime now = Times.now(clock);
            boolean exists = dsl.select(PRODUCT_ID).from(T).where(PRODUCT_ID.eq(productId)).forUpdate().fetchOptional().isPresent();
            if (exists) {
                dsl.update(T).set(QUOTA_GB, quotaGb).set(PRICE, pricePerGb).set(UPDATED_AT, now).where(PRODUCT_ID.eq(productId)).execute();
            } else {
                dsl.insertInto(T).set(PRODUCT_ID, productId).set(QUOTA_GB, quotaGb).set(PRICE, pricePerGb).set(UPDATED_AT, now).execute();
            }
        });
    }

    boolean delete(long productId) {
        return db.tx(() -> db.dsl().deleteFrom(T).where(PRODUCT_ID.eq(productId)).execute() > 0);
    }

    private static Terms map(Record r) {
        return new Terms(r.get(PRODUCT_ID), r.get(QUOTA_GB), r.get(PRICE));
    }
}
