package io.steward.proxmox;

import io.steward.modules.ModuleContext;
import io.steward.modules.ModuleFactory;
import io.steward.modules.ModuleKind;
import io.steward.modules.ModuleSettings;
import io.steward.modules.SettingField;
import io.steward.modules.SettingsSchema;
import io.steward.service.module.ServerModule;
import java.net.http.HttpClient;
import java.time.Duration;
import java.util.Map;
import java.util.Set;
import java.util.concurrent.ConcurrentHashMap;

/**
 * The {@code proxmox} server module: virtual machines on a Proxmox VE node through its REST API
 * with an API token. Staff add one instance per PVE node (or per cluster entry point and node) in
 * {@code /admin/api/module-instances}; the token secret is a secret setting, sealed at rest by the
 * module framework and never shown back. One HTTP client serves every instance of the node.
 */
public final class ProxmoxModuleFactory implements ModuleFactory<ServerModule> {
    public static final String ID = "proxmox";

    static final SettingsSchema SCHEMA = SettingsSchema.of(
            SettingField.string("api_url", true, null, "The PVE API address, e.g. https://pve1.example.net:8006"),
            SettingField.string("node", true, null, "The PVE node VMs are made on (its name in the cluster, e.g. pve1)"),
            SettingField.string("token_id", true, null, "API token id, USER@REALM!TOKENID (e.g. steward@pve!cloud)"),
            SettingField.secret("token_secret", true, "API token secret (the UUID PVE showed once when the token was made)"),
            SettingField.string("templates", true, null,
                    "OS templates clients may choose, as id=VMID pairs separated by commas: debian-12=9000, ubuntu-24-04=9001"),
            SettingField.string("tls_fingerprint", false, null,
                    "SHA-256 fingerprint of the node's certificate (AB:CD:..., as PVE shows it) to pin; empty: the JVM must trust it"),
            SettingField.string("storage", false, null, "Storage for the clones' disks (empty: the template's storage)"),
            SettingField.string("bridge", false, "vmbr0", "Bridge the VMs' first network card is plugged into"),
            SettingField.string("disk", false, "scsi0", "The templates' boot disk, grown to the VM's disk limit"),
            SettingField.string("rescue_iso", false, null, "Rescue ISO volume booted for rescue, e.g. local:iso/systemrescue-11.00-amd64.iso"),
            SettingField.string("ci_user", false, "root", "cloud-init user that gets the SSH key and password"),
            SettingField.integer("ipv4_prefix", false, 24, "Prefix length of the VMs' IPv4 addresses"),
            SettingField.integer("ipv6_prefix", false, 64, "Prefix length of the VMs' IPv6 addresses"),
            SettingField.integer("task_timeout", false, 600, "Seconds a PVE task (clone, resize, delete) may run before the call gives up"),
            SettingField.integer("shutdown_timeout", false, 60, "Seconds the guest gets to shut down before the VM is stopped"),
            SettingField.integer("request_timeout", false, 30, "Seconds one API request may take"),
            SettingField.bool("full_clone", true, "Full clones (independent disks); false makes linked clones of the template"));

    /** One client per pinned certificate (the empty key: the JVM's trust store), shared by the instances that use it. */
    private final Map<String, HttpClient> clients = new ConcurrentHashMap<>();

    @Override public String id() { return ID; }

    @Override public ModuleKind kind() { return ModuleKind.SERVER; }

    @Override public String label() { return "Proxmox VE: virtual machines on a PVE node through its REST API (API token)"; }

    @Override public SettingsSchema schema() { return SCHEMA; }

    @Override
    public Set<String> capabilities() {
        return Set.of("cloud_vms", "power_control", "rescue", "rebuild", "traffic_counters");
    }

    @Override
    public void init(ModuleContext context) {
        client("");
    }

    @Override
    public ServerModule create(ModuleSettings settings) {
        PveConfig config = PveConfig.of(settings);
        var pve = new PveClient(config.apiUrl(), config.tokenId(), config.tokenSecret(), config.requestTimeout(), client(config.tlsFingerprint()));
        return new ProxmoxModule(new ProxmoxCloud(pve, config, ProxmoxCloud.SLEEP));
    }

    private HttpClient client(String fingerprint) {
        String pin = fingerprint == null ? "" : fingerprint.trim();
        return clients.computeIfAbsent(pin, p -> {
            HttpClient.Builder b = HttpClient.newBuilder().connectTimeout(Duration.ofSeconds(10)).version(HttpClient.Version.HTTP_1_1)
                    .followRedirects(HttpClient.Redirect.NEVER);
            // A malformed pin trusts nothing (the connection test names the setting) rather than everything.
            if (!p.isEmpty()) b.sslContext(PinnedCertificate.context(PinnedCertificate.parse(p).orElse(new byte[32])));
            return b.build();
        });
    }

    @Override
    public void close() {
        clients.values().forEach(HttpClient::close);
        clients.clear();
    }
}
