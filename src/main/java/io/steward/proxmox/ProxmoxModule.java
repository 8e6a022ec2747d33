package io.steward.proxmox;

import com.fasterxml.jackson.databind.JsonNode;
import com.fasterxml.jackson.databind.node.ObjectNode;
import io.steward.core.Json;
import io.steward.modules.Check;
import io.steward.service.module.CloudVms;
import io.steward.service.module.CloudVms.CloudException;
import io.steward.service.module.CloudVms.Limits;
import io.steward.service.module.CloudVms.Rejected;
import io.steward.service.module.CloudVms.Task;
import io.steward.service.module.CloudVms.TaskState;
import io.steward.service.module.CloudVms.TaskStatus;
import io.steward.service.module.CloudVms.VmNotFound;
import io.steward.service.module.CloudVms.VmSpec;
import io.steward.service.module.ModuleRequest;
import io.steward.service.module.ModuleResult;
import io.steward.service.module.PowerControl;
import io.steward.service.module.Rebuild;
import io.steward.service.module.Rescue;
import io.steward.service.module.ServerModule;
import io.steward.service.module.TrafficCounters;
import java.util.ArrayList;
import java.util.List;
import java.util.Optional;
import java.util.function.Supplier;

/**
 * The server module of one Proxmox VE instance. It serves two kinds of product:
 * <ul>
 *   <li>a <b>cloud</b> service (no {@code template} in the product's module settings): the service
 *       itself needs nothing on PVE, and its VMs are made through {@link CloudVms};</li>
 *   <li>a <b>VPS</b> (the product names a {@code template}, and {@code cores}, {@code memory} MiB,
 *       {@code disk} GiB): the service is one VM named {@code vps-<service id>}, made by
 *       {@link #create}, stopped on suspension, started again on unsuspension, destroyed on
 *       termination, and driven by the power, rescue, rebuild and traffic capabilities.</li>
 * </ul>
 * Module calls wait for PVE's tasks to finish (bounded by {@code task_timeout}): a lock or an
 * unreachable node is a retry, what PVE refuses as such (unknown template, shrinking) is fatal.
 */
final class ProxmoxModule implements ServerModule, PowerControl, Rescue, Rebuild, TrafficCounters {
    private final ProxmoxCloud cloud;

    ProxmoxModule(ProxmoxCloud cloud) {
        this.cloud = cloud;
    }

    @Override
    public <T> Optional<T> capability(Class<T> type) {
        if (type == CloudVms.class) return Optional.of(type.cast(cloud));
        return ServerModule.super.capability(type);
    }

    @Override
    public Check testConnection() {
        PveConfig cfg = cloud.config();
        if (!cfg.tlsFingerprint().isEmpty() && PinnedCertificate.parse(cfg.tlsFingerprint()).isEmpty()) {
            return Check.failed("tls_fingerprint is not a SHA-256 fingerprint (64 hex digits, colons allowed)");
        }
        try {
            JsonNode v = cloud.client().get("/version", java.util.Map.of());
            int templates = cloud.templates(null).size();
            String bad = cfg.badTemplates().isEmpty() ? "" : "; unreadable template entries: " + cfg.badTemplates();
            String missing = templates < cfg.templates().size()
                    ? "; " + (cfg.templates().size() - templates) + " configured template VMID(s) are not templates on node " + cfg.node() : "";
            String msg = "Proxmox VE " + v.path("version").asText("?") + " at " + cloud.client().host() + ", node " + cfg.node() + ": "
                    + templates + " template(s) usable" + missing + bad;
            return missing.isEmpty() && bad.isEmpty() ? Check.ok(msg) : Check.failed(msg);
        } catch (CloudException e) {
            return Check.failed(e.getMessage());
        }
    }

    @Override
    public Check health() {
        PveConfig cfg = cloud.config();
        return cfg.templates().isEmpty() ? Check.failed("No templates configured") : Check.ok("Node " + cfg.node() + " at " + cloud.client().host());
    }

    // ---- the service

    @Override
    public ModuleResult create(ModuleRequest r) {
        Optional<VmSpec> spec = vps(r, template(r, null));
        if (spec.isEmpty()) return ModuleResult.ok();
        return act(r, () -> cloud.create(r, spec.get()));
    }

    @Override
    public ModuleResult suspend(ModuleRequest r) {
        return onVps(r, () -> cloud.stop(r, name(r), ref(r)));
    }

    @Override
    public ModuleResult unsuspend(ModuleRequest r) {
        return onVps(r, () -> cloud.start(r, name(r), ref(r)));
    }

    @Override
    public ModuleResult terminate(ModuleRequest r) {
        // Deleting a VM that is gone already succeeds (the contract's delete), so a repeated termination is fine.
        return isVps(r) ? act(r, () -> cloud.delete(r, name(r), ref(r))) : ModuleResult.ok();
    }

    @Override
    public ModuleResult renew(ModuleRequest r) {
        return ModuleResult.ok();
    }

