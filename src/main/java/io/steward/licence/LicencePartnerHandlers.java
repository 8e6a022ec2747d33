package io.steward.licence;

import static io.steward.core.Json.obj;

import io.steward.core.Money;
import io.steward.core.Times;
import io.steward.partner.PartnerCaller;
import io.steward.service.ServiceManager;
import io.steward.web.Call;
import java.time.LocalDate;
import java.time.ZoneOffset;
import java.time.temporal.ChronoUnit;
import java.util.ArrayList;
import java.util.Map;

/**
 * The partner API's {@code GET products/licenses}: the licences of the partner's account and its
 * clients in the services shape, with the key as {@code reg_number}, what it is bound to as
 * {@code platform}, and how many run out within 60 days.
 */
public final class LicencePartnerHandlers {
    private final LicenceService licences;
    private final ServiceManager services;
    private final java.time.Clock clock;

    LicencePartnerHandlers(LicenceService licences, ServiceManager services, java.time.Clock clock) {
        this.licences = licences;
        this.services = services;
        this.clock = clock;
    }

    public Object list(Call call) {
        PartnerCaller caller = call.get(PartnerCaller.class);
        LocalDate today = LocalDate.ofInstant(clock.instant(), ZoneOffset.UTC);
        var out = new ArrayList<Map<String, Object>>();
        int expiring = 0;
        for (var l : licences.ofClients(caller.clientIds())) {
            var s = services.find(l.serviceId()).orElse(null);
            if (s == null) continue;
            long days = s.nextDue() == null ? 0 : ChronoUnit.DAYS.between(today, s.nextDue());
            if (s.nextDue() != null && days >= 0 && days <= 60 && l.status().equals("active")) expiring++;
            out.add(obj("id", String.valueOf(s.id()), "pid", s.productId() == null ? "" : String.valueOf(s.productId()),
                    "client_id", String.valueOf(s.clientId()), "name", s.name(), "next_due_date", s.nextDue() == null ? null : Times.date(s.nextDue()),
                    "domain", s.domain() == null ? "" : s.domain(), "status", s.status(), "billing_cycle", s.cycle().label(),
                    "reg_date", Times.date(s.registeredOn()), "first_payment_amount", Money.format(s.firstPayment(), s.currency()),
                    "recurring_amount", Money.format(s.recurringAmount(), s.currency()), "days_remain", days, "login", "", "password", "",
                    "reg_number", l.key(), "number_of_users", "", "gdata_valid_until", s.nextDue() == null ? null : Times.date(s.nextDue()),
                    "platform", l.boundTo()));
        }
        return obj("licenses", out, "expiringWithin60days", expiring);
    }
}
