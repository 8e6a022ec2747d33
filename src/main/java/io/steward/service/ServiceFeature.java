package io.steward.service;

import io.steward.account.AccountService;
import io.steward.activity.ActivityLog;
import io.steward.config.Config;
import io.steward.core.Secrets;
import io.steward.db.Db;
import io.steward.scheduler.JobScheduler;
import io.steward.service.module.ModuleCallLog;
import io.steward.service.module.RecordingModuleFactory;
import io.steward.service.module.ServerModules;
import io.steward.service.module.sandbox.SandboxModuleFactory;
import java.time.Clock;
import java.time.Duration;

/**
 * The service feature assembled: server modules, the provisioning queue (polled by the scheduler
 * on every node) and the operations on services.
 *
 * <p>Configuration: {@code provisioning.max-attempts} (5), {@code provisioning.retry-base} (30 s)
 * and {@code provisioning.retry-cap} (1 h) for the backoff, {@code provisioning.running-timeout}
 * (15 min, after which a silent runner's job is retried), {@code provisioning.poll-interval} (2 s),
 * {@code provisioning.concurrency} (8 jobs at once per node), {@code provisioning.default-module}
 * ({@code recording}); module settings under {@code modules.server.<id>.<key>}.
 */
public final class ServiceFeature implements AutoCloseable {
    public static final String QUEUE_TASK = "provisioning-queue";

    private final ServerModules modules;
    private final ProvisioningQueue queue;
    private final ServiceManager manager;
    private final ServiceHandlers clientHandlers;
    private final ServiceAdminHandlers adminHandlers;
    private final ServiceDemo demo;
    private final ServiceModuleAccess moduleAccess;
    private final ServiceListener.Registry listeners = new ServiceListener.Registry();

    public ServiceFeature(Db db, Clock clock, Secrets secrets, Config config, AccountService accounts, ActivityLog activity,
                          JobScheduler scheduler) {
        this.modules = ServerModules.discover(db, clock, config::find);
        var settings = new ProvisioningQueue.Settings(
                config.getInt("provisioning.max-attempts", 5),
                new Backoff(config.getDuration("provisioning.retry-base", Duration.ofSeconds(30)),
                        config.getDuration("provisioning.retry-cap", Duration.ofHours(1))),
                config.getDuration("provisioning.running-timeout", Duration.ofMinutes(15)),
                32, Math.max(1, config.getInt("provisioning.concurrency", 8)));
        if (settings.maxAttempts() < 1) throw new IllegalArgumentException("provisioning.max-attempts must be at least 1");
        var store = new ServiceStore(db);
        var jobs = new JobStore(db);
        this.queue = new ProvisioningQueue(db, clock, secrets, store, jobs, modules, scheduler.nodeName(), settings, listeners);
        String defaultModule = config.get("provisioning.default-module", RecordingModuleFactory.ID);
        if (!modules.has(defaultModule)) throw new IllegalArgumentException("provisioning.default-module names no installed module: " + defaultModule);
        this.manager = new ServiceManager(db, clock, secrets, store, jobs, queue, modules, accounts, activity, defaultModule, listeners);
        this.moduleAccess = new ServiceModuleAccess(store, modules, secrets);
        this.clientHandlers = new ServiceHandlers(manager);
        this.adminHandlers = new ServiceAdminHandlers(manager, queue, modules, new ModuleCallLog(db, clock), clock);
        this.demo = new ServiceDemo(db, clock, manager, store,
                modules.has(SandboxModuleFactory.ID) ? SandboxModuleFactory.ID : null);
        scheduler.recurring(QUEUE_TASK, config.getDuration("provisioning.poll-interval", Duration.ofSeconds(2)), queue::runDueJobsNow);
    }

    /** Registers a listener for service status changes (activation, suspension, termination...). */
    public void addListener(ServiceListener listener) {
        listeners.add(listener);
    }

    /** Registers a hook run around module calls: IP assignment before create, release at termination. */
    public void addHook(ProvisioningHook hook) {
        queue.addHook(hook);
    }

    /** The capabilities of services' modules, for the features that use them outside jobs (traffic, rDNS...). */
    public ServiceModuleAccess moduleAccess() { return moduleAccess; }

    /** The operations on services, including the {@link ServiceOperations} seam. */
    public ServiceManager services() { return manager; }

    public ProvisioningQueue provisioning() { return queue; }

    public ServerModules modules() { return modules; }

    public ServiceHandlers clientHandlers() { return clientHandlers; }

    public ServiceAdminHandlers adminHandlers() { return adminHandlers; }

    public ServiceDemo demo() { return demo; }

    @Override
    public void close() {
        modules.close();
    }
}
