package io.steward.cloud;

import static org.jooq.impl.DSL.field;
import static org.jooq.impl.DSL.name;
import static org.jooq.impl.DSL.table;

import io.steward.account.Actor;
import io.steward.core.ErrorCode;
import io.steward.core.Json;
import io.steward.core.Secrets;
import io.steward.core.StewardException;
import io.steward.core.Times;
import io.steward.db.Db;
import io.steward.ipam.AddressLeases;
import io.steward.jobs.Jobs;
import io.steward.service.Service;
import io.steward.service.ServiceModuleAccess;
import io.steward.service.ServiceOperations;
import io.steward.service.module.CloudVms;
import io.steward.upgrade.ServiceOptions;
import java.time.Clock;
import java.time.LocalDateTime;
import java.util.List;
import java.util.Locale;
import java.util.Map;
import java.util.regex.Pattern;

/**
 * A client's VMs: listing, creation within the service's limits, and actions, each queued as a
 * job of the {@code cloud} kind in the transaction that sets the VM's transitional status.
 *
 * <p>Rules: another client's service, or a VM of another service, is not found (404); a contact
 * needs the service's {@code basic} privilege (403); a service whose module runs no VMs, or that
 * is not Active, answers 422; an action on a VM another action is still running on answers 409.
 */
final class CloudVmManager {
    /** What a client asks for when creating a VM (the reference's parameters). */
    record NewVm(String label, String template, String flavor, String disk, String keypair, String password) {}

    /** A VM action a client may ask for, the status it shows while it runs and the states it may start from. */
    enum Action {
        START("starting", List.of(CloudVm.STOPPED, CloudVm.ERROR)),
        STOP("stopping", List.of(CloudVm.RUNNING, CloudVm.ERROR)),
        REBOOT("rebooting", List.of(CloudVm.RUNNING)),
        RESCUE("rescuing", List.of(CloudVm.RUNNING, CloudVm.STOPPED)),
        UNRESCUE("unrescuing", List.of(CloudVm.RESCUE)),
        REBUILD("rebuilding", List.of(CloudVm.RUNNING, CloudVm.STOPPED, CloudVm.ERROR)),
        RESIZE("resizing", List.of(CloudVm.RUNNING, CloudVm.STOPPED)),
        DELETE("deleting", List.of(CloudVm.RUNNING, CloudVm.STOPPED, CloudVm.RESCUE, CloudVm.ERROR));

        final String transitional;
        final List<String> from;

        Action(String transitional, List<String> from) {
            this.transitional = transitional;
            this.from = from;
        }

        String code() {
            return name().toLowerCase(Locale.ROOT);
        }
    }

    private static final Pattern LABEL = Pattern.compile("[A-Za-z0-9][A-Za-z0-9 ._-]{0,62}");
    private static final Pattern SSH_KEY = Pattern.compile("(ssh-(rsa|ed25519|dss)|ecdsa-sha2-nistp(256|384|521)|sk-ssh-ed25519@openssh\\.com) "
            + "[A-Za-z0-9+/=]{16,8000}( [^\\r\\n]{0,200})?");
    private static final org.jooq.Table<org.jooq.Record> LOCKS = table(name("cloud_service"));
    private static final org.jooq.Field<Long> LOCK_SERVICE = field(name("service_id"), Long.class);
    private static final org.jooq.Field<LocalDateTime> LOCK_CREATED = field(name("created_at"), LocalDateTime.class);

    private final Db db;
    private final Clock clock;
    private final Secrets secrets;
    private final CloudStore store;
    private final ServiceOperations services;
    private final ServiceModuleAccess modules;
    private final AddressLeases leases;
    private final Jobs jobs;
    private final String prefix;
    private volatile ServiceOptions options = serviceId -> List.of();

    CloudVmManager(Db db, Clock clock, Secrets secrets, CloudStore store, ServiceOperations services, ServiceModuleAccess modules,
                   AddressLeases leases, Jobs jobs, String prefix) {
        this.db = db;
        this.clock = clock;
        this.secrets = secrets;
        this.store = store;
        this.services = services;
        this.modules = modules;
        this.leases = leases;
        this.jobs = jobs;
        this.prefix = prefix;
    }

