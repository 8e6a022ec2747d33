package io.steward.service;

import static io.steward.service.ProvisioningQueue.params;

import com.fasterxml.jackson.databind.JsonNode;
import io.steward.account.AccountService;
import io.steward.account.Actor;
import io.steward.activity.ActivityLog;
import io.steward.core.Json;
import io.steward.core.Secrets;
import io.steward.core.StewardException;
import io.steward.core.Times;
import io.steward.core.Validation;
import io.steward.db.Db;
import io.steward.service.ProvisioningJob.Action;
import io.steward.service.ProvisioningQueue.JobRef;
import java.math.BigDecimal;
import java.time.Clock;
import java.time.LocalDate;
import java.time.LocalDateTime;
import java.util.List;
import java.util.Optional;
import java.util.Set;

/**
 * The service feature's operations: the {@link ServiceOperations} seam for orders, billing and the
 * billing engine, the client's view (with contact privileges per service) and staff actions.
 */
public final class ServiceManager implements ServiceOperations {
    /** A service as its owner sees it: the password opened (or null if the caller may not see it), and the latest job. */
    public record Details(Service service, String password, Optional<ProvisioningJob> latestJob) {}

    /** A page of services for staff. */
    public record Page(List<Service> services, int total, int page, int perPage) {}

    private final Db db;
    private final Clock clock;
    private final Secrets secrets;
    private final ServiceStore store;
    private final ProvisioningQueue queue;
    private final ServiceModules modules;
    private final AccountService accounts;
    private final ActivityLog activity;
    private final ServiceListener.Registry listeners;
    private final String defaultModule;
    private volatile UnpaidInvoiceCanceller canceller = UnpaidInvoiceCanceller.UNWIRED;

    ServiceManager(Db db, Clock clock, Secrets secrets, ServiceStore store, ProvisioningQueue queue, ServiceModules modules,
                   AccountService accounts, ActivityLog activity, String defaultModule, ServiceListener.Registry listeners) {
        this.listeners = listeners;
        this.db = db;
        this.clock = clock;
        this.secrets = secrets;
        this.store = store;
        this.queue = queue;
        this.modules = modules;
        this.accounts = accounts;
        this.activity = activity;
        this.defaultModule = defaultModule;
    }

    /** Billing's implementation, registered once both features exist. */
    public void useInvoiceCanceller(UnpaidInvoiceCanceller c) {
        this.canceller = c;
    }

    public String defaultModule() { return defaultModule; }

    // The seam.

    @Override
    public long createPending(NewService s) {
        NewService valid = validate(s);
        return db.tx(() -> {
            String sealed = valid.password() == null || valid.password().isEmpty() ? null : secrets.encrypt(valid.password());
            return store.insert(valid, sealed, Times.now(clock));
        });
    }

    private NewService validate(NewService s) {
        var v = new Validation();
        try {
            accounts.details(s.clientId());
        } catch (StewardException e) {
            v.add("client_id", "No such client");
        }
        v.check(s.cycle() != null, "billingcycle", "Billing cycle is required");
        v.check(s.currency() != null && s.currency().matches("[A-Z]{3}"), "currency", "Currency must be an ISO 4217 code such as USD");
        amount(s.recurringAmount(), "total", v);
        amount(s.firstPayment(), "firstpayment", v);
        v.check(s.registeredOn() != null, "date_created", "Registration date is required");
        boolean recurring = s.cycle() != null && s.cycle().recurring();
        if (recurring) {
            v.check(s.nextDue() != null, "next_due", "A renewing service needs its next due date");
            if (s.nextDue() != null && s.registeredOn() != null) v.check(!s.nextDue().isBefore(s.registeredOn()), "next_due",
                    "Next due date cannot be before the registration date");
        }
        length(s.name(), 200, "name", v);
        length(s.category(), 100, "category", v);
        length(s.categorySlug(), 100, "category_slug", v);
        length(s.domain(), 255, "domain", v);
        length(s.username(), 100, "username", v);
        length(s.password(), 200, "password", v);
        String module = s.module() == null || s.module().isBlank() ? defaultModule : s.module().trim();
        v.check(modules.has(module), "module", "No server module '" + module + "' is installed");
        String config = s.moduleConfig() == null || s.moduleConfig().isBlank() ? "{}" : s.moduleConfig();
        try {
            JsonNode n = Json.MAPPER.readTree(config);
            v.check(n != null && n.isObject() && config.length() <= 8000, "module_config", "Module settings must be a JSON object");
        } catch (java.io.IOException e) {
            v.add("module_config", "Module settings must be a JSON object");
        }
        v.throwIfAny();
        LocalDate nextDue = recurring ? s.nextDue() : null;
        LocalDate nextInvoice = recurring ? (s.nextInvoice() != null ? s.nextInvoice() : nextDue) : null;
        return new NewService(s.clientId(), s.productId(), s.orderId(), nz(s.name()), nz(s.category()), nz(s.categorySlug()), s.cycle(),
                s.currency(), s.recurringAmount(), s.firstPayment(), s.registeredOn(), nextDue, nextInvoice, nz(s.domain()).trim(),
                nz(s.username()).trim(), s.password(), module, s.manualProvisioning(), config);
    }

