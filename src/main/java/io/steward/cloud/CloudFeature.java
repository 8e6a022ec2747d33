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
 * A service that ends (terminated, cancelled, fraud) has its VMs deleted; a suspended one has its
 * running VMs stopped, and started again when it is unsuspended.
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
    private final CloudAdminHandlers adminHandlers;

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
        this.adminHandlers = new CloudAdminHandlers(manager);
    }

    /**
     * A service that ends takes its VMs along: each gets a delete job, in the transaction that
     * ended the service. A suspended service's running VMs are stopped (and marked); when it is
     * Active again, the marked ones that are stopped are started. A VM busy with an action at
     * suspension is left to finish it (the client cannot start another while suspended).
     */
    @Override
    public void statusChanged(Service s, String from, String to, String reason) {
        if (Service.SUSPENDED.equals(to)) {
            suspend(s);
            return;
        }
        if (Service.SUSPENDED.equals(from) && Service.ACTIVE.equals(to)) {
            unsuspend(s);
            return;
        }
        if (!List.of(Service.TERMINATED, Service.CANCELLED, Service.FRAUD).contains(to)) return;
        for (CloudVm vm : store.ofService(s.id())) {
            if (vm.status().equals(CloudVm.DELETING)) continue;
            store.status(vm.id(), CloudVm.DELETING, null, Times.now(clock));
            engine.enqueue(CloudJobs.KIND, Long.toString(vm.id()), "delete", "{}", CloudJobs.KIND + ":ended:" + vm.id());
        }
    }

    /**
     * Reads services' configurable options from the upgrade feature (made after this one): an
     * option whose module value names a limit raises it (see {@link CloudLimits#with}).
     */
    public void useOptions(io.steward.upgrade.ServiceOptions options) {
        manager.useOptions(options);
    }

    private void suspend(Service s) {
        for (CloudVm seen : store.ofService(s.id())) {
            CloudVm vm = store.forUpdate(seen.id()).orElseThrow();
            if (!CloudVm.RUNNING.equals(vm.status())) continue;
            store.status(vm.id(), CloudVmManager.Action.STOP.transitional, null, Times.now(clock));
            store.resumeOnUnsuspend(vm.id(), true);
            engine.enqueue(CloudJobs.KIND, Long.toString(vm.id()), "stop", "{}", null);
        }
    }

    private void unsuspend(Service s) {
        for (long id : store.stoppedBySuspension(s.id())) {
            CloudVm vm = store.forUpdate(id).orElseThrow();
            store.resumeOnUnsuspend(id, false);
            // Still stopping (its job has not run yet), or acted on by staff meanwhile: left as it is.
            if (!CloudVm.STOPPED.equals(vm.status())) continue;
            store.status(id, CloudVmManager.Action.START.transitional, null, Times.now(clock));
            engine.enqueue(CloudJobs.KIND, Long.toString(id), "start", "{}", null);
        }
    }

    /** Runs the due VM jobs now, on this thread; answers how many ran. */
    public int runJobsNow() {
        return jobs.runNow();
    }

    public CloudClientHandlers clientHandlers() { return clientHandlers; }

    public CloudAdminHandlers adminHandlers() { return adminHandlers; }

    public CloudDemo demo(io.steward.service.ServiceManager services) {
        return new CloudDemo(clock, services, manager);
    }
}
