package io.steward.proxmox;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;

import com.fasterxml.jackson.databind.node.ObjectNode;
import io.steward.core.Json;
import io.steward.modules.ModuleSettings;
import io.steward.service.module.CloudVms;
import io.steward.service.module.CloudVms.Busy;
import io.steward.service.module.CloudVms.Limits;
import io.steward.service.module.CloudVms.Power;
import io.steward.service.module.CloudVms.Rejected;
import io.steward.service.module.CloudVms.Task;
import io.steward.service.module.CloudVms.TaskState;
import io.steward.service.module.CloudVms.TaskStatus;
import io.steward.service.module.CloudVms.Unavailable;
import io.steward.service.module.CloudVms.Vm;
import io.steward.service.module.CloudVms.VmNotFound;
import io.steward.service.module.CloudVms.VmSpec;
import io.steward.service.module.ModuleRequest;
import io.steward.service.module.PowerControl;
import io.steward.service.module.ServerModule;
import java.net.URLDecoder;
import java.net.http.HttpClient;
import java.nio.charset.StandardCharsets;
import java.util.HashMap;
import java.util.List;
import java.util.Map;
import org.junit.jupiter.api.AfterAll;
import org.junit.jupiter.api.BeforeAll;
import org.junit.jupiter.api.Test;

/** The Proxmox VE driver through a whole VM life against the PVE simulator, faults included. */
class ProxmoxCloudTest {
    static final String KEY = "ssh-ed25519 AAAAC3NzaC1lZDI1NTE5AAAAIG9x+/t3st key=for root@laptop";
    static PveSimulator sim;
    static ProxmoxCloud cloud;

    @BeforeAll
    static void start() {
        sim = new PveSimulator();
        cloud = cloud(Map.of());
    }

    @AfterAll
    static void stop() {
        sim.close();
    }

    static Map<String, String> settings(Map<String, String> overrides) {
        var m = new HashMap<String, String>();
        m.put("api_url", sim.url());
        m.put("node", PveSimulator.NODE);
        m.put("token_id", PveSimulator.TOKEN_ID);
        m.put("token_secret", PveSimulator.SECRET);
        m.put("templates", "debian-12=9000, ubuntu-24-04=9001");
        m.put("bridge", "vmbr1");
        m.put("rescue_iso", "local:iso/systemrescue-11.00-amd64.iso");
        m.put("shutdown_timeout", "1");
        m.put("task_timeout", "20");
        m.putAll(overrides);
        return m;
    }

    static ProxmoxCloud cloud(Map<String, String> overrides) {
        PveConfig cfg = PveConfig.of(new ModuleSettings(ProxmoxModuleFactory.SCHEMA, settings(overrides)));
        var client = new PveClient(cfg.apiUrl(), cfg.tokenId(), cfg.tokenSecret(), cfg.requestTimeout(), HttpClient.newHttpClient());
        return new ProxmoxCloud(client, cfg, d -> Thread.sleep(10));
    }

    static ModuleRequest request(String key) {
        return new ModuleRequest(0, 1, "vms", 1, 1, null, null, null, null, "monthly", null, null, null, key);
    }

    static VmSpec spec(String name, String template, Limits limits) {
        return new VmSpec(name, name + ".example.net", template, limits, List.of("203.0.113.10", "2001:db8::10", "203.0.113.11"), "203.0.113.1",
                KEY, "s3cret-Pass");
    }

    /** Waits for the driver's task (polling as the job engine does) and answers how it ended. */
    static TaskStatus finish(Task t) {
        if (t.finished()) return TaskStatus.succeeded();
        while (true) {
            TaskStatus s = cloud.poll(request(null), "any", t.id());
            if (s.state() != TaskState.RUNNING) return s;
            try {
                Thread.sleep(10);
            } catch (InterruptedException e) {
                throw new IllegalStateException(e);
            }
        }
    }

