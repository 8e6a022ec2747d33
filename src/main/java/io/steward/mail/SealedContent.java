package io.steward.mail;

import com.fasterxml.jackson.databind.JsonNode;
import io.steward.core.Json;
import io.steward.core.Secrets;
import java.util.HashMap;
import java.util.Map;
import java.util.Set;

/**
 * The content of a mail that carries a secret, sealed with the node secret (AES-GCM) while it
 * waits in the outbox: the stored subject and bodies show {@link Outbox.Secret#MARKER}, and only
 * the sender opens the sealed copy, just before it hands the mail to the transport.
 */
final class SealedContent {
    /** Variables that are secrets by name, even when a caller passes them plain. */
    static final Set<String> SECRET_NAMES = Set.of("token", "password", "epp", "epp_code", "auth_code", "secret");

    private final Secrets secrets;

    SealedContent(Secrets secrets) {
        this.secrets = secrets;
    }

    /** The variables with every secret (by type or by name) as an {@link Outbox.Secret}. */
    static Map<String, Object> marked(Map<String, ?> vars) {
        var out = new HashMap<String, Object>();
        vars.forEach((k, v) -> out.put(k, SECRET_NAMES.contains(k) && v != null && !(v instanceof Outbox.Secret)
                ? new Outbox.Secret(v.toString()) : v));
        return out;
    }

    static boolean carriesSecrets(Map<String, ?> vars) {
        return vars.values().stream().anyMatch(v -> v instanceof Outbox.Secret);
    }

    /** The variables as stored: each secret replaced by the marker. */
    static Map<String, Object> redacted(Map<String, ?> vars) {
        var out = new HashMap<String, Object>();
        vars.forEach((k, v) -> out.put(k, v instanceof Outbox.Secret ? Outbox.Secret.MARKER : v));
        return out;
    }

    /** The variables as sent: each secret's value. */
    static Map<String, Object> opened(Map<String, ?> vars) {
        var out = new HashMap<String, Object>();
        vars.forEach((k, v) -> out.put(k, v instanceof Outbox.Secret s ? s.value() : v));
        return out;
    }

    String seal(Templates.Rendered mail) {
        return secrets.encrypt(Json.text(Map.of("language", mail.language(), "subject", mail.subject(), "text", mail.text(),
                "html", mail.html())));
    }

    Templates.Rendered open(String sealed) {
        try {
            JsonNode n = Json.MAPPER.readTree(secrets.decrypt(sealed));
            return new Templates.Rendered(n.get("language").asText(), n.get("subject").asText(), n.get("text").asText(),
                    n.get("html").asText());
        } catch (com.fasterxml.jackson.core.JsonProcessingException e) {
            throw new IllegalStateException("sealed mail content is not readable", e);
        }
    }
}