    /** The caller's cloud service: 404 when not theirs, 403 without the privilege, 422 when its module runs no VMs. */
    Service service(Actor actor, long serviceId) {
        Service s = services.find(serviceId).filter(x -> x.clientId() == actor.clientId())
                .orElseThrow(() -> StewardException.notFound("Service not found"));
        actor.requireService(serviceId, "basic");
        if (!modules.has(s, CloudVms.class)) throw new StewardException(ErrorCode.UNPROCESSABLE, "This service has no virtual servers");
        return s;
    }

    private static void requireActive(Service s) {
        if (!Service.ACTIVE.equals(s.status())) throw new StewardException(ErrorCode.UNPROCESSABLE, "The service is " + s.status() + ", not Active");
    }

    List<CloudVm> list(Actor actor, long serviceId) {
        return store.ofService(service(actor, serviceId).id());
    }

    /** The VM of the caller's service; a VM of any other service (or a deleted one) is not found. */
    CloudVm vm(Actor actor, long serviceId, long vmId) {
        Service s = service(actor, serviceId);
        return store.byId(vmId).filter(v -> v.serviceId() == s.id() && !v.deleted())
                .orElseThrow(() -> StewardException.notFound("Virtual server not found"));
    }

    /** The product's module settings raised by the service's configurable options (read when needed, so an applied upgrade counts at once). */
    CloudLimits limits(Service s) {
        CloudLimits base;
        try {
            base = CloudLimits.of(Json.MAPPER.readTree(s.moduleConfig() == null || s.moduleConfig().isBlank() ? "{}" : s.moduleConfig()));
        } catch (java.io.IOException e) {
            base = CloudLimits.of(null);
        }
        return base.with(options.chosen(s.id()));
    }

    /** Where the services' configurable options are read (the upgrade feature's, once it exists). */
    void useOptions(ServiceOptions options) {
        this.options = options;
    }

    /** Limits and what the VMs use. */
    record Resources(CloudLimits limits, CloudLimits.Use use) {}

    Resources resources(Actor actor, long serviceId) {
        Service s = service(actor, serviceId);
        return new Resources(limits(s), CloudLimits.Use.of(store.ofService(s.id())));
    }

    /** The hypervisor's templates; 502 when it cannot be asked. */
    List<CloudVms.Template> templates(Actor actor, long serviceId) {
        Service s = service(actor, serviceId);
        var bound = modules.require(s.id(), CloudVms.class, "templates");
        return CloudErrors.call(() -> bound.capability().templates(bound.request()));
    }

