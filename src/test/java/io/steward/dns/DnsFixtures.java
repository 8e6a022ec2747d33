package io.steward.dns;

import static io.steward.core.Json.obj;
import static org.assertj.core.api.Assertions.assertThat;

import com.fasterxml.jackson.databind.JsonNode;
import io.steward.support.Http.Auth;
import io.steward.support.Http.Body;
import io.steward.support.Http.Res;
import io.steward.support.TestServer;
import java.io.IOException;
import java.io.UncheckedIOException;
import java.time.Duration;
import java.util.Map;
import org.xbill.DNS.DClass;
import org.xbill.DNS.Message;
import org.xbill.DNS.Name;
import org.xbill.DNS.SimpleResolver;

/** DNS hosting services, zones and queries to the node's DNS server, for the DNS and domain tests. */
public final class DnsFixtures {
    private DnsFixtures() {}

    /** An Active DNS hosting service of the client (the {@code dns} module's create job run). */
    public static long dnsService(TestServer server, long clientId, int zones) {
        return dnsService(server, clientId, Map.of("zones", zones));
    }

    /** The same with the product's module settings, e.g. {@code {"zones": 1, "records": 10}}. */
    public static long dnsService(TestServer server, long clientId, Map<String, Object> moduleConfig) {
        var body = obj("client_id", clientId, "billing_cycle", "m", "currency", "USD", "recurring_amount", "2.00",
                "name", "DNS Hosting", "category", "DNS", "category_slug", "dns", "module", "dns",
                "module_config", moduleConfig, "activate", true);
        Res res = server.http().post("/admin/api/services", Auth.admin(), Body.json(body));
        assertThat(res.status()).as("creating a DNS service: %s", res).isEqualTo(201);
        long id = res.json().at("/service/id").asLong();
        // The node's scheduler may have claimed the create job first: wait for it to finish.
        long deadline = System.currentTimeMillis() + 10_000;
        do {
            server.steward().services().provisioning().runDueJobsNow();
            if (server.steward().services().services().find(id).map(s -> s.status().equals("Active")).orElse(false)) return id;
            try {
                Thread.sleep(20);
            } catch (InterruptedException e) {
                Thread.currentThread().interrupt();
                break;
            }
        } while (System.currentTimeMillis() < deadline);
        throw new AssertionError("DNS service " + id + " did not become Active");
    }

    /** Staff give the name to the client (a staff claim), as a client would get it by proving control through DNS. */
    public static void claim(TestServer server, long clientId, String name) {
        Res res = server.http().post("/admin/api/names/claims", Auth.admin(), Body.json(obj("client_id", clientId, "name", name)));
        assertThat(res.status()).as("giving %s to client %s: %s", name, clientId, res).isEqualTo(201);
    }

    /** Adds a zone through the client API, for a name staff give the service's client first, and answers its id. */
    public static long zone(TestServer server, Auth auth, long serviceId, String name) {
        long clientId = server.http().get("/admin/api/services/" + serviceId, Auth.admin()).json().at("/service/client_id").asLong();
        claim(server, clientId, name);
        Res res = server.http().post("/api/service/" + serviceId + "/dns", auth, Body.json(obj("name", name)));
        assertThat(res.status()).as("%s", res).isEqualTo(200);
        assertThat(res.json().path("success").asBoolean()).isTrue();
        return res.json().at("/zone/domain_id").asLong();
    }

    static Res addRecord(TestServer server, Auth auth, long serviceId, long zoneId, Map<String, Object> record) {
        return server.http().post("/api/service/" + serviceId + "/dns/" + zoneId + "/records", auth, Body.json(record));
    }

    public static JsonNode added(TestServer server, Auth auth, long serviceId, long zoneId, Map<String, Object> record) {
        Res res = addRecord(server, auth, serviceId, zoneId, record);
        assertThat(res.status()).as("%s", res).isEqualTo(200);
        assertThat(res.text()).contains("\"success\":true");
        return res.json().get("record");
    }

    public static SimpleResolver resolver(TestServer server, boolean tcp) {
        try {
            var r = new SimpleResolver("127.0.0.1");
            r.setPort(server.steward().dns().dnsPort());
            r.setTCP(tcp);
            r.setTimeout(Duration.ofSeconds(3));
            return r;
        } catch (IOException e) {
            throw new UncheckedIOException(e);
        }
    }

    /** Asks the node's DNS server over UDP or TCP ({@code name} with or without the final dot). */
    public static Message query(TestServer server, String name, int type, boolean tcp) {
        try {
            var q = Message.newQuery(org.xbill.DNS.Record.newRecord(Name.fromString(name.endsWith(".") ? name : name + "."), type, DClass.IN));
            return resolver(server, tcp).send(q);
        } catch (IOException e) {
            throw new UncheckedIOException(e);
        }
    }
}