    private static void amount(BigDecimal a, String field, Validation v) {
        v.check(a != null && a.signum() >= 0 && a.scale() <= 4, field, "Amount must be zero or more, with at most 4 decimals");
    }

    private static void length(String s, int max, String field, Validation v) {
        v.check(s == null || s.length() <= max, field, "At most " + max + " characters");
    }

    private static String nz(String s) {
        return s == null ? "" : s;
    }

    private Service locked(long serviceId) {
        return store.byIdForUpdate(serviceId).orElseThrow(() -> StewardException.notFound("Service not found"));
    }

    @Override
    public Optional<Long> activate(long serviceId) {
        return activateJob(serviceId).map(JobRef::id);
    }

    /** {@link #activate}, telling a job it queued from one already there (staff see 202 or 200). */
    Optional<JobRef> activateJob(long serviceId) {
        return db.tx(() -> {
            Service s = locked(serviceId);
            if (s.status().equals(Service.ACTIVE)) return Optional.empty();
            if (!s.status().equals(Service.PENDING)) throw ProvisioningQueue.notAllowed("Only a Pending service can be activated; this one is " + s.status());
            if (s.manualProvisioning()) return Optional.empty();
            return Optional.of(queue.enqueue(serviceId, Action.CREATE, params(), "create:" + serviceId));
        });
    }

    /**
     * Clients holding a live (Pending, Active, Suspended) service of a product, or on a server (the
     * server module its services run on): the audience of staff broadcasts and incident notices.
     */
    public List<Long> clientIdsWith(Long productId, String server) {
        return store.clientIdsWith(productId, server);
    }

    /** Staff mark a Pending service Active without a module call (they provisioned it by hand). */
    public void markActive(long serviceId) {
        db.txRun(() -> {
            Service s = locked(serviceId);
            if (!s.status().equals(Service.PENDING)) throw ProvisioningQueue.notAllowed("Only a Pending service can be activated; this one is " + s.status());
            store.setStatus(serviceId, Service.ACTIVE, null, Times.now(clock));
            listeners.statusChanged(s, s.status(), Service.ACTIVE, "");
        });
    }

    @Override
    public RenewOutcome renew(long serviceId, LocalDate paidPeriodStart) {
        return db.tx(() -> {
            Service s = locked(serviceId);
            boolean live = s.status().equals(Service.ACTIVE) || s.status().equals(Service.SUSPENDED);
            if (!live || !s.cycle().recurring() || s.nextDue() == null) return RenewOutcome.NOT_RENEWABLE;
            if (s.nextDue().isAfter(paidPeriodStart)) return RenewOutcome.ALREADY_RENEWED;
            if (s.nextDue().isBefore(paidPeriodStart)) return RenewOutcome.EARLIER_PERIOD_UNPAID;
            LocalDate next = s.cycle().next(paidPeriodStart, s.effectiveBillingDay());
            if (!store.advanceNextDue(serviceId, paidPeriodStart, next, Times.now(clock))) return RenewOutcome.ALREADY_RENEWED;
            queue.enqueue(serviceId, Action.RENEW, params("period_start", paidPeriodStart.toString(), "next_due", next.toString()),
                    "renew:" + serviceId + ":" + paidPeriodStart);
            return RenewOutcome.RENEWED;
        });
    }

