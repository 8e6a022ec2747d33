package io.steward.cloud;

import io.steward.account.Actor;
import io.steward.account.Privileges;
import io.steward.cloud.sandbox.SandboxCloudFactory;
import io.steward.core.BillingCycle;
import io.steward.core.Times;
import io.steward.service.ServiceManager;
import io.steward.service.ServiceOperations;
import java.math.BigDecimal;
import java.time.Clock;
import java.time.LocalDate;
import java.util.function.LongConsumer;

/**
 * The demo's cloud: the demo client's "Cloud VPS" service on the sandbox cloud (Active, its limits
 * from the product's settings) with one VM, {@code demo-vm}, created through the same path a
 * client's request takes; its job runs on the scheduler's next poll and the VM is running seconds later. Idempotent: a client with a Cloud VPS service
 * gets nothing more.
 */
public final class CloudDemo {
    private static final org.slf4j.Logger LOG = org.slf4j.LoggerFactory.getLogger(CloudDemo.class);
    public static final String PRODUCT = "Cloud VPS";
    public static final String DOMAIN = "demo-cloud.example.com";
    /** The product's module settings: the service's limits and flavors. */
    public static final String LIMITS = "{\"cores\": 4, \"memory_mb\": 4096, \"disk_gb\": 80, \"vms\": 3, \"ipv4\": 3, \"ipv6\": 3}";

    /** {@link #LIMITS} as a JSON tree, for the product's {@code module_config}. */
    public static com.fasterxml.jackson.databind.JsonNode limits() {
        try {
            return io.steward.core.Json.MAPPER.readTree(LIMITS);
        } catch (java.io.IOException e) {
            throw new IllegalStateException(e);
        }
    }

    private final Clock clock;
    private final ServiceManager services;
    private final CloudVmManager manager;

    CloudDemo(Clock clock, ServiceManager services, CloudVmManager manager) {
        this.clock = clock;
        this.services = services;
        this.manager = manager;
    }

    /** {@code productId} is the Cloud VPS product; {@code addresses} gives it its IP policy first. */
    public void load(long clientId, long productId, LongConsumer addresses) {
        if (services.byClient(clientId).stream().anyMatch(s -> DOMAIN.equals(s.domain()))) return;
        addresses.accept(productId);
        LocalDate today = Times.now(clock).toLocalDate();
        LocalDate registered = today.minusDays(10);
        long id = services.createPending(new ServiceOperations.NewService(clientId, productId, null, PRODUCT, "VPS", "vps", BillingCycle.MONTHLY,
                "USD", new BigDecimal("15.00"), new BigDecimal("15.00"), registered, BillingCycle.MONTHLY.next(registered, registered.getDayOfMonth()),
                BillingCycle.MONTHLY.next(registered, registered.getDayOfMonth()).minusDays(14), DOMAIN, null, null, SandboxCloudFactory.ID, false,
                LIMITS));
        // Provisioned already, as the other demo services: the sandbox cloud needs nothing per service.
        services.markActive(id);
        Actor holder = new Actor(clientId, null, Privileges.ALL);
        // Queued like a client's request: the scheduler's next poll runs the job and the VM is running
        // seconds later. Loading does not wait for it (every test node loads the demo).
        try {
            manager.create(holder, id, new CloudVmManager.NewVm("demo-vm", "debian-12", "small", "10", null, null));
        } catch (io.steward.core.StewardException e) {
            LOG.warn("cloud demo: the demo VM was not created: {}", e.getMessage());
        }
    }
}
