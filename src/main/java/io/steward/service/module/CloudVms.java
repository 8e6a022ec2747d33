package io.steward.service.module;

import java.util.List;

/**
 * Capability: the module runs a cloud service's virtual machines on a hypervisor (LXD system
 * containers, Proxmox VE VMs, the sandbox cloud). A cloud service is provisioned like any service
 * (its {@link ServerModule#create} may do nothing); its VMs are then made, changed and removed
 * through this interface by the {@code cloud} feature, each action as one job of the job engine.
 *
 * <h2>Names</h2>
 * Steward chooses every VM's {@link VmSpec#name}: unique on the node, stable for the VM's life,
 * {@code [a-z][a-z0-9-]{1,62}} (a valid host name, LXD instance name and PVE VM name). Every call
 * names the VM by it; a driver that has numeric ids of its own (PVE's vmid) maps the name to them
 * and may keep the mapping in {@link Vm#ref}, which Steward stores and hands back in every later call.
 *
 * <h2>Synchronous calls and driver tasks</h2>
 * Reads ({@link #templates}, {@link #vm}, {@link #counters}, {@link #poll}) answer at once. Every
 * change answers a {@link Task}: either {@link Task#done()} (the driver finished within the call)
 * or the id of a task on the hypervisor (an LXD operation UUID, a PVE UPID, a sandbox timer) that
 * the caller polls with {@link #poll} until it is no longer {@link TaskState#RUNNING}. A change
 * that needs several hypervisor steps (stop, then restore a snapshot, then start) may run them all
 * inside the call and answer {@code done}, or answer the task of the last step; in both cases the
 * VM is in its final state once the task has finished.
 *
 * <h2>Idempotency</h2>
 * Calls are at-least-once (a job retried after its runner died mid-call). Every change must be
 * safe to repeat: {@link #create} of a name that exists answers success for it (it does not make a
 * second VM), {@link #delete} of a name that is gone succeeds, {@link #start} of a running VM and
 * {@link #stop} of a stopped one succeed, {@link #rescue} of a VM in rescue and {@link #unrescue}
 * of one that is not succeed.
 *
 * <h2>Errors</h2>
 * A driver throws {@link CloudException} subclasses, never anything else on purpose (any other
 * exception counts as {@link Unavailable}):
 * <ul>
 *   <li>{@link VmNotFound}: the hypervisor has no VM of that name (a job deleting it takes that as done);</li>
 *   <li>{@link Busy}: the VM is locked by another task (PVE's lock, an LXD operation in progress): retry later;</li>
 *   <li>{@link Unavailable}: the hypervisor cannot be reached, timed out or answered an error of its own: retry later;</li>
 *   <li>{@link Rejected}: the hypervisor refused the request as such (unknown template, limits it
 *       cannot give): retrying the same request will not help.</li>
 * </ul>
 * A failed {@link #create} must leave nothing behind, or leave a VM of that name that a later
 * {@link #delete} removes: Steward keeps the VM's row until a delete has succeeded, so nothing is
 * ever unaccounted for.
 *
 * <p>Calls run outside any database transaction and may take as long as the hypervisor needs;
 * a driver bounds every wait of its own (connect, read) so a dead hypervisor ends in {@link Unavailable}.
 */
public interface CloudVms {

    /** An image a VM can be created or rebuilt from. {@code id} is what clients send as {@code template}. */
    record Template(String id, String name, String os) {}

    /**
     * Resource limits of one VM. Drivers apply what the hypervisor can enforce and say nothing of
     * the rest (LXD enforces memory and CPU ranges; a disk quota needs a btrfs or ZFS pool).
     */
    record Limits(int cores, int memoryMb, int diskGb) {
        public Limits {
            if (cores < 1 || memoryMb < 16 || diskGb < 1) throw new IllegalArgumentException("limits must be positive: " + cores + "/" + memoryMb + "/" + diskGb);
        }
    }

    /**
     * What to create.
     *
     * @param name      Steward's name for the VM (see the class comment)
     * @param hostname  the guest's host name (the client's label, made valid)
     * @param template  a {@link Template#id} of {@link #templates}
     * @param addresses IPv4 and IPv6 addresses from Steward's IP pools, the first of each family the main one
     * @param gateway4  the IPv4 gateway of the first IPv4 address's pool, or null
     * @param sshKey    an OpenSSH public key line for root, or null
     * @param password  root's password in clear, or null; a driver never logs or stores it in clear
     */
    record VmSpec(String name, String hostname, String template, Limits limits, List<String> addresses, String gateway4, String sshKey,
                  String password) {
        @Override public String toString() {
            return "VmSpec[name=" + name + ", template=" + template + ", limits=" + limits + ", addresses=" + addresses + "]";
        }
    }