    /**
     * Whether the service is suspended once its unfinished suspend/unsuspend jobs have run: the
     * newest such job decides, else the status does. Repeated requests then queue nothing.
     */
    private boolean suspendedAfterPendingJobs(Service s) {
        return queue.latestUnfinished(s.id(), List.of(Action.SUSPEND, Action.UNSUSPEND))
                .map(j -> j.action() == Action.SUSPEND).orElse(s.status().equals(Service.SUSPENDED));
    }

    @Override
    public Optional<Long> suspend(long serviceId, String reason) {
        return suspendJob(serviceId, reason).map(JobRef::id);
    }

    Optional<JobRef> suspendJob(long serviceId, String reason) {
        return db.tx(() -> {
            Service s = locked(serviceId);
            if (!s.status().equals(Service.ACTIVE) && !s.status().equals(Service.SUSPENDED)) {
                throw ProvisioningQueue.notAllowed("Only an Active service can be suspended; this one is " + s.status());
            }
            if (suspendedAfterPendingJobs(s)) return queue.latestUnfinished(serviceId, List.of(Action.SUSPEND)).map(j -> new JobRef(j.id(), false));
            String why = reason == null || reason.isBlank() ? "Suspended by staff" : reason.trim();
            return Optional.of(queue.enqueue(serviceId, Action.SUSPEND, params("reason", why.length() > 500 ? why.substring(0, 500) : why), null));
        });
    }

    @Override
    public Optional<Long> unsuspend(long serviceId) {
        return unsuspendJob(serviceId).map(JobRef::id);
    }

    Optional<JobRef> unsuspendJob(long serviceId) {
        return db.tx(() -> {
            Service s = locked(serviceId);
            if (!s.status().equals(Service.ACTIVE) && !s.status().equals(Service.SUSPENDED)) {
                throw ProvisioningQueue.notAllowed("Only a Suspended service can be unsuspended; this one is " + s.status());
            }
            if (!suspendedAfterPendingJobs(s)) return queue.latestUnfinished(serviceId, List.of(Action.UNSUSPEND)).map(j -> new JobRef(j.id(), false));
            return Optional.of(queue.enqueue(serviceId, Action.UNSUSPEND, params(), null));
        });
    }

    @Override
    public Optional<Long> terminate(long serviceId) {
        return terminateJob(serviceId).map(JobRef::id);
    }

    Optional<JobRef> terminateJob(long serviceId) {
        return db.tx(() -> terminate(locked(serviceId), Service.TERMINATED));
    }

    /** Ends the (locked) service with {@code finalStatus}: by a terminate job, or at once if it was never provisioned. */
    private Optional<JobRef> terminate(Service s, String finalStatus) {
        if (s.status().equals(Service.TERMINATED) || s.status().equals(Service.CANCELLED)) return Optional.empty();
        if (s.status().equals(Service.PENDING) && !queue.anyFor(s.id())) {
            store.setStatus(s.id(), finalStatus, null, Times.now(clock));
            listeners.statusChanged(s, s.status(), finalStatus, "");
            return Optional.empty();
        }
        return Optional.of(queue.enqueue(s.id(), Action.TERMINATE, params("final_status", finalStatus), "terminate:" + s.id()));
    }

    @Override
    public long changePackage(long serviceId, long productId, String moduleConfig) {
        return db.tx(() -> {
            Service s = locked(serviceId);
            if (!s.status().equals(Service.ACTIVE) && !s.status().equals(Service.SUSPENDED)) {
                throw ProvisioningQueue.notAllowed("Only an Active or Suspended service can change package; this one is " + s.status());
            }
            JsonNode config = ProvisioningQueue.object(moduleConfig);
            return queue.enqueue(serviceId, Action.CHANGE_PACKAGE, params("product_id", productId, "module_config", config), null).id();
        });
    }

    @Override
    public long applyPackageChange(long serviceId, PackageChange c) {
        return db.tx(() -> {
            Service s = locked(serviceId);
            if (!s.status().equals(Service.ACTIVE) && !s.status().equals(Service.SUSPENDED)) {
                throw ProvisioningQueue.notAllowed("Only an Active or Suspended service can change package; this one is " + s.status());
            }
            JsonNode config = ProvisioningQueue.object(c.moduleConfig());
            store.setUpgraded(serviceId, c.productId(), c.name(), c.recurringAmount(), Json.text(config), Times.now(clock));
            JsonNode options = ProvisioningQueue.array(c.options());
            // "applied": the service row already holds the change; the job only tells the module.
            return queue.enqueue(serviceId, Action.CHANGE_PACKAGE, params("product_id", c.productId(), "module_config", config,
                    "options", options, "applied", true), c.dedupeKey()).id();
        });
    }

