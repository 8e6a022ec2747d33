package io.steward.order;

import static org.jooq.impl.DSL.field;
import static org.jooq.impl.DSL.name;
import static org.jooq.impl.DSL.table;

import io.steward.db.Db;
import java.math.BigDecimal;
import java.time.LocalDateTime;
import java.util.ArrayList;
import java.util.List;
import java.util.Optional;
import org.jooq.Condition;
import org.jooq.Field;
import org.jooq.Record;
import org.jooq.Table;
import org.jooq.impl.DSL;

/** The {@code client_order}, {@code client_order_item} and {@code order_idempotency} tables. */
final class OrderStore {
    static final Table<Record> O = table(name("client_order"));
    static final Field<Long> ID = field(name("id"), Long.class);
    static final Field<Long> CLIENT_ID = field(name("client_id"), Long.class);
    static final Field<Long> ORDER_NUM = field(name("order_num"), Long.class);
    static final Field<String> STATUS = field(name("status"), String.class);
    static final Field<Long> INVOICE_ID = field(name("invoice_id"), Long.class);
    static final Field<Long> PROMO_ID = field(name("promo_code_id"), Long.class);
    static final Field<Long> AFF_ID = field(name("aff_id"), Long.class);
    static final Field<Long> GATEWAY_ID = field(name("gateway_id"), Long.class);
    static final Field<String> CURRENCY = field(name("currency"), String.class);
    static final Field<BigDecimal> TOTAL = field(name("total"), BigDecimal.class);
    static final Field<String> PLACED_BY = field(name("placed_by"), String.class);
    static final Field<LocalDateTime> CREATED_AT = field(name("created_at"), LocalDateTime.class);
    static final Field<LocalDateTime> UPDATED_AT = field(name("updated_at"), LocalDateTime.class);

    static final Table<Record> I = table(name("client_order_item"));
    static final Field<Long> I_ORDER_ID = field(name("order_id"), Long.class);
    static final Field<Integer> I_POSITION = field(name("position"), Integer.class);
    static final Field<Long> I_PRODUCT_ID = field(name("product_id"), Long.class);
    static final Field<Long> I_SERVICE_ID = field(name("service_id"), Long.class);
    static final Field<Integer> I_QUANTITY = field(name("quantity"), Integer.class);
    static final Field<Long> I_DOMAIN_ID = field(name("domain_id"), Long.class);

    static final Table<Record> K = table(name("order_idempotency"));
    static final Field<Long> K_CLIENT_ID = field(name("client_id"), Long.class);
    static final Field<String> K_KEY = field(name("idem_key"), String.class);
    static final Field<String> K_HASH = field(name("request_hash"), String.class);
    static final Field<String> K_RESPONSE = field(name("response_json"), String.class);
    static final Field<LocalDateTime> K_CREATED_AT = field(name("created_at"), LocalDateTime.class);

    /** A stored Idempotency-Key: the first request's hash and, once it committed, its answer. */
    record Idempotency(String requestHash, String response) {}

    private final Db db;

    OrderStore(Db db) {
        this.db = db;
    }

    boolean orderNumTaken(long orderNum) {
        return db.dsl().fetchExists(DSL.selectOne().from(O).where(ORDER_NUM.eq(orderNum)));
    }

    long insert(long clientId, long orderNum, Long promoId, Long affId, Long gatewayId, String currency, String by, LocalDateTime now) {
        return db.dsl().insertInto(O).set(CLIENT_ID, clientId).set(ORDER_NUM, orderNum).set(STATUS, Order.PENDING)
                .set(PROMO_ID, promoId).set(AFF_ID, affId).set(GATEWAY_ID, gatewayId).set(CURRENCY, currency)
                .set(TOTAL, BigDecimal.ZERO).set(PLACED_BY, by).set(CREATED_AT, now).set(UPDATED_AT, now)
                .returningResult(ID).fetchOne().value1();
    }

    void insertItem(long orderId, int position, long productId, long serviceId, int quantity) {
        db.dsl().insertInto(I).set(I_ORDER_ID, orderId).set(I_POSITION, position).set(I_PRODUCT_ID, productId)
                .set(I_SERVICE_ID, serviceId).set(I_QUANTITY, quantity).execute();
    }

    /** A domain item: {@code tldId} in product_id, no service. */
    void insertDomainItem(long orderId, int position, long tldId, long domainId) {
        db.dsl().insertInto(I).set(I_ORDER_ID, orderId).set(I_POSITION, position).set(I_PRODUCT_ID, tldId)
                .set(I_DOMAIN_ID, domainId).set(I_QUANTITY, 1).execute();
    }

