package io.steward.service;

import io.steward.account.AccountService;
import io.steward.activity.ActivityLog;
import io.steward.config.Config;
import io.steward.core.Secrets;
import io.steward.db.Db;
import io.steward.jobs.Backoff;
import io.steward.jobs.Jobs;
import io.steward.scheduler.JobScheduler;
import io.steward.service.module.ModuleCallLog;
import io.steward.service.module.RecordingModuleFactory;
import io.steward.modules.ModuleInstances;
import io.steward.service.module.sandbox.SandboxModuleFactory;
import java.time.Clock;
import java.time.Duration;

/**
 * The service feature assembled: server modules, the provisioning jobs (a kind of the job engine)
 * and the operations on services.
 *
 * <p>Configuration: {@code provisioning.max-attempts} (5), {@code provisioning.retry-base} (30 s),
 * {@code provisioning.retry-cap} (1 h) and {@code provisioning.retry-jitter} (0.1) for the backoff, {@code provisioning.running-timeout}
 * (15 min, after which a silent runner's job is retried), {@code provisioning.concurrency} (8 jobs at once; see the job engine for how the limit holds across nodes), {@code provisioning.default-module}
 * ({@code recording}); module settings in module instances (io.steward.modules).
 */
public final class ServiceFeature implements AutoCloseable {
    private final ServiceModules modules;
    private final ProvisioningQueue queue;
    private final ServiceManager manager;
    private final ServiceHandlers clientHandlers;
    private final ServiceAdminHandlers adminHandlers;
    private final ServiceDemo demo;
    private final ServiceModuleAccess moduleAccess;
    private final ServiceListener.Registry listeners = new ServiceListener.Registry();

    public ServiceFeature(Db db, Clock clock, Secrets secrets, Config config, AccountService accounts, ActivityLog activity,
                          JobScheduler scheduler, Jobs jobs, ModuleInstances instances) {
        int maxAttempts = config.getInt("provisioning.max-attempts", 5);
        if (maxAttempts < 1) throw new IllegalArgumentException("provisioning.max-attempts must be at least 1");
        var settings = new ProvisioningQueue.Settings(maxAttempts,
                new Backoff(config.getDuration("provisioning.retry-base", Duration.ofSeconds(30)),
                        config.getDuration("provisioning.retry-cap", Duration.ofHours(1)),
                        Double.parseDouble(config.get("provisioning.retry-jitter", "0.1"))),
                config.getDuration("provisioning.running-timeout", Duration.ofMinutes(15)),
                Math.max(1, config.getInt("provisioning.concurrency", 8)));
        var store = new ServiceStore(db);
        this.modules = new ServiceModules(instances, store);
        this.queue = new ProvisioningQueue(db, clock, secrets, store, modules, jobs, settings, scheduler.nodeName(), listeners);
        String defaultModule = config.get("provisioning.default-module", RecordingModuleFactory.ID);
        if (!modules.has(defaultModule)) throw new IllegalArgumentException("provisioning.default-module names no installed module: " + defaultModule);
        this.manager = new ServiceManager(db, clock, secrets, store, queue, modules, accounts, activity, defaultModule, listeners);
        this.moduleAccess = new ServiceModuleAccess(store, modules, secrets);
        this.clientHandlers = new ServiceHandlers(manager, moduleAccess);
        this.adminHandlers = new ServiceAdminHandlers(manager, queue, modules, new ModuleCallLog(db, clock), clock);
        this.demo = new ServiceDemo(db, clock, manager, store,
                modules.has(SandboxModuleFactory.ID) ? SandboxModuleFactory.ID : null);
    }

    /** Registers a listener for service status changes (activation, suspension, termination...). */
    public void addListener(ServiceListener listener) {
        listeners.add(listener);
    }

    /** Registers a hook run around module calls: IP assignment before create, release at termination. */
    public void addHook(ProvisioningHook hook) {
        queue.addHook(hook);
    }

    /** Registers entries another feature lists in {@code GET /service/@id/methods}. */
    public void addMethods(ServiceMethods methods) {
        clientHandlers.addMethods(methods);
    }

    /** The capabilities of services' modules, for the features that use them outside jobs (traffic, rDNS...). */
    public ServiceModuleAccess moduleAccess() { return moduleAccess; }

    /** The operations on services, including the {@link ServiceOperations} seam. */
    public ServiceManager services() { return manager; }

    public ProvisioningQueue provisioning() { return queue; }

    /** The server inventory's seam: the module instance of a server, for services placed on it. */
    public void useServers(java.util.function.LongFunction<java.util.Optional<Long>> serverInstance) {
        modules.useServers(serverInstance);
    }

    public ServiceHandlers clientHandlers() { return clientHandlers; }

    public ServiceAdminHandlers adminHandlers() { return adminHandlers; }

    public ServiceDemo demo() { return demo; }

    @Override
    public void close() {
        // the modules are the node's (io.steward.modules.Modules), closed with it
    }
}
