package io.steward.cloud;

import com.fasterxml.jackson.databind.JsonNode;
import io.steward.core.Json;
import io.steward.core.Secrets;
import io.steward.core.Times;
import io.steward.db.Db;
import io.steward.ipam.AddressLeases;
import io.steward.jobs.Backoff;
import io.steward.jobs.Job;
import io.steward.jobs.JobHandler;
import io.steward.jobs.JobKind;
import io.steward.jobs.JobResult;
import io.steward.jobs.Jobs;
import io.steward.service.ServiceModuleAccess;
import io.steward.service.module.CloudVms;
import io.steward.service.module.ModuleRequest;
import java.time.Clock;
import java.time.Duration;
import java.util.List;
import java.util.Optional;

/**
 * Runs VM actions as jobs of the {@code cloud} kind, one VM's jobs in the order queued. A job
 * calls the service's {@link CloudVms} driver, polls the hypervisor task until it finishes, reads
 * the VM back and records what it now is; the VM shows its transitional status ({@code starting},
 * {@code rebuilding}...) until then. A busy or unreachable hypervisor is retried with backoff; a
 * job that goes dead leaves the VM in {@code error} (a failed creation is deleted again, so no
 * half-made VM stays on the hypervisor and its addresses go back to the pool).
 */
final class CloudJobs implements JobHandler {
    static final String KIND = "cloud";

    /** What a finished action leaves: the VM as the hypervisor now reports it. */
    record Applied(String status, String ref, String template, String flavor, int cores, int memoryMb, int diskGb) {}

    private final Db db;
    private final Clock clock;
    private final Secrets secrets;
    private final CloudStore store;
    private final ServiceModuleAccess modules;
    private final AddressLeases leases;
    private final Jobs jobs;
    private final Duration taskTimeout;
    private final Duration pollInterval;

    CloudJobs(Db db, Clock clock, Secrets secrets, CloudStore store, ServiceModuleAccess modules, AddressLeases leases, Jobs jobs,
              int concurrency, int maxAttempts, Duration taskTimeout, Duration pollInterval) {
        this.db = db;
        this.clock = clock;
        this.secrets = secrets;
        this.store = store;
        this.modules = modules;
        this.leases = leases;
        this.jobs = jobs;
        this.taskTimeout = taskTimeout;
        this.pollInterval = pollInterval;
        jobs.register(JobKind.of(KIND, this).maxAttempts(maxAttempts).concurrency(concurrency)
                .backoff(new Backoff(Duration.ofSeconds(10), Duration.ofMinutes(10), 0.1)).orderedBySubject()
                .runningTimeout(taskTimeout.plusMinutes(5)));
    }

    @Override
    public JobResult call(Job job) {
        CloudVm vm = store.byId(job.subjectId()).orElse(null);
        if (vm == null || vm.deleted()) return JobResult.done(null);
        var bound = modules.capability(vm.serviceId(), CloudVms.class, job.action());
        if (bound.isEmpty()) return JobResult.retry("the service's module is not installed or runs no VMs");
        CloudVms cloud = bound.get().capability();
        ModuleRequest request = bound.get().request();
        JsonNode params = params(job);
        try {
            CloudVms.Task task = switch (job.action()) {
                case "create" -> cloud.create(request, spec(vm, vm.template(), limits(vm)));
                case "start" -> cloud.start(request, vm.name(), vm.ref());
                case "stop" -> cloud.stop(request, vm.name(), vm.ref());
                case "reboot" -> cloud.reboot(request, vm.name(), vm.ref());
                case "rescue" -> cloud.rescue(request, vm.name(), vm.ref(), password(vm));
                case "unrescue" -> cloud.unrescue(request, vm.name(), vm.ref());
                case "rebuild" -> cloud.rebuild(request, spec(vm, params.path("template").asText(vm.template()), limits(vm)), vm.ref());
                case "resize" -> cloud.resize(request, vm.name(), vm.ref(), new CloudVms.Limits(params.path("cores").asInt(),
                        params.path("memory_mb").asInt(), params.path("disk_gb").asInt()));
                case "delete" -> deleteTolerant(cloud, request, vm);
                default -> throw new CloudVms.Rejected("unknown action " + job.action());
            };
            Optional<String> failed = await(cloud, request, vm.name(), task);
            if (failed.isPresent()) return JobResult.retry(failed.get());
            if (job.action().equals("delete")) return JobResult.done(new Applied(CloudVm.DELETED, vm.ref(), vm.template(), vm.flavor(), 0, 0, 0));
            CloudVms.Vm now = cloud.vm(request, vm.name(), vm.ref());
            String template = job.action().equals("rebuild") ? params.path("template").asText(vm.template()) : vm.template();
            String flavor = job.action().equals("resize") ? params.path("flavor").asText(vm.flavor()) : vm.flavor();
            CloudVms.Limits l = job.action().equals("resize") ? new CloudVms.Limits(params.path("cores").asInt(), params.path("memory_mb").asInt(),
                    params.path("disk_gb").asInt()) : limits(vm);
            return JobResult.done(new Applied(now.power().name().toLowerCase(java.util.Locale.ROOT), now.ref(), template, flavor, l.cores(),
                    l.memoryMb(), l.diskGb()));
        } catch (CloudVms.Rejected e) {
            return JobResult.fatal("rejected: " + e.getMessage());
        } catch (CloudVms.VmNotFound e) {
            // Only a create may find nothing to act on and still succeed later (the hypervisor lost it): retrying cannot help the others.
            return job.action().equals("create") ? JobResult.retry("not found: " + e.getMessage()) : JobResult.fatal("not found: " + e.getMessage());
        } catch (CloudVms.Busy e) {
            return JobResult.retry("busy: " + e.getMessage());
        } catch (RuntimeException e) {
            return JobResult.retry("unavailable: " + e.getMessage());
        }
    }

