package io.steward.ssl;

import static org.jooq.impl.DSL.field;
import static org.jooq.impl.DSL.name;
import static org.jooq.impl.DSL.table;

import io.steward.core.Secrets;
import io.steward.core.StewardException;
import io.steward.core.Times;
import io.steward.db.Db;
import java.nio.charset.StandardCharsets;
import java.security.MessageDigest;
import java.time.Clock;
import java.time.LocalDateTime;
import java.util.List;
import java.util.Optional;
import org.jooq.Field;
import org.jooq.Record;
import org.jooq.Table;

/**
 * The commercial sandbox CA's orders ({@code commercial_ca_order}) and the two ways they move
 * besides time: the approver's code (e-mail validation) and staff advancing or rejecting an order
 * (admin API), the way a commercial CA's validation team would. Each call is its own transaction.
 */
final class CommercialCaOrders {
    static final String PENDING_DOMAIN = "pending_domain_validation";
    static final String PENDING_ORGANIZATION = "pending_organization_validation";
    static final String ISSUED = "issued";
    static final String REJECTED = "rejected";

    record Order(long id, long certificateId, String key, String validation, String names, String organization, String method,
                 String approverEmail, String codeHash, String state, String reason, String chainPem, LocalDateTime stateSince) {}

    private static final Table<Record> T = table(name("commercial_ca_order"));
    private static final Field<Long> ID = field(name("id"), Long.class);
    private static final Field<Long> CERT = field(name("certificate_id"), Long.class);
    private static final Field<String> KEY = field(name("request_key"), String.class);
    private static final Field<String> VALIDATION = field(name("validation"), String.class);
    private static final Field<String> NAMES = field(name("names"), String.class);
    private static final Field<String> ORG = field(name("organization"), String.class);
    private static final Field<String> METHOD = field(name("method"), String.class);
    private static final Field<String> APPROVER = field(name("approver_email"), String.class);
    private static final Field<String> CODE = field(name("dcv_code_hash"), String.class);
    private static final Field<String> STATE = field(name("state"), String.class);
    private static final Field<String> REASON = field(name("reason"), String.class);
    private static final Field<String> CHAIN = field(name("chain_pem"), String.class);
    private static final Field<LocalDateTime> SINCE = field(name("state_since"), LocalDateTime.class);
    private static final Field<LocalDateTime> CREATED = field(name("created_at"), LocalDateTime.class);
    private static final List<Field<?>> ALL = List.of(ID, CERT, KEY, VALIDATION, NAMES, ORG, METHOD, APPROVER, CODE, STATE, REASON, CHAIN, SINCE);

    private final Db db;
    private final Secrets secrets;
    private final Clock clock;

    CommercialCaOrders(Db db, Secrets secrets, Clock clock) {
        this.db = db;
        this.secrets = secrets;
        this.clock = clock;
    }

    Optional<Order> byKey(String key) {
        return db.tx(() -> db.dsl().select(ALL).from(T).where(KEY.eq(key)).fetchOptional().map(CommercialCaOrders::order));
    }

    /** The newest order for a certificate (a reissue makes a new one). */
    Optional<Order> latest(long certificateId) {
        return db.tx(() -> db.dsl().select(ALL).from(T).where(CERT.eq(certificateId)).orderBy(ID.desc()).limit(1).fetchOptional()
                .map(CommercialCaOrders::order));
    }

    /** A new order in {@code pending_domain_validation}; {@code code} (e-mail validation) is kept only as its keyed hash. */
    Order create(long certificateId, String key, String validation, List<String> names, String organization, String method,
                 String approverEmail, String code) {
        LocalDateTime now = Times.now(clock);
        return db.tx(() -> {
            long id = db.dsl().insertInto(T).set(CERT, certificateId).set(KEY, key).set(VALIDATION, validation).set(NAMES, String.join(",", names))
                    .set(ORG, organization).set(METHOD, method).set(APPROVER, approverEmail).set(CODE, code == null ? null : secrets.keyedHash(code))
                    .set(STATE, PENDING_DOMAIN).set(SINCE, now).set(CREATED, now).returningResult(ID).fetchOne().value1();
            return db.dsl().select(ALL).from(T).where(ID.eq(id)).fetchOne().map(CommercialCaOrders::order);
        });
    }

    void move(long id, String state, String reason) {
        LocalDateTime now = Times.now(clock);
        db.txRun(() -> db.dsl().update(T).set(STATE, state).set(REASON, reason).set(SINCE, now).where(ID.eq(id)).execute());
    }

    void issued(long id, String chainPem) {
        LocalDateTime now = Times.now(clock);
        db.txRun(() -> db.dsl().update(T).set(STATE, ISSUED).set(CHAIN, chainPem).set(SINCE, now).where(ID.eq(id)).execute());
    }

    /** The state after domain validation: DV certificates are ready to issue, OV/EV go to organisation validation. */
    static String afterDomain(String validation) {
        return validation.equals("DV") ? ISSUED : PENDING_ORGANIZATION;
    }

    /**
     * The approver's code for the certificate's current order: right code while the order waits for
     * e-mail validation moves it on; a wrong one is a 422. Orders not waiting for it are a 409.
     */
    Order confirmApprover(long certificateId, String code) {
        var o = latest(certificateId).orElseThrow(() -> StewardException.conflict("The certificate has no order at a commercial CA"));
        if (!o.method().equals("email") || !o.state().equals(PENDING_DOMAIN) || o.codeHash() == null) {
            throw StewardException.conflict("The order is not waiting for e-mail validation (state " + o.state() + ")");
        }
        boolean right = MessageDigest.isEqual(secrets.keyedHash(code.trim()).getBytes(StandardCharsets.UTF_8), o.codeHash().getBytes(StandardCharsets.UTF_8));
        if (!right) throw StewardException.invalid(java.util.Map.of("code", List.of("The approval code is not right")));
        move(o.id(), afterDomain(o.validation()), "");
        return latest(certificateId).orElseThrow();
    }

    /** Staff: moves the certificate's current order to its next state (validation done), or rejects it with a reason. */
    Order staff(long certificateId, String action, String reason) {
        var o = latest(certificateId).orElseThrow(() -> StewardException.notFound("The certificate has no order at a commercial CA"));
        if (o.state().equals(ISSUED) || o.state().equals(REJECTED)) {
            throw StewardException.conflict("The order is already " + o.state());
        }
        switch (action) {
            case "advance" -> move(o.id(), o.state().equals(PENDING_DOMAIN) ? afterDomain(o.validation()) : ISSUED, "");
            case "reject" -> {
                if (reason == null || reason.isBlank()) throw StewardException.invalid(java.util.Map.of("reason", List.of("A rejection needs a reason")));
                move(o.id(), REJECTED, reason.trim());
            }
            default -> throw StewardException.invalid(java.util.Map.of("action", List.of("Action is advance or reject")));
        }
        return latest(certificateId).orElseThrow();
    }

    private static Order order(Record r) {
        return new Order(r.get(ID), r.get(CERT), r.get(KEY), r.get(VALIDATION), r.get(NAMES), r.get(ORG), r.get(METHOD), r.get(APPROVER),
                r.get(CODE), r.get(STATE), r.get(REASON), r.get(CHAIN), r.get(SINCE));
    }
}
