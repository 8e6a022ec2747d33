package io.steward.ipam;

import static io.steward.core.Json.obj;

import com.fasterxml.jackson.databind.JsonNode;
import io.steward.account.Actor;
import io.steward.core.ErrorCode;
import io.steward.core.StewardException;
import io.steward.web.Call;
import io.steward.web.Params;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;

/** The client API's {@code /service/@id/ip} and {@code /service/@id/rdns}, in the HostBill family's style (values as strings). */
public final class IpamClientHandlers {
    private final ServiceIps ips;

    IpamClientHandlers(ServiceIps ips) {
        this.ips = ips;
    }

    public Object ip(Call call) {
        var list = ips.ips(call.get(Actor.class), call.pathId("id"));
        return obj("ips", list.stream().map(IpamClientHandlers::ip).toList());
    }

    static Map<String, Object> ip(ServiceIps.Ip ip) {
        IpNet net = ip.pool().net();
        return obj("ip", ip.address().address(), "type", net.family() == 4 ? "ipv4" : "ipv6",
                "gateway", ip.pool().gateway() == null ? "" : ip.pool().gateway(), "netmask", net.family() == 4 ? net.netmask() : "",
                "prefix", Integer.toString(net.prefix()), "main", ip.main());
    }

    public Object rdns(Call call) {
        var list = ips.ips(call.get(Actor.class), call.pathId("id"));
        return obj("rdns", list.stream().map(ip -> obj("ip", ip.address().address(), "hostname", ip.ptr() == null ? "" : ip.ptr())).toList());
    }

    /** {@code ipaddress[<ip>]=<hostname>} (form, query) or {@code {"ipaddress": {"<ip>": "<hostname>"}}} (JSON). */
    public Object setRdns(Call call) {
        ips.setRdns(call.get(Actor.class), call.pathId("id"), entries(call.params()));
        return obj("success", true, "info", List.of("rdns_updated"));
    }

    private static Map<String, String> entries(Params p) {
        JsonNode n = p.node("ipaddress");
        if (n == null || n.isNull()) throw Params.missing("ipaddress");
        if (!n.isObject()) {
            throw new StewardException(ErrorCode.BAD_REQUEST, List.of("Parameter 'ipaddress' must map addresses to host names: ipaddress[<ip>]=<hostname>"),
                    Map.of("ipaddress", List.of("must map addresses to host names")));
        }
        var out = new LinkedHashMap<String, String>();
        for (var it = n.fields(); it.hasNext(); ) {
            var e = it.next();
            if (!e.getValue().isValueNode()) {
                throw new StewardException(ErrorCode.BAD_REQUEST, List.of("ipaddress[" + e.getKey() + "] must be a host name"),
                        Map.of("ipaddress", List.of("values must be host names")));
            }
            out.put(e.getKey(), e.getValue().isNull() ? "" : e.getValue().asText());
        }
        return out;
    }
}
