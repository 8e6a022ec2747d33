package io.steward.cloud;

import io.steward.config.Config;
import io.steward.core.Secrets;
import io.steward.core.Times;
import io.steward.db.Db;
import io.steward.ipam.AddressLeases;
import io.steward.jobs.Jobs;
import io.steward.service.Service;
import io.steward.service.ServiceListener;
import io.steward.service.ServiceModuleAccess;
import io.steward.service.ServiceOperations;
import java.time.Clock;
import java.time.Duration;
import java.util.List;

/**
 * Cloud services assembled: VMs per service within the limits of its module settings, their
 * actions as jobs of the {@code cloud} kind, addresses from the IP pools ({@link AddressLeases}),
 * and the client API's VM endpoints. Drivers are server modules with the
 * {@link io.steward.service.module.CloudVms} capability (sandbox cloud, LXD); their traffic
 * counters reach the traffic feature through the service's {@code TrafficCounters} like any module's.
 * A service that ends (terminated, cancelled, fraud) has its VMs deleted.
 *
 * <p>Configuration: {@code cloud.vm-prefix} ({@code stw-}) starts every hypervisor name;
 * {@code cloud.concurrency} (8) VM jobs at once per node; {@code cloud.max-attempts} (5);
 * {@code cloud.task-timeout} (10 min) for one hypervisor task; {@code cloud.poll-interval} (250 ms).
 */
public final class CloudFeature implements ServiceListener {
    private final Db db;
    private final Clock clock;
    private final CloudStore store;
    private final CloudJobs jobs;
    private final Jobs engine;
    private final CloudVmManager manager;
    private final CloudClientHandlers clientHandlers;

    public CloudFeature(Db db, Clock clock, Secrets secrets, Config config, ServiceOperations services, ServiceModuleAccess modules,
                        AddressLeases leases, Jobs engine) {
        this.db = db;
        this.clock = clock;
        this.engine = engine;
        String prefix = config.get("cloud.vm-prefix", "stw-");
        if (!prefix.matches("[a-z][a-z0-9-]{0,30}")) throw new IllegalArgumentException("cloud.vm-prefix must be lower-case letters, digits and '-': " + prefix);
        this.store = new CloudStore(db);
        this.jobs = new CloudJobs(db, clock, secrets, store, modules, leases, engine, config.getInt("cloud.concurrency", 8),
                config.getInt("cloud.max-attempts", 5), config.getDuration("cloud.task-timeout", Duration.ofMinutes(10)),
                config.getDuration("cloud.poll-interval", Duration.ofMillis(250)));
        this.manager = new CloudVmManager(db, clock, secrets, store, services, modules, leases, engine, prefix);
        this.clientHandlers = new CloudClientHandlers(manager);
    }

    /** A service that ends takes its VMs along: each gets a delete job, in the transaction that ended the service. */
    @Override
    public void statusChanged(Service s, String from, String to, String reason) {
        if (!List.of(Service.TERMINATED, Service.CANCELLED, Service.FRAUD).contains(to)) return;
        for (CloudVm vm : store.ofService(s.id())) {
            if (vm.status().equals(CloudVm.DELETING)) continue;
            store.status(vm.id(), CloudVm.DELETING, null, Times.now(clock));
            engine.enqueue(CloudJobs.KIND, Long.toString(vm.id()), "delete", "{}", CloudJobs.KIND + ":ended:" + vm.id());
        }
    }

    /** Runs the due VM jobs now, on this thread; answers how many ran. */
    public int runJobsNow() {
        return jobs.runNow();
    }

    public CloudClientHandlers clientHandlers() { return clientHandlers; }

    public CloudDemo demo(io.steward.service.ServiceManager services) {
        return new CloudDemo(clock, services, manager);
    }
}
