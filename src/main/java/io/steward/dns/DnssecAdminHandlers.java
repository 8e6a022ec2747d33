package io.steward.dns;

import static io.steward.core.Json.obj;

import io.steward.core.StewardException;
import io.steward.core.Times;
import io.steward.web.Call;
import io.steward.web.Params;
import java.util.Map;

/** Staff DNSSEC routes under {@code /admin/api/dns/zones/@id/dnssec}: status, on/off, rollover now. */
public final class DnssecAdminHandlers {
    private final DnsService dns;
    private final DnssecService dnssec;

    DnssecAdminHandlers(DnsService dns, DnssecService dnssec) {
        this.dns = dns;
        this.dnssec = dnssec;
    }

    public Object status(Call call) {
        return obj("dnssec", shape(dnssec.status(zone(call))));
    }

    public Object setEnabled(Call call) {
        boolean enabled = call.params().optionalFlag("enabled").orElseThrow(() -> Params.missing("enabled"));
        return obj("dnssec", shape(dnssec.setEnabled(zone(call), enabled)));
    }

    public Object rollover(Call call) {
        return obj("dnssec", shape(dnssec.rollNow(zone(call))));
    }

    private long zone(Call call) {
        return dns.zone(call.pathId("id")).orElseThrow(() -> StewardException.notFound("Zone not found")).id();
    }

    private static Map<String, Object> shape(DnssecService.Status s) {
        var m = DnssecClientHandlers.shape(s);
        m.put("keys", s.keys().stream().map(k -> obj("id", k.id(), "keytag", k.keyTag(), "algorithm", k.algorithm(), "flags", k.flags(),
                "state", k.state(), "created", Times.stamp(k.createdAt()), "activate_at", stamp(k.activateAt()),
                "retired_at", stamp(k.retiredAt()), "remove_at", stamp(k.removeAt()))).toList());
        return m;
    }

    private static String stamp(java.time.LocalDateTime t) {
        return t == null ? null : Times.stamp(t);
    }
}
