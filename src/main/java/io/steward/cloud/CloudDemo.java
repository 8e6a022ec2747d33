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
import java.time.Duration;
import java.time.LocalDate;
import java.util.function.LongConsumer;

/**
 * The demo's cloud: the demo client's "Cloud VPS" service on the sandbox cloud (Active, its limits
 * from the product's settings) with one running VM, {@code demo-vm}, created through the same path
 * a client's request takes and its job run at once. Idempotent: a client with a Cloud VPS service
 * gets nothing more.
 */
public final class CloudDemo {
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
    private final CloudJobs jobs;

    CloudDemo(Clock clock, ServiceManager services, CloudVmManager manager, CloudJobs jobs) {
        this.clock = clock;
        this.services = services;
        this.manager = manager;
        this.jobs = jobs;
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
        CloudVm vm = manager.create(holder, id, new CloudVmManager.NewVm("demo-vm", "debian-12", "small", "10", null, null));
        long deadline = System.nanoTime() + Duration.ofSeconds(30).toNanos();
        while (System.nanoTime() < deadline) {
            jobs.runNow();
            CloudVm now = manager.vm(holder, id, vm.id());
            if (!now.status().equals(CloudVm.CREATING)) return;
            try {
                Thread.sleep(100);
            } catch (InterruptedException e) {
                Thread.currentThread().interrupt();
                return;
            }
        }
    }
}