    @Override
    public boolean advanceNextInvoice(long serviceId, LocalDate expected, LocalDate next) {
        return db.tx(() -> store.advanceNextInvoice(serviceId, expected, next, Times.now(clock)));
    }

    @Override
    public int advanceNextInvoices(List<NextInvoiceMove> moves) {
        if (moves.isEmpty()) return 0;
        return db.tx(() -> store.advanceNextInvoices(moves, Times.now(clock)));
    }

    @Override
    public List<Service> dueForInvoicing(LocalDate asOf, long afterClientId, int limit) {
        return store.dueForInvoicing(asOf, afterClientId, limit);
    }

    @Override
    public List<Service> dueForSuspension(LocalDate asOf, int daysOverdue, long afterId, int limit) {
        return store.overdue(Service.ACTIVE, asOf.minusDays(daysOverdue), Action.SUSPEND.code(), afterId, limit);
    }

    @Override
    public List<Service> dueForTermination(LocalDate asOf, int daysOverdue, long afterId, int limit) {
        return store.overdue(Service.SUSPENDED, asOf.minusDays(daysOverdue), Action.TERMINATE.code(), afterId, limit);
    }

    @Override
    public int processEndOfPeriodCancellations(LocalDate asOf) {
        int queued = 0;
        long after = 0;
        for (List<Service> page; !(page = store.endOfPeriodCancellations(asOf, after, 500)).isEmpty(); ) {
            for (Service candidate : page) {
                after = candidate.id();
                boolean acted = db.tx(() -> {
                    Service s = locked(candidate.id());
                    // Re-read under the lock: another node's run may have acted on it meanwhile.
                    if (!Service.CANCEL_END_OF_PERIOD.equals(s.cancelType()) || s.isClosed()
                            || (s.nextDue() != null && s.nextDue().isAfter(asOf)) || queue.byDedupeKey("terminate:" + s.id()).isPresent()) {
                        return false;
                    }
                    terminate(s, Service.CANCELLED);
                    return true;
                });
                if (acted) queued++;
            }
        }
        return queued;
    }

    @Override
    public Optional<Service> find(long serviceId) {
        return store.byId(serviceId);
    }

    @Override
    public List<Service> byClient(long clientId) {
        return store.listByClient(clientId);
    }

    /**
     * Open services (Pending, Active, Suspended) of any of {@code productIds} or on any of the server
     * modules {@code modules}: the services an incident on those products or servers affects; only
     * {@code clientId}'s when it is given.
     */
    public List<Service> openOn(Long clientId, java.util.Collection<Long> productIds, java.util.Collection<String> modules) {
        if (productIds.isEmpty() && modules.isEmpty()) return List.of();
        return store.openOn(clientId, productIds, modules);
    }

    /** Ids of the client's services: the object scope contacts are granted per-service privileges in. */
    public Set<Long> idsOf(long clientId) {
        return store.ids(clientId);
    }

    /** Why a catalog product cannot be deleted while services of it exist (retire it instead). */
    public Optional<String> blockingProductDeletion(long productId) {
        int n = store.count(null, null, productId);
        return n == 0 ? Optional.empty() : Optional.of(n + " service(s) of this product exist; retire it instead");
    }

    /** Why the client cannot be deleted while it holds services. */
    public Optional<String> blockingDeletion(long clientId) {
        int n = store.countByClient(clientId);
        return n == 0 ? Optional.empty() : Optional.of("the client holds " + n + " service(s)");
    }

    // The client's view. Another client's service is simply not found; a contact needs the
    // service's privilege (basic to see it, logindetails for its password, cancelation to cancel).

    /** The services the caller may see: all for the holder, those it holds {@code basic} on for a contact. */
    public List<Service> visible(Actor actor) {
        return store.listByClient(actor.clientId()).stream()
                .filter(s -> actor.privileges().services().allows(s.id(), "basic")).toList();
    }

    private Service owned(Actor actor, long serviceId, String privilege) {
        Service s = store.byClient(actor.clientId(), serviceId).orElseThrow(() -> StewardException.notFound("Service not found"));
        actor.requireService(serviceId, privilege);
        return s;
    }

