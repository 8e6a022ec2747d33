package io.steward.service;

import static io.steward.core.Json.obj;

import io.steward.core.Money;
import io.steward.core.Times;
import io.steward.partner.PartnerCaller;
import io.steward.web.Call;
import java.time.LocalDate;
import java.time.ZoneOffset;
import java.time.temporal.ChronoUnit;
import java.util.ArrayList;
import java.util.List;
import java.util.Map;

/**
 * The partner API's {@code GET products/services}: the services of the partner's account and its
 * clients (or of one client, {@code client_id}), in the reference's shape. Service passwords are
 * never shown here ({@code password} is empty); the reference's licence-specific fields are empty
 * for services that are not licences.
 */
public final class ServicePartnerHandlers {
    private final ServiceManager services;
    private final java.time.Clock clock;

    public ServicePartnerHandlers(ServiceManager services, java.time.Clock clock) {
        this.services = services;
        this.clock = clock;
    }

    public Object list(Call call) {
        PartnerCaller caller = call.get(PartnerCaller.class);
        Long only = call.params().id("client_id").orElse(null);
        List<Long> clients = only == null ? caller.clientIds() : List.of(caller.clientFor(only));
        LocalDate today = LocalDate.ofInstant(clock.instant(), ZoneOffset.UTC);
        var out = new ArrayList<Map<String, Object>>();
        for (long clientId : clients) for (Service s : services.byClient(clientId)) out.add(shape(s, today));
        return obj("data", out);
    }

    static Map<String, Object> shape(Service s, LocalDate today) {
        return obj("id", String.valueOf(s.id()), "pid", s.productId() == null ? "" : String.valueOf(s.productId()),
                "client_id", String.valueOf(s.clientId()), "name", s.name(), "next_due_date", s.nextDue() == null ? null : Times.date(s.nextDue()),
                "domain", s.domain() == null ? "" : s.domain(), "status", s.status(), "billing_cycle", s.cycle().label(),
                "reg_date", Times.date(s.registeredOn()), "first_payment_amount", Money.format(s.firstPayment(), s.currency()),
                "recurring_amount", Money.format(s.recurringAmount(), s.currency()),
                "days_remain", s.nextDue() == null ? 0 : ChronoUnit.DAYS.between(today, s.nextDue()), "login", s.username() == null ? "" : s.username(),
                "password", "", "reg_number", "", "number_of_users", "", "gdata_valid_until", null, "platform", "");
    }
}