    static int created(String name) {
        assertThat(finish(cloud.create(request(null), spec(name, "debian-12", new Limits(2, 2048, 20)))).state()).isEqualTo(TaskState.SUCCEEDED);
        return Integer.parseInt(cloud.vm(request(null), name, null).ref());
    }

    @Test
    void create_clones_the_template_sets_cloud_init_and_limits_grows_the_disk_and_leaves_the_vm_running() {
        Task t = cloud.create(request(null), spec("vm-create", "debian-12", new Limits(2, 2048, 20)));
        assertThat(t.id()).as("the start is the last step, answered as the task").startsWith("UPID:pve1:").contains(":qmstart:");
        assertThat(finish(t).state()).isEqualTo(TaskState.SUCCEEDED);
        Vm vm = cloud.vm(request(null), "vm-create", null);
        assertThat(vm.power()).isEqualTo(Power.RUNNING);
        assertThat(vm.limits()).isEqualTo(new Limits(2, 2048, 20));
        assertThat(vm.template()).isEqualTo("debian-12");
        assertThat(vm.addresses()).containsExactly("203.0.113.10", "2001:db8::10");
        var conf = sim.vm(Integer.parseInt(vm.ref())).config;
        assertThat(conf.get("ciuser")).isEqualTo("root");
        assertThat(conf.get("cipassword")).as("PVE keeps only a hash").doesNotContain("s3cret");
        assertThat(conf.get("sshkeys")).as("URL-encoded as PVE requires").doesNotContain(" ").doesNotContain("+");
        assertThat(URLDecoder.decode(conf.get("sshkeys").replace("+", "%2B"), StandardCharsets.UTF_8)).isEqualTo(KEY + "\n");
        assertThat(conf.get("ipconfig0")).isEqualTo("ip=203.0.113.10/24,gw=203.0.113.1,ip6=2001:db8::10/64");
        assertThat(conf.get("net0")).as("moved to the configured bridge, MAC kept").startsWith("virtio=BC:24:11:").endsWith("bridge=vmbr1");
        assertThat(conf.get("scsi0")).isEqualTo("local-lvm:vm-" + vm.ref() + "-disk-0,size=20G");
        assertThat(conf.get("ide2")).as("the template's cloud-init drive").contains("cloudinit");
    }

    @Test
    void create_repeated_for_a_name_that_exists_makes_no_second_vm() {
        int vmid = created("vm-twice");
        int before = sim.vmCount();
        assertThat(finish(cloud.create(request(null), spec("vm-twice", "debian-12", new Limits(2, 2048, 20)))).state())
                .isEqualTo(TaskState.SUCCEEDED);
        assertThat(sim.vmCount()).isEqualTo(before);
        assertThat(cloud.vm(request(null), "vm-twice", null).ref()).isEqualTo(Integer.toString(vmid));
    }

    @Test
    void stop_shuts_the_guest_down_gracefully_and_start_boots_it_again() {
        int vmid = created("vm-stop");
        Task stop = cloud.stop(request(null), "vm-stop", Integer.toString(vmid));
        assertThat(stop.finished()).as("the shutdown was enough").isTrue();
        assertThat(sim.calls()).contains("POST /nodes/pve1/qemu/" + vmid + "/status/shutdown")
                .doesNotContain("POST /nodes/pve1/qemu/" + vmid + "/status/stop");
        assertThat(cloud.vm(request(null), "vm-stop", null).power()).isEqualTo(Power.STOPPED);
        assertThat(cloud.counters(request(null), "vm-stop", null)).as("a stopped VM counts nothing").isEmpty();
        assertThat(cloud.stop(request(null), "vm-stop", null).finished()).as("stopping a stopped VM succeeds").isTrue();
        assertThat(finish(cloud.start(request(null), "vm-stop", null)).state()).isEqualTo(TaskState.SUCCEEDED);
        assertThat(cloud.vm(request(null), "vm-stop", null).power()).isEqualTo(Power.RUNNING);
        assertThat(cloud.start(request(null), "vm-stop", null).finished()).as("starting a running VM succeeds").isTrue();
    }

