package io.steward.dns;

import static io.steward.core.Json.obj;

import io.steward.account.Actor;
import io.steward.web.Call;
import io.steward.web.Params;
import java.util.List;
import java.util.Map;

/** The client API's DNSSEC route ({@code POST /service/@service_id/dns/@zone_id/dnssec}) and the zone details' {@code dnssec} field. */
public final class DnssecClientHandlers {
    private final DnsClientService dns;
    private final DnssecService dnssec;

    DnssecClientHandlers(DnsClientService dns, DnssecService dnssec) {
        this.dns = dns;
        this.dnssec = dnssec;
    }

    /** {@code enabled=1|0}: signs the zone (its DS then shown and, for a domain registered with us, sent to the registry) or stops. */
    public Object setDnssec(Call call) {
        boolean enabled = call.params().optionalFlag("enabled").orElseThrow(() -> Params.missing("enabled"));
        Zone z = dns.changeableZone(call.get(Actor.class), call.pathId("service_id"), call.pathId("zone_id"));
        var status = dnssec.setEnabled(z.id(), enabled);
        return obj("success", true, "info", List.of(enabled ? "dnssec_enabled" : "dnssec_disabled"), "dnssec", shape(status));
    }

    /** The {@code dnssec} field of a zone's details. */
    static Map<String, Object> shape(DnssecService.Status s) {
        String ds = !s.enabled() && s.keys().isEmpty() ? "none" : s.dsPublished() ? (s.dsNote() == null ? "published" : "client") : "pending";
        return obj("enabled", s.enabled(), "ds", s.ds().stream().map(DelegationKey::text).toList(),
                "keys", s.keys().stream().map(k -> obj("keytag", Integer.toString(k.keyTag()), "algorithm", k.algorithm(), "flags", k.flags(),
                        "state", k.state())).toList(),
                "ds_status", ds, "ds_note", s.dsNote());
    }
}
