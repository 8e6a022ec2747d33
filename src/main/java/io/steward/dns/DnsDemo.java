package io.steward.dns;

import io.steward.core.BillingCycle;
import io.steward.core.Times;
import io.steward.service.ServiceOperations;
import java.math.BigDecimal;
import java.time.LocalDate;
import java.util.List;
import java.util.function.LongConsumer;

/**
 * The demo client's DNS hosting: an Active "DNS Hosting" service (50 zones) holding the zone
 * {@code demo-zone.test} with A, AAAA, MX, TXT and CNAME records, and a staff claim on that name.
 * Idempotent: a client with a DNS hosting service gets no second one, and an existing zone is left
 * as it is.
 */
public final class DnsDemo {
    public static final String ZONE = "demo-zone.test";

    private final DnsService dns;
    private final ServiceOperations services;
    private final LongConsumer markActive;
    private final java.time.Clock clock;

    DnsDemo(DnsService dns, ServiceOperations services, LongConsumer markActive, java.time.Clock clock) {
        this.clock = clock;
        this.dns = dns;
        this.services = services;
        this.markActive = markActive;
    }

    public void load(long clientId, Long productId) {
        long serviceId = services.byClient(clientId).stream().filter(s -> DnsClientService.MODULE.equals(s.module()) && !s.isClosed())
                .map(s -> s.id()).findFirst().orElseGet(() -> {
                    LocalDate registered = Times.now(clock).toLocalDate().minusDays(20);
                    LocalDate nextDue = BillingCycle.MONTHLY.next(registered, registered.getDayOfMonth());
                    long id = services.createPending(new ServiceOperations.NewService(clientId, productId, null, "DNS Hosting", "DNS", "dns",
                            BillingCycle.MONTHLY, "USD", new BigDecimal("2.00"), new BigDecimal("2.00"), registered, nextDue,
                            nextDue.minusDays(14), ZONE, null, null, DnsClientService.MODULE, false, "{\"zones\": 50}"));
                    // Provisioned already: no job, so loading demo data never depends on the scheduler.
                    markActive.accept(id);
                    return id;
                });
        if (dns.zoneByName(ZONE).isPresent()) return;
        // Staff's path: the demo client gets the claim on the name with its zone.
        Zone z = dns.createZoneAsStaff(clientId, serviceId, ZONE);
        for (RecordInput r : List.of(
                new RecordInput("@", "A", 3600, null, "192.0.2.10", null),
                new RecordInput("@", "AAAA", 3600, null, "2001:db8::10", null),
                new RecordInput("www", "CNAME", 3600, null, ZONE, null),
                new RecordInput("@", "MX", 3600, 10, "mail." + ZONE, null),
                new RecordInput("mail", "A", 3600, null, "192.0.2.25", null),
                new RecordInput("@", "TXT", 3600, null, "v=spf1 mx -all", null))) {
            dns.addRecord(z.id(), r);
        }
    }
}