    @Test
    void stop_forces_a_guest_that_ignores_the_shutdown_after_the_timeout() {
        int vmid = created("vm-deaf");
        sim.ignoreShutdown(vmid);
        Task stop = cloud.stop(request(null), "vm-deaf", Integer.toString(vmid));
        assertThat(stop.id()).contains(":qmstop:");
        assertThat(finish(stop).state()).isEqualTo(TaskState.SUCCEEDED);
        assertThat(sim.calls()).containsSubsequence("POST /nodes/pve1/qemu/" + vmid + "/status/shutdown",
                "POST /nodes/pve1/qemu/" + vmid + "/status/stop");
        assertThat(cloud.vm(request(null), "vm-deaf", null).power()).isEqualTo(Power.STOPPED);
    }

    @Test
    void reboot_restarts_the_guest_and_its_counters_and_boots_a_stopped_one() {
        int vmid = created("vm-reboot");
        long bootedAt = sim.vm(vmid).startedAt;
        assertThat(finish(cloud.reboot(request(null), "vm-reboot", null)).state()).isEqualTo(TaskState.SUCCEEDED);
        assertThat(sim.vm(vmid).startedAt).isGreaterThan(bootedAt);
        assertThat(sim.calls()).contains("POST /nodes/pve1/qemu/" + vmid + "/status/reboot");
        sim.ignoreShutdown(vmid);
        assertThat(finish(cloud.reboot(request(null), "vm-reboot", null)).state()).as("a deaf guest is reset").isEqualTo(TaskState.SUCCEEDED);
        assertThat(cloud.vm(request(null), "vm-reboot", null).power()).isEqualTo(Power.RUNNING);
        finish(cloud.stop(request(null), "vm-reboot", null));
        assertThat(finish(cloud.reboot(request(null), "vm-reboot", null)).state()).isEqualTo(TaskState.SUCCEEDED);
        assertThat(cloud.vm(request(null), "vm-reboot", null).power()).isEqualTo(Power.RUNNING);
    }

    @Test
    void rescue_boots_the_rescue_iso_first_and_unrescue_restores_the_disk_boot() {
        int vmid = created("vm-rescue");
        assertThat(finish(cloud.rescue(request(null), "vm-rescue", null, "rescue-pw")).state()).isEqualTo(TaskState.SUCCEEDED);
        var conf = sim.vm(vmid).config;
        assertThat(conf.get("ide3")).isEqualTo("local:iso/systemrescue-11.00-amd64.iso,media=cdrom");
        assertThat(conf.get("boot")).isEqualTo("order=ide3;scsi0;net0");
        assertThat(conf.get("ide2")).as("cloud-init drive kept").contains("cloudinit");
        assertThat(cloud.vm(request(null), "vm-rescue", null).power()).isEqualTo(Power.RESCUE);
        assertThat(finish(cloud.rescue(request(null), "vm-rescue", null, null)).state()).as("again: nothing to do").isEqualTo(TaskState.SUCCEEDED);

        assertThat(finish(cloud.unrescue(request(null), "vm-rescue", null)).state()).isEqualTo(TaskState.SUCCEEDED);
        conf = sim.vm(vmid).config;
        assertThat(conf).doesNotContainKey("ide3");
        assertThat(conf.get("boot")).isEqualTo("order=scsi0;net0");
        assertThat(cloud.vm(request(null), "vm-rescue", null).power()).isEqualTo(Power.RUNNING);
        assertThat(finish(cloud.unrescue(request(null), "vm-rescue", null)).state()).isEqualTo(TaskState.SUCCEEDED);
    }

    @Test
    void rescue_without_a_rescue_iso_configured_is_rejected() {
        created("vm-noiso");
        assertThatThrownBy(() -> cloud(Map.of("rescue_iso", "")).rescue(request(null), "vm-noiso", null, null))
                .isInstanceOf(Rejected.class).hasMessageContaining("No rescue ISO");
    }