    /** Checks the request and the limits, takes the addresses, writes the VM and its create job, all in one transaction. */
    CloudVm create(Actor actor, long serviceId, NewVm in) {
        Service s = service(actor, serviceId);
        requireActive(s);
        var fields = new java.util.LinkedHashMap<String, List<String>>();
        String label = in.label() == null || in.label().isBlank() ? null : in.label().trim();
        if (label == null) fields.put("label", List.of("A label is required"));
        else if (!LABEL.matcher(label).matches()) fields.put("label", List.of("Up to 63 letters, digits, spaces, dots, '_' or '-'"));
        CloudLimits limits = limits(s);
        String flavorName = in.flavor() == null || in.flavor().isBlank() ? limits.flavors().keySet().iterator().next() : in.flavor().trim();
        CloudLimits.Flavor flavor = limits.flavors().get(flavorName);
        if (flavor == null) fields.put("flavor", List.of("Unknown flavor; one of " + String.join(", ", limits.flavors().keySet())));
        int disk = limits.defaultDiskGb();
        if (in.disk() != null && !in.disk().isBlank()) {
            if (!in.disk().trim().matches("[1-9]\\d{0,4}")) fields.put("disk", List.of("Disk space in GB, a whole number from 1"));
            else disk = Integer.parseInt(in.disk().trim());
        }
        String key = in.keypair() == null || in.keypair().isBlank() ? null : in.keypair().trim();
        if (key != null && !SSH_KEY.matcher(key).matches()) fields.put("keypair", List.of("An OpenSSH public key line (ssh-ed25519 AAAA... comment)"));
        String password = in.password() == null || in.password().isEmpty() ? null : in.password();
        if (password != null && (password.length() < 8 || password.length() > 128)) fields.put("password", List.of("8 to 128 characters"));
        if (in.template() == null || in.template().isBlank()) fields.put("template", List.of("A template is required; see /service/@id/templates"));
        if (!fields.isEmpty()) throw StewardException.invalid(fields);
        String template = in.template().trim();
        // Asked before the transaction: the hypervisor may be slow, and a template it does not offer is the client's mistake.
        var bound = modules.require(s.id(), CloudVms.class, "templates");
        if (CloudErrors.call(() -> bound.capability().templates(bound.request())).stream().noneMatch(t -> t.id().equals(template))) {
            throw StewardException.invalid(Map.of("template", List.of("Unknown template " + template + "; see /service/@id/templates")));
        }
        int diskGb = disk;
        ensureLockRow(s.id());
        return db.tx(() -> {
            lock(s.id());
            var vms = store.ofService(s.id());
            var use = CloudLimits.Use.of(vms);
            String refusal = limits.refusal(use, flavor.cores(), flavor.memoryMb(), diskGb, null);
            if (refusal != null) throw new StewardException(ErrorCode.UNPROCESSABLE, refusal);
            int[] wanted = limits.addressesFor(use);
            var addresses = wanted[0] + wanted[1] == 0 ? List.<AddressLeases.Lease>of() : leases.take(s, wanted[0], wanted[1]);
            LocalDateTime now = Times.now(clock);
            String vmName = prefix + Secrets.randomToken(6).toLowerCase(Locale.ROOT).replaceAll("[^a-z0-9]", "x");
            long id = store.insert(s.id(), s.clientId(), vmName, label, template, flavor.name(), flavor.cores(), flavor.memoryMb(), diskGb,
                    addresses.stream().map(AddressLeases.Lease::address).toList(), key, password == null ? null : secrets.encrypt(password), now);
            jobs.enqueue(CloudJobs.KIND, Long.toString(id), "create", "{}", CloudJobs.KIND + ":create:" + id);
            return store.byId(id).orElseThrow();
        });
    }

    /** Queues an action on the VM and shows its transitional status; 409 while another action runs. */
    CloudVm act(Actor actor, long serviceId, long vmId, Action action, Map<String, Object> params) {
        return act(vm(actor, serviceId, vmId), action, params, false);
    }

    // Staff: any client's cloud service and VM, without contact privileges.

    /** A cloud service, for staff: 404 when there is none, 422 when its module runs no VMs. */
    Service staffService(long serviceId) {
        Service s = services.find(serviceId).orElseThrow(() -> StewardException.notFound("Service not found"));
        if (!modules.has(s, CloudVms.class)) throw new StewardException(ErrorCode.UNPROCESSABLE, "This service has no virtual servers");
        return s;
    }

    /** A VM, for staff (deleted ones too: their row is the record of what was there). */
    CloudVm staffVm(long vmId) {
        return store.byId(vmId).orElseThrow(() -> StewardException.notFound("Virtual server not found"));
    }

    List<CloudVm> staffList(long serviceId) {
        return store.ofService(staffService(serviceId).id());
    }

    /** Staff actions follow the same states; staff may also stop a VM of a service that is not Active. */
    CloudVm staffAct(long vmId, Action action, Map<String, Object> params) {
        CloudVm vm = staffVm(vmId);
        if (vm.deleted()) throw StewardException.notFound("Virtual server not found");
        return act(vm, action, params, true);
    }

    /** Resize parameters for staff, as {@link #resizeParams} checks them. */
    Map<String, Object> staffResizeParams(long vmId, String flavorName, String disk) {
        CloudVm vm = staffVm(vmId);
        return resizeParams(limits(staffService(vm.serviceId())), vm, flavorName, disk);
    }