    @Override
    public ModuleResult changePackage(ModuleRequest r) {
        return onVps(r, () -> cloud.resize(r, name(r), ref(r), limits(r.params() != null && r.params().has("cores") ? r.params() : r.moduleConfig())));
    }

    // ---- capabilities of a VPS

    @Override
    public ModuleResult power(ModuleRequest r, PowerAction action) {
        return onVps(r, () -> switch (action) {
            case START -> cloud.start(r, name(r), ref(r));
            case STOP -> cloud.stop(r, name(r), ref(r));
            case REBOOT -> cloud.reboot(r, name(r), ref(r));
        });
    }

    @Override
    public String powerState(ModuleRequest r) {
        if (!isVps(r)) return "unknown";
        try {
            return cloud.vm(r, name(r), ref(r)).power() == CloudVms.Power.STOPPED ? "stopped" : "running";
        } catch (CloudException e) {
            return "unknown";
        }
    }

    @Override
    public ModuleResult rescue(ModuleRequest r) {
        return onVps(r, () -> cloud.rescue(r, name(r), ref(r), r.password()));
    }

    @Override
    public ModuleResult unrescue(ModuleRequest r) {
        return onVps(r, () -> cloud.unrescue(r, name(r), ref(r)));
    }

    @Override
    public ModuleResult rebuild(ModuleRequest r) {
        Optional<VmSpec> spec = vps(r, template(r, r.params()));
        if (spec.isEmpty()) return ModuleResult.fatal("This service is a cloud service: rebuild its VMs one by one");
        return act(r, () -> cloud.rebuild(r, spec.get(), ref(r)));
    }

    @Override
    public List<Counter> counters(ModuleRequest r) {
        if (!isVps(r)) return List.of();
        return cloud.counters(r, name(r), ref(r));
    }

    // ---- helpers

    private ModuleResult onVps(ModuleRequest r, Supplier<Task> action) {
        if (!isVps(r)) return ModuleResult.fatal("This service is a cloud service: act on its VMs");
        return act(r, action);
    }

    /** Runs the action, waits for its last task and answers the VM's vmid as module state. */
    private ModuleResult act(ModuleRequest r, Supplier<Task> action) {
        try {
            Task t = action.get();
            if (!t.finished()) {
                TaskStatus s = cloud.await(t.id(), cloud.config().taskTimeout());
                if (s.state() == TaskState.FAILED) return ModuleResult.retry("Proxmox VE task failed: " + s.error());
                if (s.state() == TaskState.RUNNING) return ModuleResult.retry("Proxmox VE task " + t.id() + " still running");
            }
            ObjectNode state = Json.MAPPER.createObjectNode();
            state.put("platform", ProxmoxModuleFactory.ID);
            state.put("node", cloud.config().node());
            state.put("vm", name(r));
            cloud.find(name(r), ref(r)).ifPresent(vmid -> state.put("vmid", vmid));
            return ModuleResult.ok(state);
        } catch (Rejected e) {
            return ModuleResult.fatal(e.getMessage());
        } catch (VmNotFound e) {
            return ModuleResult.fatal(e.getMessage());
        } catch (CloudException e) {
            return ModuleResult.retry(e.getMessage());
        }
    }

    private static boolean isVps(ModuleRequest r) {
        return template(r, null) != null;
    }

    private static String template(ModuleRequest r, JsonNode params) {
        if (params != null && params.hasNonNull("template")) return params.get("template").asText();
        JsonNode c = r.moduleConfig();
        return c != null && c.hasNonNull("template") && !c.get("template").asText().isBlank() ? c.get("template").asText() : null;
    }

    static String name(ModuleRequest r) {
        return "vps-" + r.serviceId();
    }

    private static String ref(ModuleRequest r) {
        JsonNode s = r.moduleState();
        return s != null && s.hasNonNull("vmid") ? s.get("vmid").asText() : null;
    }

    private Optional<VmSpec> vps(ModuleRequest r, String template) {
        if (template == null) return Optional.empty();
        var addresses = new ArrayList<String>();
        if (r.params() != null && r.params().get("addresses") instanceof JsonNode list && list.isArray()) {
            for (JsonNode ip : list) if (ip.isTextual()) addresses.add(ip.asText());
        }
        String gateway = r.params() != null && r.params().hasNonNull("gateway4") ? r.params().get("gateway4").asText() : null;
        String key = r.moduleConfig() != null && r.moduleConfig().hasNonNull("ssh_key") ? r.moduleConfig().get("ssh_key").asText() : null;
        String host = r.domain() == null || r.domain().isBlank() ? name(r) : r.domain();
        return Optional.of(new VmSpec(name(r), host, template, limits(r.moduleConfig()), addresses, gateway, key, r.password()));
    }

    private static Limits limits(JsonNode c) {
        return new Limits(number(c, "cores", 1), number(c, "memory", 1024), number(c, "disk", 10));
    }

    private static int number(JsonNode c, String key, int fallback) {
        return c != null && c.hasNonNull(key) && c.get(key).asText().matches("\\d{1,7}") ? Integer.parseInt(c.get(key).asText()) : fallback;
    }
}