    public Details details(Actor actor, long serviceId) {
        Service s = owned(actor, serviceId, "basic");
        boolean mayLogIn = actor.privileges().services().allows(serviceId, "logindetails");
        return new Details(s, mayLogIn ? password(s) : null, queue.latest(serviceId));
    }

    /** Staff view: the password opened. */
    public Details details(long serviceId) {
        Service s = store.byId(serviceId).orElseThrow(() -> StewardException.notFound("Service not found"));
        return new Details(s, password(s), queue.latest(serviceId));
    }

    private String password(Service s) {
        return s.passwordSealed() == null ? "" : secrets.decrypt(s.passwordSealed());
    }

    public String label(Actor actor, long serviceId) {
        return owned(actor, serviceId, "basic").label();
    }

    public void setLabel(Actor actor, long serviceId, String label) {
        owned(actor, serviceId, "basic");
        String l = label.trim();
        if (l.length() > 100) throw StewardException.invalid(java.util.Map.of("label", List.of("Label must be at most 100 characters")));
        db.txRun(() -> store.setLabel(serviceId, l, Times.now(clock)));
    }

    /** Whether the caller may cancel the service: what {@code GET /service/@id/methods} offers. */
    public boolean mayCancel(Actor actor, Service s) {
        return !s.isClosed() && s.cancelType() == null && actor.privileges().services().allows(s.id(), "cancelation");
    }

    /**
     * Locks the service row until the caller's transaction ends, so changes to one service (an
     * upgrade priced from its current state) are serialised; 404 when it does not exist.
     */
    public Service lock(long serviceId) {
        return db.tx(() -> locked(serviceId));
    }

    /** The server the service was placed on, if any. */
    public Optional<Long> serverOf(long serviceId) {
        return store.serverOf(serviceId);
    }

    /**
     * Records the server the server inventory placed the service on, in the caller's transaction;
     * false when the service was placed before (it keeps that server).
     */
    public boolean placeOnServer(long serviceId, long serverId) {
        return db.tx(() -> store.placeOnServer(serviceId, serverId, Times.now(clock)));
    }

    public Service methodsFor(Actor actor, long serviceId) {
        return owned(actor, serviceId, "basic");
    }

    /**
     * A cancellation request: {@code immediate} queues termination now, otherwise the service
     * runs to the end of its paid period (next_due), when the billing run terminates it. Either
     * way its unpaid renewal invoices are cancelled in the same transaction.
     */
    public void requestCancellation(Actor actor, long serviceId, boolean immediate, String reason, String ip) {
        owned(actor, serviceId, "cancelation");
        String why = reason == null ? "" : reason.trim();
        if (why.length() > 1000) throw StewardException.invalid(java.util.Map.of("reason", List.of("Reason must be at most 1000 characters")));
        db.txRun(() -> {
            Service s = locked(serviceId);
            if (s.isClosed()) throw StewardException.conflict("The service is already " + s.status());
            if (s.cancelType() != null) throw StewardException.conflict("A cancellation was already requested for this service");
            LocalDateTime now = Times.now(clock);
            String type = immediate ? Service.CANCEL_IMMEDIATE : Service.CANCEL_END_OF_PERIOD;
            store.setCancellation(serviceId, type, why, now);
            if (immediate) terminate(s, Service.CANCELLED);
            int invoices = canceller.cancelUnpaidRenewalInvoices(s.clientId(), serviceId);
            String when = immediate ? "immediately" : "at the end of the billing period (" + Times.date(s.nextDue()) + ")";
            activity.record(s.clientId(), actor.contactId(), ip, "service_cancellation",
                    "Cancellation of service #" + serviceId + " requested " + when + (invoices > 0 ? "; " + invoices + " unpaid invoice(s) cancelled" : "")
                            + (why.isEmpty() ? "" : ": " + why));
        });
    }

    // Staff.

    public Page search(Long clientId, String status, Long productId, int page, int perPage) {
        if (status != null && !Service.STATUSES.contains(status)) {
            throw StewardException.invalid(java.util.Map.of("status", List.of("Status must be one of " + String.join(", ", Service.STATUSES))));
        }
        return new Page(store.search(clientId, status, productId, page, perPage), store.count(clientId, status, productId), page, perPage);
    }
}