    private CloudVm act(CloudVm seen, Action action, Map<String, Object> params, boolean staff) {
        long vmId = seen.id();
        Service s = services.find(seen.serviceId()).orElseThrow();
        if (action != Action.DELETE && !(staff && action == Action.STOP)) requireActive(s);
        if (action == Action.REBUILD) {
            String template = (String) params.get("template");
            var bound = modules.require(s.id(), CloudVms.class, "templates");
            if (CloudErrors.call(() -> bound.capability().templates(bound.request())).stream().noneMatch(t -> t.id().equals(template))) {
                throw StewardException.invalid(Map.of("template", List.of("Unknown template " + template + "; see /service/@id/templates")));
            }
        }
        if (action == Action.RESIZE) ensureLockRow(s.id());
        return db.tx(() -> {
            if (action == Action.RESIZE) lock(s.id());
            CloudVm vm = store.forUpdate(vmId).orElseThrow();
            if (!action.from.contains(vm.status())) {
                throw StewardException.conflict("The virtual server is " + vm.status() + "; it cannot " + action.code() + " now");
            }
            if (action == Action.RESIZE) {
                CloudLimits limits = limits(s);
                int cores = (Integer) params.get("cores"), memory = (Integer) params.get("memory_mb"), disk = (Integer) params.get("disk_gb");
                String refusal = limits.refusal(CloudLimits.Use.of(store.ofService(s.id())), cores, memory, disk, vm);
                if (refusal != null) throw new StewardException(ErrorCode.UNPROCESSABLE, refusal);
            }
            store.status(vm.id(), action.transitional, null, Times.now(clock));
            jobs.enqueue(CloudJobs.KIND, Long.toString(vm.id()), action.code(), Json.text(params), null);
            return store.byId(vm.id()).orElseThrow();
        });
    }

    /** Resize parameters from a flavor name and a disk size (both optional: the VM's own); 422 naming the field. */
    Map<String, Object> resizeParams(Actor actor, long serviceId, long vmId, String flavorName, String disk) {
        Service s = service(actor, serviceId);
        return resizeParams(limits(s), vm(actor, serviceId, vmId), flavorName, disk);
    }

    private static Map<String, Object> resizeParams(CloudLimits limits, CloudVm vm, String flavorName, String disk) {
        CloudLimits.Flavor flavor = flavorName == null || flavorName.isBlank() ? new CloudLimits.Flavor(vm.flavor(), vm.cores(), vm.memoryMb())
                : limits.flavors().get(flavorName.trim());
        if (flavor == null) {
            throw StewardException.invalid(Map.of("flavor", List.of("Unknown flavor; one of " + String.join(", ", limits.flavors().keySet()))));
        }
        int diskGb = vm.diskGb();
        if (disk != null && !disk.isBlank()) {
            if (!disk.trim().matches("[1-9]\\d{0,4}")) throw StewardException.invalid(Map.of("disk", List.of("Disk space in GB, a whole number from 1")));
            diskGb = Integer.parseInt(disk.trim());
        }
        return Map.of("flavor", flavor.name(), "cores", flavor.cores(), "memory_mb", flavor.memoryMb(), "disk_gb", diskGb);
    }

    /**
     * Locks the service's {@code cloud_service} row until the caller's transaction ends. The row is
     * made first in a transaction of its own, where a concurrent maker's duplicate is harmless.
     */
    private void lock(long serviceId) {
        var dsl = db.dsl();
        dsl.select(LOCK_SERVICE).from(LOCKS).where(LOCK_SERVICE.eq(serviceId)).forUpdate().fetch();
    }

    /** The service's lock row, made once (outside any transaction of the caller's). */
    private void ensureLockRow(long serviceId) {
        if (db.dsl().fetchExists(db.dsl().selectOne().from(LOCKS).where(LOCK_SERVICE.eq(serviceId)))) return;
        try {
            db.txRun(() -> db.dsl().insertInto(LOCKS).set(LOCK_SERVICE, serviceId).set(LOCK_CREATED, Times.now(clock)).execute());
        } catch (RuntimeException e) {
            if (!Db.isConstraintViolation(e)) throw e;
        }
    }
}
