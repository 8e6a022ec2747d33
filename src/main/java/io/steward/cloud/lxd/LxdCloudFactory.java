package io.steward.cloud.lxd;

import io.steward.modules.ModuleContext;
import io.steward.modules.ModuleFactory;
import io.steward.modules.ModuleKind;
import io.steward.modules.ModuleSettings;
import io.steward.modules.SettingField;
import io.steward.modules.SettingsSchema;
import io.steward.service.module.ServerModule;
import java.nio.file.Path;
import java.time.Duration;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;
import java.util.Set;

/**
 * The {@code lxd} server module: a cloud whose VMs are LXD system containers, driven through
 * LXD's REST API on its unix socket. Templates are LXD image aliases; limits are
 * {@code limits.cpu} and {@code limits.memory}; addresses are the NIC's {@code ipv4.address} /
 * {@code ipv6.address} on the managed bridge; rescue is a helper container with the stopped
 * container's root file system attached; rebuild re-creates the container from the new image.
 * Each server of a server group is one LXD host: its module instance names the socket.
 */
public final class LxdCloudFactory implements ModuleFactory<ServerModule> {
    public static final String ID = "lxd";

    @Override public String id() { return ID; }

    @Override public ModuleKind kind() { return ModuleKind.SERVER; }

    @Override public String label() { return "LXD: system containers as cloud VMs, over LXD's REST API on its unix socket"; }

    @Override public Set<String> capabilities() { return Set.of("cloud_vms", "traffic_counters"); }

    @Override
    public SettingsSchema schema() {
        return new SettingsSchema(List.of(
                SettingField.string("socket", false, "/var/lib/lxd/unix.socket", "LXD's unix socket"),
                SettingField.string("network", false, "lxdbr0", "The managed bridge VMs' NICs join"),
                SettingField.string("storage_pool", false, "default", "The storage pool of VMs' root disks"),
                SettingField.string("rescue_image", false, "busybox", "Image alias of the rescue system"),
                SettingField.integer("stop_timeout_seconds", false, 10, "Graceful stop before a forced one"),
                SettingField.integer("timeout_seconds", false, 120, "Longest wait for one LXD request or operation")));
    }

    @Override
    public Map<String, String> configured(ModuleContext context) {
        var c = context.config();
        var out = new LinkedHashMap<String, String>();
        out.put("socket", c.get("cloud.lxd.socket", "/var/lib/lxd/unix.socket"));
        out.put("network", c.get("cloud.lxd.network", "lxdbr0"));
        out.put("storage_pool", c.get("cloud.lxd.storage-pool", "default"));
        out.put("rescue_image", c.get("cloud.lxd.rescue-image", "busybox"));
        out.put("stop_timeout_seconds", c.get("cloud.lxd.stop-timeout-seconds", "10"));
        return out;
    }

    @Override
    public ServerModule create(ModuleSettings s) {
        Duration timeout = Duration.ofSeconds(Math.max(5, s.integer("timeout_seconds", 120)));
        var client = new LxdClient(Path.of(s.find("socket").orElse("/var/lib/lxd/unix.socket")), timeout);
        return new LxdCloud(client, s.find("network").orElse("lxdbr0"), s.find("storage_pool").orElse("default"),
                s.find("rescue_image").orElse("busybox"), Duration.ofSeconds(Math.max(1, s.integer("stop_timeout_seconds", 10))), timeout);
    }
}