    @Test
    void rebuild_clones_again_under_the_same_vmid_and_a_repeated_rebuild_does_not_wipe_twice() {
        int vmid = created("vm-rebuild");
        int generation = sim.vm(vmid).generation;
        VmSpec ubuntu = spec("vm-rebuild", "ubuntu-24-04", new Limits(2, 2048, 20));
        assertThat(finish(cloud.rebuild(request("job-77"), ubuntu, Integer.toString(vmid))).state()).isEqualTo(TaskState.SUCCEEDED);
        Vm vm = cloud.vm(request(null), "vm-rebuild", Integer.toString(vmid));
        assertThat(vm.ref()).isEqualTo(Integer.toString(vmid));
        assertThat(vm.template()).isEqualTo("ubuntu-24-04");
        assertThat(vm.power()).isEqualTo(Power.RUNNING);
        assertThat(vm.addresses()).containsExactly("203.0.113.10", "2001:db8::10");
        int rebuilt = sim.vm(vmid).generation;
        assertThat(rebuilt).as("a new disk").isGreaterThan(generation);
        assertThat(sim.vm(vmid).config.get("name")).isEqualTo("vm-rebuild");

        assertThat(finish(cloud.rebuild(request("job-77"), ubuntu, Integer.toString(vmid))).state()).isEqualTo(TaskState.SUCCEEDED);
        assertThat(sim.vm(vmid).generation).as("the same job again: already done").isEqualTo(rebuilt);
        assertThatThrownBy(() -> cloud.rebuild(request("job-78"), spec("vm-rebuild", "windows", new Limits(1, 512, 5)), null))
                .isInstanceOf(Rejected.class).hasMessageContaining("Unknown template windows");
    }

    @Test
    void resize_changes_cores_and_memory_grows_the_disk_and_never_shrinks_it() {
        int vmid = created("vm-resize");
        assertThat(finish(cloud.resize(request(null), "vm-resize", null, new Limits(4, 4096, 40))).state()).isEqualTo(TaskState.SUCCEEDED);
        Vm vm = cloud.vm(request(null), "vm-resize", null);
        assertThat(vm.limits()).isEqualTo(new Limits(4, 4096, 40));
        assertThat(vm.power()).as("rebooted to apply the pending CPU and memory").isEqualTo(Power.RUNNING);
        assertThat(sim.calls()).contains("PUT /nodes/pve1/qemu/" + vmid + "/resize", "POST /nodes/pve1/qemu/" + vmid + "/status/reboot");
        assertThatThrownBy(() -> cloud.resize(request(null), "vm-resize", null, new Limits(4, 4096, 10)))
                .isInstanceOf(Rejected.class).hasMessageContaining("cannot shrink");
        assertThat(cloud.vm(request(null), "vm-resize", null).limits().diskGb()).isEqualTo(40);
    }

    @Test
    void delete_destroys_the_vm_and_deleting_it_again_succeeds() {
        int vmid = created("vm-delete");
        Task t = cloud.delete(request(null), "vm-delete", Integer.toString(vmid));
        assertThat(t.id()).contains(":qmdestroy:");
        assertThat(finish(t).state()).isEqualTo(TaskState.SUCCEEDED);
        assertThat(sim.vm(vmid)).isNull();
        assertThat(sim.calls()).anyMatch(c -> c.equals("DELETE /nodes/pve1/qemu/" + vmid));
        assertThat(cloud.delete(request(null), "vm-delete", Integer.toString(vmid)).finished()).isTrue();
        assertThatThrownBy(() -> cloud.vm(request(null), "vm-delete", Integer.toString(vmid))).isInstanceOf(VmNotFound.class);
    }

    @Test
    void counters_are_the_taps_bytes_since_start_and_the_rrd_gives_the_last_hours_rates() {
        created("vm-traffic");
        var counters = cloud.counters(request(null), "vm-traffic", null);
        assertThat(counters).hasSize(1);
        assertThat(counters.getFirst().name()).isEqualTo("net");
        assertThat(counters.getFirst().inBytes()).isPositive();
        assertThat(counters.getFirst().outBytes()).isPositive().isLessThan(counters.getFirst().inBytes());
        var rrd = cloud.trafficLastHour("vm-traffic", null);
        assertThat(rrd).isNotEmpty().allSatisfy(p -> assertThat(p.inPerSecond()).isEqualTo(12_000.0));
        assertThat(rrd.size()).as("minutes before the start have no data").isLessThan(70);
    }

