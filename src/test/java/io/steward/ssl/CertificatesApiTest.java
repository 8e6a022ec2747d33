package io.steward.ssl;

import static io.steward.core.Json.obj;
import static org.assertj.core.api.Assertions.assertThat;

import io.steward.support.AccountFixtures;
import io.steward.support.Http.Body;
import io.steward.support.TestServer;
import java.time.Duration;
import java.util.List;
import java.util.Map;
import org.junit.jupiter.api.AfterAll;
import org.junit.jupiter.api.BeforeAll;
import org.junit.jupiter.api.Test;

/** SSL certificates end to end with the sandbox CA: order, pay, issue through Steward's DNS, download, refusals, reminders. */
class CertificatesApiTest {
    static TestServer server;
    static long single;

    @BeforeAll
    static void start() {
        server = TestServer.start(c -> c.with("ssl.scheduled", "false"));
        single = SslFixtures.product(server, obj("validation", "DV", "coverage", "single", "ca_module", "sandbox", "methods", "dns,http"));
    }

    @AfterAll
    static void stop() {
        server.close();
    }

    @Test
    void a_certificate_for_a_hosted_domain_is_issued_by_the_sandbox_ca_after_payment_and_downloaded() throws Exception {
        var o = SslFixtures.ownerWithZone(server);
        var products = server.http().get("/api/certificate/order", o.client().auth());
        assertThat(products.status()).isEqualTo(200);
        assertThat(products.text()).contains("\"id\":\"" + single + "\"");
        long id = SslFixtures.orderAndPay(server, o.client().auth(), o.client().id(),
                obj("product_id", single, "csr", SslFixtures.csr(2048, o.zone(), "www." + o.zone()), "years", 1));

        var details = server.http().get("/api/certificate/" + id, o.client().auth());
        assertThat(details.status()).as("%s", details).isEqualTo(200);
        assertThat(details.json().at("/service/cert_status").asText()).as("%s", server.steward().jobs().search("certificate", null, null, null, 1, 50)).isEqualTo("Issued");
        assertThat(details.json().at("/service/status").asText()).isEqualTo("Active");
        assertThat(details.json().at("/service/cert_expires").asText()).isNotEmpty();

        var crt = server.http().get("/api/certificate/" + id + "/crt", o.client().auth());
        assertThat(crt.status()).as("%s", crt).isEqualTo(200);
        var leaf = CertificateJobs.parse(crt.json().at("/certificate/crt").asText());
        var issuer = CertificateJobs.parse(crt.json().at("/certificate/ca").asText());
        leaf.verify(issuer.getPublicKey());
        assertThat(SslFixtures.names(leaf)).containsExactly(o.zone(), "www." + o.zone());
        // The challenge record is gone again.
        var zone = server.steward().dns().zones().zoneByName(o.zone()).orElseThrow();
        assertThat(server.steward().dns().zones().records(zone.id())).noneMatch(r -> r.type().equals("TXT"));

        var list = server.http().get("/api/certificate", o.client().auth());
        assertThat(list.json().at("/sslservices/0/cert_status").asText()).isEqualTo("Issued");

        // Reissue with a new key for the same names: a new certificate; other names are refused.
        var wrong = server.http().post("/api/certificate/" + id + "/reissue", o.client().auth(),
                Body.json(obj("csr", SslFixtures.csr(2048, o.zone()))));
        assertThat(wrong.status()).isEqualTo(422);
        var reissue = server.http().post("/api/certificate/" + id + "/reissue", o.client().auth(),
                Body.json(obj("csr", SslFixtures.csr(2048, o.zone(), "www." + o.zone()))));
        assertThat(reissue.status()).as("%s", reissue).isEqualTo(200);
        server.steward().jobs().runDue();
        var again = server.http().get("/api/certificate/" + id + "/crt", o.client().auth());
        assertThat(again.json().at("/certificate/serial").asText()).isNotEqualTo(crt.json().at("/certificate/serial").asText());
        assertThat(CertificateJobs.parse(again.json().at("/certificate/crt").asText()).getPublicKey()).isNotEqualTo(leaf.getPublicKey());

        // Another client sees neither the certificate nor its files.
        var other = AccountFixtures.client(server);
        assertThat(server.http().get("/api/certificate/" + id, other.auth()).status()).isEqualTo(404);
        assertThat(server.http().get("/api/certificate/" + id + "/crt", other.auth()).status()).isEqualTo(404);
        assertThat(server.http().get("/api/certificate", other.auth()).json().get("sslservices")).isEmpty();
    }

