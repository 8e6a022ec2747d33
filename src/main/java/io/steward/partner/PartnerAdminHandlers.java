package io.steward.partner;

import static io.steward.core.Json.obj;

import io.steward.core.Money;
import io.steward.core.Times;
import io.steward.web.Call;
import io.steward.web.Params;
import io.steward.web.Reply;
import java.math.BigDecimal;
import java.util.Map;

/** The admin API's {@code /partners...} handlers: partners, their terms and their OAuth credentials. */
public final class PartnerAdminHandlers {
    private final PartnerAdmin admin;

    PartnerAdminHandlers(PartnerAdmin admin) {
        this.admin = admin;
    }

    static Map<String, Object> partner(Partner p) {
        return obj("id", p.id(), "client_id", p.clientId(), "name", p.name(), "discount_percent", p.discountPercent().stripTrailingZeros().toPlainString(),
                "rate_per_minute", p.ratePerMinute(), "status", p.status());
    }

    static Map<String, Object> credential(PartnerStore.Credential c) {
        return obj("client_id", c.id(), "name", c.name(), "created_at", Times.stamp(c.createdAt()),
                "rotated_at", c.rotatedAt() == null ? null : Times.stamp(c.rotatedAt()),
                "revoked_at", c.revokedAt() == null ? null : Times.stamp(c.revokedAt()),
                "last_used_at", c.lastUsedAt() == null ? null : Times.stamp(c.lastUsedAt()), "status", c.live() ? "active" : "revoked");
    }

    private static BigDecimal discount(Params p) {
        return p.string("discount_percent").filter(s -> !s.isBlank()).map(s -> Money.parse(s, "discount_percent")).orElse(null);
    }

    private static Integer rate(Params p) {
        return p.longValue("rate_per_minute").map(Long::intValue).orElse(null);
    }

    public Object list(Call call) {
        return obj("partners", admin.list().stream().map(PartnerAdminHandlers::partner).toList());
    }

    public Object create(Call call) {
        Params p = call.params();
        long clientId = p.id("client_id").orElseThrow(() -> Params.missing("client_id"));
        var created = admin.create(clientId, p.string("name").orElse(null), discount(p), rate(p));
        return Reply.json(201, obj("partner", partner(created)));
    }

    public Object get(Call call) {
        return obj("partner", partner(admin.get(call.pathId("id"))));
    }

    public Object update(Call call) {
        Params p = call.params();
        return obj("partner", partner(admin.update(call.pathId("id"), p.string("name").orElse(null), discount(p), rate(p),
                p.string("status").orElse(null))));
    }

    public Object credentials(Call call) {
        return obj("credentials", admin.credentials(call.pathId("id")).stream().map(PartnerAdminHandlers::credential).toList());
    }

    private static Map<String, Object> issued(PartnerAdmin.IssuedCredential i) {
        var m = credential(i.credential());
        m.put("client_secret", i.secret());
        return obj("credential", m);
    }

    public Object issue(Call call) {
        return Reply.json(201, issued(admin.issue(call.pathId("id"), call.params().string("name").orElse(null))));
    }

    public Object rotate(Call call) {
        return issued(admin.rotate(call.pathId("id"), call.pathParam("credentialId")));
    }

    public Object revoke(Call call) {
        return obj("credential", credential(admin.revoke(call.pathId("id"), call.pathParam("credentialId"))));
    }
}