    @Test
    void a_clone_that_fails_leaves_nothing_behind_and_a_start_that_fails_is_reported_by_poll() {
        sim.template(9002, "broken-template", 2);
        sim.failClone(9002, "storage 'ssd' is full");
        ProxmoxCloud broken = cloud(Map.of("templates", "broken=9002"));
        int before = sim.vmCount();
        assertThatThrownBy(() -> broken.create(request(null), spec("vm-broken", "broken", new Limits(1, 512, 5))))
                .isInstanceOf(Unavailable.class).hasMessageContaining("clone failed: storage 'ssd' is full");
        assertThat(sim.vmCount()).isEqualTo(before);

        int vmid = created("vm-nostart");
        finish(cloud.stop(request(null), "vm-nostart", null));
        sim.failStart(vmid);
        TaskStatus s = finish(cloud.start(request(null), "vm-nostart", null));
        assertThat(s.state()).isEqualTo(TaskState.FAILED);
        assertThat(s.error()).isEqualTo("start failed: QEMU exited with code 1");
    }

    @Test
    void a_vm_locked_by_another_task_is_busy() {
        int vmid = created("vm-locked");
        sim.lock(vmid, "migrate");
        assertThatThrownBy(() -> cloud.stop(request(null), "vm-locked", null)).isInstanceOf(Busy.class).hasMessageContaining("VM is locked (migrate)");
        assertThatThrownBy(() -> cloud.reboot(request(null), "vm-locked", null)).isInstanceOf(Busy.class);
        sim.lock(vmid, null);
        assertThat(cloud.stop(request(null), "vm-locked", null)).isNotNull();
    }

    @Test
    void a_retried_create_waits_for_the_clone_of_the_first_attempt() throws Exception {
        sim.taskMillis = 400;
        try {
            var first = new Thread(() -> cloud.create(request(null), spec("vm-retry", "debian-12", new Limits(1, 1024, 5))));
            first.start();
            while (sim.calls().stream().noneMatch(c -> c.equals("POST /nodes/pve1/qemu/9000/clone"))) Thread.sleep(5);
            int vms = sim.vmCount();
            assertThatThrownBy(() -> cloud.start(request(null), "vm-retry", null)).as("PVE refuses while the clone runs")
                    .isInstanceOf(Busy.class).hasMessageContaining("VM is locked (clone)");
            // The first attempt's clone holds the clone lock; a second attempt must wait, not clone again.
            assertThat(finish(cloud.create(request(null), spec("vm-retry", "debian-12", new Limits(1, 1024, 5)))).state())
                    .isEqualTo(TaskState.SUCCEEDED);
            first.join();
            assertThat(sim.vmCount()).isEqualTo(vms);
        } finally {
            sim.taskMillis = 60;
        }
    }

    @Test
    void a_wrong_token_is_a_clear_error_that_does_not_show_the_secret() {
        ProxmoxCloud wrong = cloud(Map.of("token_secret", "00000000-dead-beef-0000-000000000000"));
        assertThatThrownBy(() -> wrong.templates(request(null))).isInstanceOf(Unavailable.class)
                .hasMessageContaining("refused the API token").hasMessageNotContaining("dead-beef");
        ProxmoxCloud down = cloud(Map.of("api_url", "http://127.0.0.1:9", "request_timeout", "2"));
        assertThatThrownBy(() -> down.templates(request(null))).isInstanceOf(Unavailable.class).hasMessageContaining("cannot be reached");
    }

