package io.steward.ssl;

import static io.steward.core.Json.obj;
import static org.assertj.core.api.Assertions.assertThat;

import io.steward.support.Http.Auth;
import io.steward.support.Http.Body;
import io.steward.support.TestServer;
import java.util.Map;
import org.junit.jupiter.api.AfterAll;
import org.junit.jupiter.api.BeforeAll;
import org.junit.jupiter.api.Test;

/**
 * ACME over the real protocol: Pebble validates DNS-01 by asking Steward's own DNS server for the
 * TXT record the acme module published in the client's hosted zone, then issues; the chain is
 * downloaded through the client API. Fails when pebble is missing.
 */
class AcmePebbleTest {
    static TestServer server;
    static Pebble pebble;
    static long product;

    @BeforeAll
    static void start() throws Exception {
        server = TestServer.start(c -> c.with("ssl.scheduled", "false"));
        pebble = Pebble.start(server.steward().dns().dnsPort());
        var instance = server.http().post("/admin/api/module-instances", Auth.admin(), Body.json(obj("kind", "ca", "module", "acme",
                "name", "Pebble", "settings", Map.of("directory", pebble.directory(), "trust_pem", pebble.tlsCertPem, "email", "ssl@example.com"))));
        assertThat(instance.status()).as("%s", instance).isEqualTo(201);
        product = SslFixtures.product(server, obj("validation", "DV", "coverage", "single", "ca_module", "acme",
                "ca_instance_id", instance.json().at("/instance/id").asLong(), "methods", "dns,http"));
    }

    @AfterAll
    static void stop() {
        if (pebble != null) pebble.close();
        server.close();
    }

    @Test
    void a_certificate_for_a_domain_hosted_in_steward_is_issued_by_pebble_through_dns_01_without_touching_dns_by_hand() throws Exception {
        var o = SslFixtures.ownerWithZone(server);
        long id = SslFixtures.orderAndPay(server, o.client().auth(), o.client().id(),
                obj("product_id", product, "csr", SslFixtures.csr(2048, o.zone(), "www." + o.zone()), "years", 1));
        var details = server.http().get("/api/certificate/" + id, o.client().auth());
        assertThat(details.json().at("/service/cert_status").asText())
                .as("jobs %s; pebble log %s", server.steward().jobs().search("certificate", null, null, null, 1, 50), pebble.log())
                .isEqualTo("Issued");
        var crt = server.http().get("/api/certificate/" + id + "/crt", o.client().auth());
        assertThat(crt.status()).isEqualTo(200);
        var leaf = CertificateJobs.parse(crt.json().at("/certificate/crt").asText());
        var chain = CertificateJobs.parseAll(crt.json().at("/certificate/ca").asText());
        assertThat(chain).isNotEmpty();
        leaf.verify(chain.get(0).getPublicKey());
        assertThat(SslFixtures.names(leaf)).containsExactlyInAnyOrder(o.zone(), "www." + o.zone());
        // The challenge records were removed once validated.
        var zone = server.steward().dns().zones().zoneByName(o.zone()).orElseThrow();
        assertThat(server.steward().dns().zones().records(zone.id())).noneMatch(r -> r.type().equals("TXT"));

        // Revocation goes to Pebble too.
        var revoke = server.http().post("/api/certificate/" + id + "/revoke", o.client().auth(), Body.json(Map.of()));
        assertThat(revoke.status()).as("%s", revoke).isEqualTo(200);
        server.steward().jobs().runDue();
        assertThat(server.http().get("/api/certificate/" + id, o.client().auth()).json().at("/service/cert_status").asText())
                .as("%s", server.steward().jobs().search("certificate", null, null, null, 1, 50)).isEqualTo("Revoked");
    }
}
