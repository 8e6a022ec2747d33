package io.steward.domain;

import static io.steward.core.Json.obj;
import static org.assertj.core.api.Assertions.assertThat;

import com.fasterxml.jackson.databind.JsonNode;
import io.steward.dns.DnsFixtures;
import io.steward.support.AccountFixtures;
import io.steward.support.Http.Body;
import io.steward.support.TestServer;
import java.util.ArrayList;
import java.util.List;
import org.junit.jupiter.api.AfterAll;
import org.junit.jupiter.api.BeforeAll;
import org.junit.jupiter.api.Test;

/**
 * A signed zone whose name is a domain the client registered through us: its DS goes to the
 * domain's registry (the sandbox registry, read back through the domain's DNSSEC endpoint) when
 * signing starts, and is removed when it stops. A zone of a name registered elsewhere leaves the
 * DS to the client.
 */
class DomainDnssecTest {
    static TestServer server;

    @BeforeAll
    static void start() {
        server = TestServer.start();
    }

    @AfterAll
    static void stop() {
        server.close();
    }

    static List<String> registryDs(AccountFixtures.NewClient c, long domainId) {
        var res = server.http().get("/api/domain/" + domainId + "/dnssec", c.auth());
        assertThat(res.status()).as("%s", res).isEqualTo(200);
        var out = new ArrayList<String>();
        for (JsonNode k : res.json().get("keys")) {
            out.add(k.get("keytag").asText() + " " + k.get("alg").asText() + " " + k.get("digest_type").asText() + " "
                    + k.get("digest").asText().toUpperCase(java.util.Locale.ROOT));
        }
        return out;
    }

    @Test
    void signing_a_zone_of_a_domain_registered_with_us_puts_its_ds_at_the_registry_and_switching_off_removes_it() {
        var c = AccountFixtures.client(server);
        String name = DomainFixtures.unique("signed") + ".com";
        long domainId = DomainFixtures.registered(server, c, name);
        long serviceId = DnsFixtures.dnsService(server, c.id(), 5);
        long zoneId = DnsFixtures.zone(server, c.auth(), serviceId, name);
        String path = "/api/service/" + serviceId + "/dns/" + zoneId + "/dnssec";
        assertThat(registryDs(c, domainId)).isEmpty();

        var on = server.http().post(path, c.auth(), Body.json(obj("enabled", "1")));
        assertThat(on.status()).as("%s", on).isEqualTo(200);
        JsonNode dnssec = on.json().get("dnssec");
        assertThat(dnssec.get("ds_status").asText()).isEqualTo("published");
        String ds = dnssec.get("ds").get(0).asText();
        assertThat(registryDs(c, domainId)).containsExactly(ds);

        var off = server.http().post(path, c.auth(), Body.json(obj("enabled", "0")));
        assertThat(off.status()).as("%s", off).isEqualTo(200);
        assertThat(registryDs(c, domainId)).isEmpty();
    }

    @Test
    void deleting_a_signed_zone_removes_its_ds_from_the_registry() {
        var c = AccountFixtures.client(server);
        String name = DomainFixtures.unique("dropped") + ".com";
        long domainId = DomainFixtures.registered(server, c, name);
        long serviceId = DnsFixtures.dnsService(server, c.id(), 5);
        long zoneId = DnsFixtures.zone(server, c.auth(), serviceId, name);
        var on = server.http().post("/api/service/" + serviceId + "/dns/" + zoneId + "/dnssec", c.auth(), Body.form("enabled", "1"));
        assertThat(on.status()).as("%s", on).isEqualTo(200);
        assertThat(registryDs(c, domainId)).hasSize(1);

        var deleted = server.http().delete("/api/service/" + serviceId + "/dns/" + zoneId, c.auth());
        assertThat(deleted.status()).as("%s", deleted).isEqualTo(200);
        assertThat(registryDs(c, domainId)).isEmpty();
        // Nothing is left for the job to do.
        assertThat(server.steward().dns().dnssec().run()).isZero();
    }

    @Test
    void a_zone_whose_domain_is_registered_elsewhere_leaves_the_ds_to_the_client() {
        var c = AccountFixtures.client(server);
        long serviceId = DnsFixtures.dnsService(server, c.id(), 5);
        long zoneId = DnsFixtures.zone(server, c.auth(), serviceId, DomainFixtures.unique("elsewhere") + ".example");
        var on = server.http().post("/api/service/" + serviceId + "/dns/" + zoneId + "/dnssec", c.auth(), Body.form("enabled", "true"));
        assertThat(on.status()).as("%s", on).isEqualTo(200);
        assertThat(on.json().at("/dnssec/ds_status").asText()).isEqualTo("client");
        assertThat(on.json().at("/dnssec/ds_note").asText()).contains("registrar");
        assertThat(on.json().at("/dnssec/ds")).hasSize(1);
    }
}
