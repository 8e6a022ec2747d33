package io.steward.cdn.varnish;

import io.steward.cdn.CdnModule;
import io.steward.modules.Check;
import io.steward.modules.ModuleFactory;
import io.steward.modules.ModuleKind;
import io.steward.modules.ModuleSettings;
import io.steward.modules.SettingField;
import io.steward.modules.SettingsSchema;
import java.io.IOException;
import java.net.URI;
import java.net.http.HttpClient;
import java.net.http.HttpRequest;
import java.net.http.HttpResponse;
import java.time.Duration;
import java.util.ArrayList;
import java.util.Arrays;
import java.util.List;
import java.util.concurrent.atomic.AtomicLong;

/**
 * The {@code varnish} CDN module: Varnish Cache nodes as a real edge. Applying a set of resources
 * loads a generated VCL ({@link VarnishVcl}: one backend per resource, routed by Host) on every
 * node through its management listener ({@code varnishd -T ... -S secret}) and makes it active;
 * a purge sends an HTTP {@code BAN} for the resource's hostname to every node's HTTP listener.
 * The nodes must let Steward's address send BAN ({@code purgers}).
 */
public final class VarnishCdnFactory implements ModuleFactory<CdnModule> {
    public static final String ID = "varnish";
    private static final AtomicLong SEQUENCE = new AtomicLong();

    private final HttpClient http = HttpClient.newBuilder().connectTimeout(Duration.ofSeconds(5)).build();

    @Override public String id() { return ID; }

    @Override public ModuleKind kind() { return ModuleKind.CDN; }

    @Override public String label() { return "Varnish Cache nodes as the CDN edge (VCL over the management port, purges by HTTP BAN)"; }

    @Override
    public SettingsSchema schema() {
        return SettingsSchema.of(
                SettingField.string("nodes", true, null, "HTTP listeners of the Varnish nodes, host:port, comma-separated (e.g. 10.0.0.5:80)"),
                SettingField.string("admin", true, null, "Management listeners (varnishd -T) of the same nodes in the same order, host:port, comma-separated"),
                SettingField.secret("secret", true, "Content of the nodes' varnishd -S secret file"),
                SettingField.string("purgers", false, "127.0.0.1,::1", "Addresses (or CIDR ranges) the VCL lets send BAN: Steward's, comma-separated"),
                SettingField.integer("timeout_ms", false, 5000, "Timeout of each call to a node, in milliseconds"));
    }

    @Override
    public CdnModule create(ModuleSettings settings) {
        return new Edge(list(settings.string("nodes")), list(settings.string("admin")), settings.string("secret"),
                list(settings.string("purgers")), (int) Math.max(100, Math.min(60_000, settings.integer("timeout_ms", 5000))));
    }

    private static List<String> list(String csv) {
        return Arrays.stream(csv.split(",")).map(String::strip).filter(s -> !s.isEmpty()).toList();
    }

    private final class Edge implements CdnModule {
        private final List<String> nodes;
        private final List<String> admin;
        private final String secret;
        private final List<String> purgers;
        private final int timeoutMs;

        Edge(List<String> nodes, List<String> admin, String secret, List<String> purgers, int timeoutMs) {
            this.nodes = nodes;
            this.admin = admin;
            this.secret = secret;
            this.purgers = purgers.isEmpty() ? List.of("127.0.0.1") : purgers;
            this.timeoutMs = timeoutMs;
        }

        @Override
        public Check testConnection() {
            var problems = new ArrayList<String>();
            for (String a : admin) {
                try (var cli = VarnishCli.connect(a, secret, timeoutMs)) {
                    var ping = cli.send("ping");
                    if (ping.status() != VarnishCli.OK) problems.add(a + ": ping answered " + ping.status());
                } catch (IOException e) {
                    problems.add(a + ": " + e.getMessage());
                }
            }
            return problems.isEmpty() ? Check.ok(admin.size() + " Varnish node(s) answer") : Check.failed(String.join("; ", problems));
        }

        @Override
        public void apply(List<Resource> resources) {
            String vcl = VarnishVcl.of(resources, purgers);
            String name = "steward_" + System.currentTimeMillis() + "_" + SEQUENCE.incrementAndGet();
            var problems = new ArrayList<String>();
            for (String a : admin) {
                try (var cli = VarnishCli.connect(a, secret, timeoutMs)) {
                    var loaded = cli.send("vcl.inline " + name + " << STEWARD_VCL_END\n" + vcl + "\nSTEWARD_VCL_END");
                    if (loaded.status() != VarnishCli.OK) {
                        problems.add(a + ": the VCL was refused (" + loaded.status() + "): " + loaded.body().strip());
                        continue;
                    }
                    var used = cli.send("vcl.use " + name);
                    if (used.status() != VarnishCli.OK) {
                        problems.add(a + ": vcl.use answered " + used.status() + ": " + used.body().strip());
                        continue;
                    }
                    discardOld(cli, name);
                } catch (IOException e) {
                    problems.add(a + ": " + e.getMessage());
                }
            }
            if (!problems.isEmpty()) throw new IllegalStateException(String.join("; ", problems));
        }

        /** Earlier Steward VCLs no longer active are discarded, so a node does not collect them. */
        private void discardOld(VarnishCli cli, String current) throws IOException {
            var list = cli.send("vcl.list");
            if (list.status() != VarnishCli.OK) return;
            for (String line : list.body().split("\n")) {
                String[] cols = line.trim().split("\\s+");
                if (cols.length < 2 || !cols[0].equals("available")) continue;
                String vcl = cols[cols.length - 1];
                if (vcl.startsWith("steward_") && !vcl.equals(current)) cli.send("vcl.discard " + vcl);
            }
        }

        @Override
        public Purge purge(Resource resource) {
            var failures = new ArrayList<String>();
            for (String node : nodes) {
                try {
                    var req = HttpRequest.newBuilder(URI.create("http://" + node + "/")).timeout(Duration.ofMillis(timeoutMs))
                            .header(VarnishVcl.BAN_HEADER, resource.name()).method("BAN", HttpRequest.BodyPublishers.noBody()).build();
                    int status = http.send(req, HttpResponse.BodyHandlers.discarding()).statusCode();
                    if (status != 200) failures.add(node + ": BAN answered " + status);
                } catch (IOException | IllegalArgumentException e) {
                    failures.add(node + ": " + e.getMessage());
                } catch (InterruptedException e) {
                    Thread.currentThread().interrupt();
                    failures.add(node + ": interrupted");
                }
            }
            return new Purge(nodes.size(), failures);
        }
    }
}
