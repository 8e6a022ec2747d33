package io.steward.order;

import com.fasterxml.jackson.databind.JsonNode;
import com.fasterxml.jackson.databind.node.ObjectNode;
import io.steward.core.ErrorCode;
import io.steward.core.Json;
import io.steward.core.StewardException;
import io.steward.core.Times;
import io.steward.db.Db;
import java.nio.charset.StandardCharsets;
import java.security.MessageDigest;
import java.security.NoSuchAlgorithmException;
import java.time.Clock;
import java.util.ArrayList;
import java.util.HexFormat;
import java.util.List;
import java.util.Map;
import java.util.function.Supplier;
import org.jooq.exception.DataAccessException;

/**
 * The {@code Idempotency-Key} header of the order endpoints. The key is claimed (a row with a
 * unique key per client) first thing in the order's transaction and the answer is stored in the
 * same transaction, so a repeat after the commit gets the stored answer and creates nothing, and
 * a concurrent repeat waits on the unique key, fails, and then reads the answer the first request
 * committed. The same key with a different request is a 422.
 */
final class Idempotency {
    static final int MAX_KEY_LENGTH = 200;
    private static final long WAIT_MILLIS = 15_000;

    /** Thrown inside the transaction when the key is already claimed, to roll back and read the stored answer. */
    private static final class Taken extends RuntimeException {
        Taken() {
            super(null, null, false, false);
        }
    }

    private final Db db;
    private final Clock clock;
    private final OrderStore store;

    Idempotency(Db db, Clock clock, OrderStore store) {
        this.db = db;
        this.clock = clock;
        this.store = store;
    }

    /** Runs {@code work} once per (client, key); {@code key} null runs it without a key. */
    Object run(long clientId, String key, String requestHash, Supplier<Object> work) {
        if (key == null) return work.get();
        if (key.isBlank() || key.length() > MAX_KEY_LENGTH) {
            throw StewardException.badRequest("Idempotency-Key must be 1 to " + MAX_KEY_LENGTH + " characters");
        }
        var stored = db.tx(() -> store.idempotency(clientId, key));
        if (stored.isPresent()) return replay(stored.get(), requestHash);
        try {
            return db.tx(() -> {
                try {
                    store.claim(clientId, key, requestHash, Times.now(clock));
                } catch (DataAccessException e) {
                    if (Db.isConstraintViolation(e)) throw new Taken();
                    throw e;
                }
                Object answer = work.get();
                store.storeResponse(clientId, key, Json.text(answer));
                return answer;
            });
        } catch (Taken e) {
            return waitForAnswer(clientId, key, requestHash);
        } catch (DataAccessException e) {
            // H2 may report the concurrent claim only at commit; either way the first request's answer decides.
            if (!Db.isConstraintViolation(e) || db.tx(() -> store.idempotency(clientId, key)).isEmpty()) throw e;
            return waitForAnswer(clientId, key, requestHash);
        }
    }

    private Object waitForAnswer(long clientId, String key, String requestHash) {
        long deadline = System.nanoTime() + WAIT_MILLIS * 1_000_000;
        while (System.nanoTime() < deadline) {
            var stored = db.tx(() -> store.idempotency(clientId, key));
            if (stored.isPresent() && stored.get().response() != null) return replay(stored.get(), requestHash);
            try {
                Thread.sleep(20);
            } catch (InterruptedException ie) {
                Thread.currentThread().interrupt();
                break;
            }
        }
        throw StewardException.conflict("A request with this Idempotency-Key is still being processed; retry later");
    }

    private static Object replay(OrderStore.Idempotency stored, String requestHash) {
        if (!stored.requestHash().equals(requestHash)) {
            throw new StewardException(ErrorCode.UNPROCESSABLE, List.of("Idempotency-Key was already used with a different request"),
                    Map.of("Idempotency-Key", List.of("Idempotency-Key was already used with a different request")));
        }
        if (stored.response() == null) throw StewardException.conflict("A request with this Idempotency-Key is still being processed; retry later");
        try {
            return Json.MAPPER.readTree(stored.response());
        } catch (java.io.IOException e) {
            throw new IllegalStateException("stored idempotent answer is not JSON", e);
        }
    }

    /** SHA-256 of the route and the parameters with object keys sorted, so key order and encoding do not matter. */
    static String hash(String route, JsonNode params) {
        try {
            var md = MessageDigest.getInstance("SHA-256");
            md.update(route.getBytes(StandardCharsets.UTF_8));
            md.update((byte) 0);
            md.update(Json.text(canonical(params)).getBytes(StandardCharsets.UTF_8));
            return HexFormat.of().formatHex(md.digest());
        } catch (NoSuchAlgorithmException e) {
            throw new IllegalStateException(e);
        }
    }

    private static JsonNode canonical(JsonNode n) {
        if (n == null) return Json.MAPPER.nullNode();
        if (n.isObject()) {
            ObjectNode out = Json.MAPPER.createObjectNode();
            var names = new ArrayList<String>();
            n.fieldNames().forEachRemaining(names::add);
            names.sort(null);
            for (String name : names) out.set(name, canonical(n.get(name)));
            return out;
        }
        if (n.isArray()) {
            var out = Json.MAPPER.createArrayNode();
            n.forEach(e -> out.add(canonical(e)));
            return out;
        }
        // Form bodies carry every value as text; JSON may send numbers: compare them as text.
        return n.isValueNode() && !n.isNull() ? Json.MAPPER.getNodeFactory().textNode(n.asText()) : n;
    }
}