    @Test
    void pve_parameter_errors_are_rejections_that_carry_pves_messages() {
        int vmid = created("vm-params");
        assertThatThrownBy(() -> cloud.client().post("/nodes/pve1/qemu/" + vmid + "/config", Map.of("cores", "many")))
                .isInstanceOf(Rejected.class).hasMessageContaining("cores: type check ('integer') failed - got 'many'");
        assertThatThrownBy(() -> cloud.client().post("/nodes/pve1/qemu/" + vmid + "/config", Map.of("sshkeys", KEY)))
                .as("keys not URL-encoded").isInstanceOf(Rejected.class).hasMessageContaining("invalid urlencoded string");
        assertThatThrownBy(() -> cloud.client().get("/nodes/pve1/qemu/" + vmid + "/rrddata", Map.of()))
                .isInstanceOf(Rejected.class).hasMessageContaining("timeframe: property is missing");
        assertThatThrownBy(() -> cloud.client().get("/nodes/pve1/qemu/4242/status/current", Map.of()))
                .isInstanceOf(VmNotFound.class).hasMessageContaining("4242.conf' does not exist");
    }

    @Test
    void templates_are_the_configured_ones_that_are_templates_on_the_node() {
        var templates = cloud(Map.of("templates", "debian-12=9000,ubuntu-24-04=9001,gone=9999")).templates(request(null));
        assertThat(templates).extracting(CloudVms.Template::id).containsExactly("debian-12", "ubuntu-24-04");
        assertThat(templates.getFirst().name()).isEqualTo("debian-12-cloud");
        assertThat(templates.getFirst().os()).isEqualTo("debian");
    }

    @Test
    void ssh_keys_are_encoded_as_encode_uri_component_does() {
        assertThat(PveClient.uriComponent("ssh-ed25519 AB+c/d= me@host\n")).isEqualTo("ssh-ed25519%20AB%2Bc%2Fd%3D%20me%40host%0A");
    }

    @Test
    void a_vps_product_is_one_vm_driven_by_the_service_actions() {
        ObjectNode product = Json.MAPPER.createObjectNode().put("template", "debian-12").put("cores", "1").put("memory", "1024").put("disk", "8");
        var module = (ServerModule) new ProxmoxModule(cloud);
        var create = new ModuleRequest(1, 1, "create", 4711, 1, 1L, "vps.example.net", null, "pw-1", "monthly", product, null,
                Json.MAPPER.createObjectNode().set("addresses", Json.MAPPER.createArrayNode().add("198.51.100.7")), "job-1");
        var made = module.create(create);
        assertThat(made.success()).as(String.valueOf(made.error())).isTrue();
        int vmid = made.state().get("vmid").asInt();
        assertThat(sim.vm(vmid).config.get("name")).isEqualTo("vps-4711");
        assertThat(sim.vm(vmid).config.get("ipconfig0")).isEqualTo("ip=198.51.100.7/24");
        var later = new ModuleRequest(2, 1, "power", 4711, 1, 1L, "vps.example.net", null, "pw-1", "monthly", product, made.state(),
                Json.MAPPER.createObjectNode(), "job-2");
        var power = module.capability(PowerControl.class).orElseThrow();
        assertThat(power.power(later, PowerControl.PowerAction.STOP).success()).isTrue();
        assertThat(power.powerState(later)).isEqualTo("stopped");
        assertThat(module.unsuspend(later).success()).isTrue();
        assertThat(power.powerState(later)).isEqualTo("running");
        assertThat(module.capability(CloudVms.class)).containsSame(cloud);
        assertThat(module.terminate(later).success()).isTrue();
        assertThat(sim.vm(vmid)).isNull();
        assertThat(module.terminate(later).success()).as("gone already").isTrue();

        var cloudService = new ModuleRequest(3, 1, "create", 4712, 1, 1L, null, null, null, "monthly", Json.MAPPER.createObjectNode(), null,
                null, "job-3");
        assertThat(module.create(cloudService).success()).as("a cloud service needs nothing on PVE").isTrue();
        assertThat(power.power(cloudService, PowerControl.PowerAction.STOP).retryable()).isFalse();
    }
}