    /** A VM's power state as the hypervisor reports it. */
    enum Power { RUNNING, STOPPED, RESCUE }

    /**
     * A VM as the hypervisor sees it now.
     *
     * @param ref       the driver's own reference (PVE vmid, null when the name is enough): stored by Steward, passed back
     * @param template  the template it was last built from, when the hypervisor remembers it
     * @param addresses addresses the guest has now, when the hypervisor reports them
     */
    record Vm(String name, String ref, Power power, String template, Limits limits, List<String> addresses) {}

    /** A hypervisor task: {@code id} null when the change finished within the call. */
    record Task(String id) {
        public static Task done() {
            return new Task(null);
        }

        public boolean finished() {
            return id == null;
        }
    }

    enum TaskState { RUNNING, SUCCEEDED, FAILED }

    /** A task's state; {@code error} says why it failed (for staff, never shown to clients as is). */
    record TaskStatus(TaskState state, String error) {
        public static TaskStatus running() { return new TaskStatus(TaskState.RUNNING, null); }

        public static TaskStatus succeeded() { return new TaskStatus(TaskState.SUCCEEDED, null); }

        public static TaskStatus failed(String error) { return new TaskStatus(TaskState.FAILED, error); }
    }

    /** The templates VMs can be created and rebuilt from. */
    List<Template> templates(ModuleRequest request);

    /** The VM now. {@link VmNotFound} when the hypervisor has none of that name. */
    Vm vm(ModuleRequest request, String name, String ref);

    /** A task's state; a finished task keeps answering its final state (for at least an hour). */
    TaskStatus poll(ModuleRequest request, String name, String taskId);

    /**
     * Creates the VM from the spec and leaves it running. Answers the task and, through
     * {@link #vm} afterwards, the ref. Repeating it for an existing name answers success.
     */
    Task create(ModuleRequest request, VmSpec spec);

    Task start(ModuleRequest request, String name, String ref);

    /** Stops the VM: a graceful shutdown bounded by the driver's timeout, then a forced stop. */
    Task stop(ModuleRequest request, String name, String ref);

    Task reboot(ModuleRequest request, String name, String ref);

    /**
     * Boots a rescue system with the VM's disk reachable from it (LXD: a helper container with the
     * stopped container's root file system attached; PVE: boot from a rescue ISO). The VM then
     * reports {@link Power#RESCUE}. {@code password} (clear, may be null) is root's in the rescue system.
     */
    Task rescue(ModuleRequest request, String name, String ref, String password);

    /** Leaves rescue and boots the VM from its own disk again. */
    Task unrescue(ModuleRequest request, String name, String ref);

    /**
     * Reinstalls the VM from a template (the same or another), keeping its name, limits and addresses;
     * its disk's contents are lost. The VM is running afterwards.
     */
    Task rebuild(ModuleRequest request, VmSpec spec, String ref);

    /** Changes the VM's limits; a driver that must stop the VM for it starts it again afterwards. */
    Task resize(ModuleRequest request, String name, String ref, Limits limits);

    /** Removes the VM and everything the driver made for it (rescue helpers, snapshots). Gone already is success. */
    Task delete(ModuleRequest request, String name, String ref);

    /**
     * The VM's traffic counters, cumulative bytes per interface as the hypervisor keeps them; they
     * reset when the VM restarts (readers treat a smaller reading as a reset). Empty for a stopped VM.
     */
    List<TrafficCounters.Counter> counters(ModuleRequest request, String name, String ref);

    /** Why a driver call failed; see the class comment for what each kind means to the caller. */
    abstract sealed class CloudException extends RuntimeException permits VmNotFound, Busy, Unavailable, Rejected {
        protected CloudException(String message, Throwable cause) {
            super(message, cause);
        }
    }

    /** The hypervisor has no VM (or task) of that name. */
    final class VmNotFound extends CloudException {
        public VmNotFound(String message) {
            super(message, null);
        }
    }

    /** The VM is locked by another task; try again later. */
    final class Busy extends CloudException {
        public Busy(String message) {
            super(message, null);
        }
    }

    /** The hypervisor cannot be reached or failed on its side; try again later. */
    final class Unavailable extends CloudException {
        public Unavailable(String message, Throwable cause) {
            super(message, cause);
        }
    }

    /** The hypervisor refused the request as such; the same request will never succeed. */
    final class Rejected extends CloudException {
        public Rejected(String message) {
            super(message, null);
        }
    }
}
