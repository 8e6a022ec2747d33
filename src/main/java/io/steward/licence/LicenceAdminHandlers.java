package io.steward.licence;

import static io.steward.core.Json.obj;

import io.steward.web.Call;
import java.util.Map;

/** The admin API's {@code /licences...}: every licence, and reissuing one bound to a new IP address or host name. */
public final class LicenceAdminHandlers {
    private final LicenceService licences;

    LicenceAdminHandlers(LicenceService licences) {
        this.licences = licences;
    }

    static Map<String, Object> shape(LicenceService.Shown l) {
        return obj("service_id", l.serviceId(), "client_id", l.clientId(), "vendor", l.vendor(), "bound_to", l.boundTo(), "key", l.key(),
                "status", l.status());
    }

    public Object list(Call call) {
        return obj("licences", licences.all().stream().map(LicenceAdminHandlers::shape).toList());
    }

    public Object reissue(Call call) {
        return obj("licence", shape(licences.reissue(call.pathId("id"), call.params().string("bound_to").orElse(null))));
    }
}