    private static CloudVms.Task deleteTolerant(CloudVms cloud, ModuleRequest request, CloudVm vm) {
        try {
            return cloud.delete(request, vm.name(), vm.ref());
        } catch (CloudVms.VmNotFound e) {
            return CloudVms.Task.done();
        }
    }

    /** Polls until the task finishes; the failure's text, or empty on success. Too long is a failure worth retrying. */
    private Optional<String> await(CloudVms cloud, ModuleRequest request, String name, CloudVms.Task task) {
        if (task.finished()) return Optional.empty();
        long deadline = System.nanoTime() + taskTimeout.toNanos();
        while (true) {
            CloudVms.TaskStatus st = cloud.poll(request, name, task.id());
            if (st.state() == CloudVms.TaskState.SUCCEEDED) return Optional.empty();
            if (st.state() == CloudVms.TaskState.FAILED) return Optional.of("task failed: " + st.error());
            if (System.nanoTime() > deadline) return Optional.of("task " + task.id() + " still running after " + taskTimeout);
            try {
                Thread.sleep(pollInterval.toMillis());
            } catch (InterruptedException e) {
                Thread.currentThread().interrupt();
                return Optional.of("interrupted while waiting for task " + task.id());
            }
        }
    }

    private CloudVms.VmSpec spec(CloudVm vm, String template, CloudVms.Limits limits) {
        var described = leases.describe(vm.serviceId(), vm.addresses());
        String gateway = described.stream().filter(l -> l.family() == 4 && l.gateway() != null).map(AddressLeases.Lease::gateway).findFirst().orElse(null);
        var addresses = described.stream().map(l -> l.address() + "/" + l.prefix()).toList();
        return new CloudVms.VmSpec(vm.name(), hostname(vm.label()), template, limits, addresses, gateway, vm.sshKey(), password(vm));
    }

    static String hostname(String label) {
        String h = label.toLowerCase(java.util.Locale.ROOT).replaceAll("[^a-z0-9-]+", "-").replaceAll("^-+|-+$", "");
        return h.isEmpty() ? "vm" : h.substring(0, Math.min(63, h.length()));
    }

    private String password(CloudVm vm) {
        return vm.passwordSealed() == null ? null : secrets.decrypt(vm.passwordSealed());
    }

    private static CloudVms.Limits limits(CloudVm vm) {
        return new CloudVms.Limits(vm.cores(), vm.memoryMb(), vm.diskGb());
    }

    private static JsonNode params(Job job) {
        try {
            return Json.MAPPER.readTree(job.payload() == null ? "{}" : job.payload());
        } catch (java.io.IOException e) {
            return Json.MAPPER.createObjectNode();
        }
    }

    @Override
    public void succeeded(Job job, Object value) {
        if (!(value instanceof Applied a)) return;
        CloudVm vm = store.byId(job.subjectId()).orElseThrow();
        var now = Times.now(clock);
        if (CloudVm.DELETED.equals(a.status())) {
            leases.release(vm.serviceId(), vm.addresses());
            store.status(vm.id(), CloudVm.DELETED, vm.lastError(), now);
            return;
        }
        store.applied(vm.id(), a.ref(), a.template(), a.flavor(), a.cores(), a.memoryMb(), a.diskGb(), now);
        store.status(vm.id(), a.status(), null, now);
    }

    @Override
    public void failed(Job job, String error) {
        db.dsl().update(CloudStore.T).set(CloudStore.LAST_ERROR, trim(error)).where(CloudStore.ID.eq(job.subjectId())).execute();
    }

    /**
     * A dead creation is cleaned up by a delete job (the hypervisor may hold part of it; the
     * addresses go back when that delete succeeds); any other dead action leaves the VM in
     * {@code error}, from which the client may start, stop, rebuild or delete it.
     */
    @Override
    public void dead(Job job, String error) {
        CloudVm vm = store.byId(job.subjectId()).orElse(null);
        if (vm == null || vm.deleted()) return;
        var now = Times.now(clock);
        if (job.action().equals("create")) {
            store.status(vm.id(), CloudVm.DELETING, trim("creation failed: " + error), now);
            jobs.enqueue(KIND, Long.toString(vm.id()), "delete", "{}", KIND + ":cleanup:" + vm.id());
        } else if (job.action().equals("delete")) {
            store.status(vm.id(), CloudVm.ERROR, trim("deletion failed: " + error), now);
        } else {
            store.status(vm.id(), CloudVm.ERROR, trim(job.action() + " failed: " + error), now);
        }
    }

    /** A staff-cancelled job leaves the VM as the hypervisor last had it; error until the client acts. */
    @Override
    public void cancelled(Job job) {
        store.byId(job.subjectId()).filter(v -> !v.deleted())
                .ifPresent(v -> store.status(v.id(), CloudVm.ERROR, "action cancelled by staff", Times.now(clock)));
    }

    private static String trim(String s) {
        return s == null ? null : s.length() > 1000 ? s.substring(0, 1000) : s;
    }

    /** The VMs' jobs run now (tests, the demo loader). */
    int runNow() {
        return jobs.runDue(KIND::equals);
    }

    List<Job> jobsOf(long vmId) {
        return jobs.search(KIND, null, Long.toString(vmId), null, 1, 100);
    }
}