    void setInvoice(long orderId, Long invoiceId, BigDecimal total, LocalDateTime now) {
        db.dsl().update(O).set(INVOICE_ID, invoiceId).set(TOTAL, total).set(UPDATED_AT, now).where(ID.eq(orderId)).execute();
    }

    /** Compare-and-set of the status; false when the order was not in {@code from}. */
    boolean setStatus(long orderId, String from, String to, LocalDateTime now) {
        return db.dsl().update(O).set(STATUS, to).set(UPDATED_AT, now).where(ID.eq(orderId).and(STATUS.eq(from))).execute() == 1;
    }

    Optional<Order> byId(long id) {
        return one(ID.eq(id));
    }

    Optional<Order> byIdForUpdate(long id) {
        return db.dsl().select(ID).from(O).where(ID.eq(id)).forUpdate().fetchOptional(ID).flatMap(this::byId);
    }

    Optional<Order> byInvoice(long invoiceId) {
        return one(INVOICE_ID.eq(invoiceId));
    }

    boolean hasActiveOrder(long clientId) {
        return db.dsl().fetchExists(DSL.selectOne().from(O).where(CLIENT_ID.eq(clientId).and(STATUS.eq(Order.ACTIVE))));
    }

    List<Order> list(Long clientId, String status, int page, int perPage) {
        return db.dsl().select(columns()).from(O).where(filter(clientId, status)).orderBy(ID.desc())
                .limit(perPage).offset((long) (page - 1) * perPage).fetch().map(r -> order(r, items(r.get(ID))));
    }

    int count(Long clientId, String status) {
        return db.dsl().fetchCount(O, filter(clientId, status));
    }

    private static Condition filter(Long clientId, String status) {
        Condition c = DSL.trueCondition();
        if (clientId != null) c = c.and(CLIENT_ID.eq(clientId));
        if (status != null) c = c.and(STATUS.eq(status));
        return c;
    }

    private Optional<Order> one(Condition c) {
        return db.dsl().select(columns()).from(O).where(c).fetchOptional().map(r -> order(r, items(r.get(ID))));
    }

    private List<Order.Item> items(long orderId) {
        return new ArrayList<>(db.dsl().select(I_POSITION, I_PRODUCT_ID, I_SERVICE_ID, I_QUANTITY, I_DOMAIN_ID).from(I)
                .where(I_ORDER_ID.eq(orderId)).orderBy(I_POSITION).fetch(r -> new Order.Item(r.get(I_POSITION), r.get(I_PRODUCT_ID),
                        r.get(I_SERVICE_ID), r.get(I_QUANTITY), r.get(I_DOMAIN_ID))));
    }

    private static List<Field<?>> columns() {
        return List.of(ID, CLIENT_ID, ORDER_NUM, STATUS, INVOICE_ID, PROMO_ID, AFF_ID, GATEWAY_ID, CURRENCY, TOTAL, PLACED_BY,
                CREATED_AT, UPDATED_AT);
    }

    private static Order order(Record r, List<Order.Item> items) {
        return new Order(r.get(ID), r.get(CLIENT_ID), r.get(ORDER_NUM), r.get(STATUS), r.get(INVOICE_ID), r.get(PROMO_ID),
                r.get(AFF_ID), r.get(GATEWAY_ID), r.get(CURRENCY), r.get(TOTAL), r.get(PLACED_BY), r.get(CREATED_AT),
                r.get(UPDATED_AT), items);
    }

    // Idempotency keys

    Optional<Idempotency> idempotency(long clientId, String key) {
        return db.dsl().select(K_HASH, K_RESPONSE).from(K).where(K_CLIENT_ID.eq(clientId).and(K_KEY.eq(key)))
                .fetchOptional(r -> new Idempotency(r.get(K_HASH), r.get(K_RESPONSE)));
    }

    /** Claims the key; a concurrent claim of the same key waits here on the unique key, then fails. */
    void claim(long clientId, String key, String hash, LocalDateTime now) {
        db.dsl().insertInto(K).set(K_CLIENT_ID, clientId).set(K_KEY, key).set(K_HASH, hash).set(K_CREATED_AT, now).execute();
    }

    void storeResponse(long clientId, String key, String response) {
        db.dsl().update(K).set(K_RESPONSE, response).where(K_CLIENT_ID.eq(clientId).and(K_KEY.eq(key))).execute();
    }
}