    @Test
    void a_csr_that_does_not_match_the_order_or_has_a_weak_key_is_refused_with_422() {
        var o = SslFixtures.ownerWithZone(server);
        var mismatch = server.http().post("/api/certificate/order", o.client().auth(),
                Body.json(obj("product_id", single, "domain", o.zone(), "csr", SslFixtures.csr(2048, "other-" + o.zone()))));
        assertThat(mismatch.status()).isEqualTo(422);
        assertThat(mismatch.text()).contains("does not match");
        var weak = server.http().post("/api/certificate/order", o.client().auth(),
                Body.json(obj("product_id", single, "csr", SslFixtures.csr(1024, o.zone()))));
        assertThat(weak.status()).isEqualTo(422);
        assertThat(weak.text()).contains("at least 2048");
        var two = server.http().post("/api/certificate/order", o.client().auth(),
                Body.json(obj("product_id", single, "csr", SslFixtures.csr(2048, o.zone(), "mail." + o.zone()))));
        assertThat(two.status()).isEqualTo(422);
        var garbage = server.http().post("/api/certificate/order", o.client().auth(),
                Body.json(obj("product_id", single, "csr", "-----BEGIN CERTIFICATE REQUEST-----\nnot base64\n-----END CERTIFICATE REQUEST-----")));
        assertThat(garbage.status()).isEqualTo(422);
        var quote = server.http().post("/api/quote", o.client().auth(), Body.json(obj("items",
                List.of(obj("type", "certificate", "product_id", single, "csr", SslFixtures.csr(2048, o.zone()), "years", 2)))));
        assertThat(quote.status()).as("%s", quote).isEqualTo(200);
        assertThat(quote.json().at("/summary/total").decimalValue()).isEqualByComparingTo("18.00");
    }

    @Test
    void a_generated_key_is_shown_once_and_an_expiring_certificate_not_paid_beyond_is_reminded_once() {
        var o = SslFixtures.ownerWithZone(server);
        var res = server.http().post("/api/certificate/order", o.client().auth(), Body.json(obj("product_id", single, "domain", o.zone())));
        assertThat(res.status()).as("%s", res).isEqualTo(200);
        assertThat(res.json().get("private_key").asText()).startsWith("-----BEGIN RSA PRIVATE KEY-----");
        long id = res.json().at("/items/id").asLong();
        assertThat(server.http().get("/api/certificate/" + id, o.client().auth()).json().at("/service/private_key").isMissingNode()).isTrue();

        var credit = server.http().post("/admin/api/clients/" + o.client().id() + "/credit", io.steward.support.Http.Auth.admin(),
                Body.json(Map.of("amount", "100.00", "reason", "test")));
        assertThat(credit.status()).isEqualTo(201);
        assertThat(server.http().post("/api/invoice/" + res.json().get("invoice_id").asText() + "/credit", o.client().auth(), Body.json(Map.of())).status()).isEqualTo(200);
        server.steward().services().provisioning().runDueJobsNow();
        server.steward().jobs().runDue();
        assertThat(server.http().get("/api/certificate/" + id, o.client().auth()).json().at("/service/cert_status").asText()).isEqualTo("Issued");

        var start = server.clock.instant();
        try {
            // The sandbox certificate ends with the paid year; 20 days before, with nothing paid beyond, it is reminded once.
            server.clock.advance(Duration.ofDays(345));
            var first = server.steward().ssl().runRenewals();
            assertThat(first.reminders()).isGreaterThanOrEqualTo(1);
            assertThat(first.renewals()).isZero();
            var again = server.steward().ssl().runRenewals();
            assertThat(again.reminders()).isZero();

            // Once the next year is paid (the service renewed), the pass renews the certificate: a new one, expiring a year later.
            String expires = server.http().get("/api/certificate/" + id, o.client().auth()).json().at("/service/cert_expires").asText();
            var service = server.steward().services().services().find(id).orElseThrow();
            server.steward().services().services().renew(id, service.nextDue());
            var renewed = server.steward().ssl().runRenewals();
            assertThat(renewed.renewals()).isEqualTo(1);
            server.steward().jobs().runDue();
            var after = server.http().get("/api/certificate/" + id, o.client().auth()).json().at("/service");
            assertThat(after.get("cert_status").asText()).isEqualTo("Issued");
            assertThat(after.get("cert_expires").asText()).isGreaterThan(expires);
            assertThat(server.steward().ssl().runRenewals().renewals()).isZero();
        } finally {
            server.clock.set(start);
        }
    }

    @Test
    void the_demo_client_holds_an_issued_sandbox_certificate_for_demo_zone_test_and_a_contact_without_the_service_privilege_does_not_see_it() {
        var demo = io.steward.support.Http.Auth.basic("demo@example.com", "Demo-pass-1");
        var list = server.http().get("/api/certificate", demo);
        assertThat(list.status()).isEqualTo(200);
        var cert = java.util.stream.StreamSupport.stream(list.json().get("sslservices").spliterator(), false)
                .filter(c -> c.get("domain").asText().equals(SslDemo.DOMAIN)).findFirst().orElseThrow();
        assertThat(cert.get("cert_status").asText()).isEqualTo("Issued");
        String id = cert.get("id").asText();
        var crt = server.http().get("/api/certificate/" + id + "/crt", demo);
        assertThat(crt.json().at("/certificate/key").asText()).startsWith("-----BEGIN RSA PRIVATE KEY-----");

        var contact = io.steward.support.Http.Auth.basic("contact@example.com", "Contact-pass-1");
        assertThat(server.http().get("/api/certificate", contact).json().get("sslservices")).isEmpty();
        assertThat(server.http().get("/api/certificate/" + id, contact).status()).isIn(403, 404);
        assertThat(server.http().post("/api/certificate/" + id + "/revoke", contact, Body.json(Map.of())).status()).isIn(403, 404);
    }
}
