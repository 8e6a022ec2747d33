package io.steward.service.module;

import com.fasterxml.jackson.databind.node.ObjectNode;
import io.steward.core.Json;
import io.steward.modules.ModuleContext;
import io.steward.modules.ModuleFactory;
import io.steward.modules.ModuleKind;
import io.steward.modules.ModuleSettings;
import java.security.SecureRandom;
import java.util.Locale;

/**
 * The built-in {@code recording} module, the embedded default: it provisions nothing. Every call is
 * recorded in {@code module_call} (the password masked) and succeeds; {@code create} answers
 * generated login details and a documentation address (192.0.2.0/24, RFC 5737), as a real panel
 * would answer the account it made. Use it to run Steward without any hosting platform, and in
 * tests to see exactly which actions a service received.
 *
 * <p>It honours idempotency keys as a real platform's API should: a call repeating a key it has
 * acted on (a job retried after its runner died mid-call) is recorded as {@code replayed}, acts on
 * nothing and answers the first call's result: the same account name and state; the password is
 * not answered again, since it is never stored here.
 */
public final class RecordingModuleFactory implements ModuleFactory<ServerModule> {
    public static final String ID = "recording";
    private static final SecureRandom RANDOM = new SecureRandom();
    private static final String ALPHABET = "abcdefghijkmnpqrstuvwxyzABCDEFGHJKLMNPQRSTUVWXYZ23456789";

    private ModuleCallLog log;

    @Override public String id() { return ID; }

    @Override public ModuleKind kind() { return ModuleKind.SERVER; }

    @Override public String label() { return "Built-in: records every call and provisions nothing"; }

    @Override public boolean sandbox() { return true; }

    @Override
    public void init(ModuleContext context) {
        this.log = new ModuleCallLog(context.db(), context.clock());
    }

    @Override
    public ServerModule create(ModuleSettings settings) {
        return new Recording(log);
    }

    private record Recording(ModuleCallLog log) implements ServerModule {
        private ModuleResult record(ModuleRequest r) {
            java.util.Optional<ModuleResult> replay = replay(r);
            if (replay.isPresent()) return replay.get();
            log.record(r.serviceId(), r.jobId(), ID, r.action(), parameters(r), r.idempotencyKey(), false, "{}");
            return ModuleResult.ok();
        }

        /** The first result under the request's idempotency key, recording the repeat; empty when the key is new. */
        private java.util.Optional<ModuleResult> replay(ModuleRequest r) {
            if (r.idempotencyKey() == null) return java.util.Optional.empty();
            return log.firstResult(r.idempotencyKey()).map(first -> {
                log.record(r.serviceId(), r.jobId(), ID, r.action(), parameters(r), r.idempotencyKey(), true, null);
                com.fasterxml.jackson.databind.JsonNode n;
                try {
                    n = Json.MAPPER.readTree(first);
                } catch (java.io.IOException e) {
                    n = Json.MAPPER.createObjectNode();
                }
                String username = n.path("username").isTextual() ? n.path("username").asText() : null;
                return n.has("state") ? ModuleResult.provisioned(username, null, n.get("state")) : ModuleResult.ok();
            });
        }

        @Override
        public ModuleResult create(ModuleRequest r) {
            java.util.Optional<ModuleResult> replay = replay(r);
            if (replay.isPresent()) return replay.get();
            String username = r.username() == null || r.username().isEmpty() ? username(r) : null;
            String password = r.password() == null || r.password().isEmpty() ? password() : null;
            ObjectNode state = Json.MAPPER.createObjectNode();
            state.put("account", username != null ? username : r.username());
            state.put("ip", "192.0.2." + (1 + r.serviceId() % 254));
            ObjectNode result = Json.MAPPER.createObjectNode();
            if (username != null) result.put("username", username);
            result.set("state", state);
            log.record(r.serviceId(), r.jobId(), ID, r.action(), parameters(r), r.idempotencyKey(), false, Json.text(result));
            return ModuleResult.provisioned(username, password, state);
        }

        @Override public ModuleResult suspend(ModuleRequest r) { return record(r); }

        @Override public ModuleResult unsuspend(ModuleRequest r) { return record(r); }

        @Override public ModuleResult terminate(ModuleRequest r) { return record(r); }

        @Override public ModuleResult renew(ModuleRequest r) { return record(r); }

        @Override public ModuleResult changePackage(ModuleRequest r) { return record(r); }
    }

    /** The request as JSON, with the password masked: the log is readable by staff. */
    static String parameters(ModuleRequest r) {
        ObjectNode n = Json.MAPPER.createObjectNode();
        n.put("job_id", r.jobId());
        n.put("attempt", r.attempt());
        n.put("client_id", r.clientId());
        if (r.productId() != null) n.put("product_id", r.productId());
        n.put("domain", r.domain());
        n.put("username", r.username());
        n.put("password", r.password() == null || r.password().isEmpty() ? "" : "***");
        n.put("billing_cycle", r.billingCycle());
        n.set("module_config", r.moduleConfig());
        n.set("params", r.params());
        n.put("idempotency_key", r.idempotencyKey());
        return Json.text(n);
    }

    /** A HostBill-like account name: the domain's first eight letters and digits, else {@code u<id>}. */
    static String username(ModuleRequest r) {
        String letters = r.domain() == null ? "" : r.domain().toLowerCase(Locale.ROOT).replaceAll("[^a-z0-9]", "");
        if (!letters.isEmpty() && Character.isDigit(letters.charAt(0))) letters = "u" + letters;
        return letters.isEmpty() ? "u" + r.serviceId() : letters.substring(0, Math.min(8, letters.length()));
    }

    static String password() {
        var sb = new StringBuilder();
        for (int i = 0; i < 12; i++) sb.append(ALPHABET.charAt(RANDOM.nextInt(ALPHABET.length())));
        return sb.toString();
    }
}
