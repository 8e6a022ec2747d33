package io.steward.ssl;

import static io.steward.core.Json.obj;
import static org.assertj.core.api.Assertions.assertThat;

import io.steward.support.AccountFixtures;
import io.steward.support.Http.Auth;
import io.steward.support.Http.Body;
import io.steward.support.TestServer;
import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.nio.file.Path;
import java.time.Duration;
import java.util.Map;
import java.util.regex.Pattern;
import org.junit.jupiter.api.AfterAll;
import org.junit.jupiter.api.BeforeAll;
import org.junit.jupiter.api.Test;

/**
 * The commercial sandbox CA: OV through organisation validation to issuance, an EV order the CA
 * rejects, e-mail validation by the approver's mailed code, and who may touch what.
 */
class CommercialCaTest {
    static TestServer server;
    static Path maildir;
    static long ov;
    static long ev;

    static final Map<String, Object> ORG = obj("name", "Acme Widgets Ltd", "country", "GB", "locality", "London",
            "address1", "1 High Street", "postalcode", "EC1A 1AA");

    @BeforeAll
    static void start() throws Exception {
        maildir = Files.createTempDirectory("steward-commca-mail");
        server = TestServer.start(c -> c.with("ssl.scheduled", "false").with("mail.maildir", maildir.toString()));
        var instance = server.http().post("/admin/api/module-instances", Auth.admin(), Body.json(obj("kind", "ca", "module", CommercialCaFactory.ID,
                "name", "Commercial sandbox", "settings", Map.of("organization_hours", 24))));
        assertThat(instance.status()).as("%s", instance).isEqualTo(201);
        long ca = instance.json().at("/instance/id").asLong();
        ov = SslFixtures.product(server, obj("validation", "OV", "coverage", "single", "ca_module", CommercialCaFactory.ID,
                "ca_instance_id", ca, "methods", "dns,email"));
        ev = SslFixtures.product(server, obj("validation", "EV", "coverage", "single", "ca_module", CommercialCaFactory.ID,
                "ca_instance_id", ca, "methods", "dns,email"));
    }

    @AfterAll
    static void stop() {
        server.close();
    }

    private static com.fasterxml.jackson.databind.JsonNode details(SslFixtures.Owner o, long id) {
        var res = server.http().get("/api/certificate/" + id, o.client().auth());
        assertThat(res.status()).as("%s", res).isEqualTo(200);
        return res.json().at("/service");
    }

    /** Lets the certificate job's backoff pass, then runs it (one poll of the CA's order). */
    private static void poll(Duration wait) {
        server.clock.advance(wait);
        settle();
    }

    /**
     * Runs due jobs until no certificate job is running: the node's own job worker may have
     * claimed one first, and this test reads what that attempt recorded.
     */
    private static void settle() {
        for (int i = 0; i < 400; i++) {
            server.steward().jobs().runDue();
            if (server.steward().jobs().search("certificate", "running", null, null, 1, 1).isEmpty()) return;
            try {
                Thread.sleep(25);
            } catch (InterruptedException e) {
                Thread.currentThread().interrupt();
                return;
            }
        }
        throw new AssertionError("a certificate job still running: " + server.steward().jobs().search("certificate", "running", null, null, 1, 10));
    }

    private static long orderAndPay(SslFixtures.Owner o, Map<String, Object> order) {
        long id = SslFixtures.orderAndPay(server, o.client().auth(), o.client().id(), order);
        settle();
        return id;
    }

    @Test
    void an_ov_order_is_validated_in_stewards_dns_then_by_the_cas_organisation_check_and_issued_with_the_organisation() throws Exception {
        var o = SslFixtures.ownerWithZone(server);
        long id = orderAndPay(o,
                obj("product_id", ov, "csr", SslFixtures.csr(2048, o.zone()), "years", 1, "organization", ORG, "validation_method", "dns"));
        var waiting = details(o, id);
        assertThat(waiting.get("cert_status").asText()).as("%s", server.steward().jobs().search("certificate", null, null, null, 1, 50))
                .isEqualTo("Awaiting Validation");
        assertThat(waiting.get("validation_state").asText()).isEqualTo("pending_organization_validation");
        assertThat(waiting.get("cert_error").asText()).contains("Acme Widgets Ltd");
        // The domain-validation record was published in the client's zone and removed again.
        var zone = server.steward().dns().zones().zoneByName(o.zone()).orElseThrow();
        assertThat(server.steward().dns().zones().records(zone.id())).noneMatch(r -> r.type().equals("TXT"));

        // A poll before the CA's validation team is done changes nothing.
        poll(Duration.ofMinutes(5));
        assertThat(details(o, id).get("validation_state").asText()).isEqualTo("pending_organization_validation");

        var advanced = server.http().post("/admin/api/certificates/" + id + "/ca-order", Auth.admin(), Body.json(obj("action", "advance")));
        assertThat(advanced.status()).as("%s", advanced).isEqualTo(200);
        assertThat(advanced.json().at("/ca_order/state").asText()).isEqualTo("issued");
        poll(Duration.ofHours(2));
        var issued = details(o, id);
        assertThat(issued.get("cert_status").asText()).isEqualTo("Issued");
        assertThat(issued.get("validation_state").asText()).isEqualTo("issued");
        var crt = server.http().get("/api/certificate/" + id + "/crt", o.client().auth());
        var leaf = CertificateJobs.parse(crt.json().at("/certificate/crt").asText());
        leaf.verify(CertificateJobs.parse(crt.json().at("/certificate/ca").asText()).getPublicKey());
        assertThat(leaf.getSubjectX500Principal().getName()).contains("O=Acme Widgets Ltd").contains("C=GB").contains("CN=" + o.zone());
        assertThat(SslFixtures.names(leaf)).containsExactly(o.zone());

        // An issued order cannot be moved again.
        assertThat(server.http().post("/admin/api/certificates/" + id + "/ca-order", Auth.admin(), Body.json(obj("action", "reject", "reason", "x")))
                .status()).isEqualTo(409);
    }

    @Test
    void an_ev_order_the_ca_rejects_ends_failed_with_the_state_rejected_and_the_reason() {
        var o = SslFixtures.ownerWithZone(server);
        long id = orderAndPay(o,
                obj("product_id", ev, "csr", SslFixtures.csr(2048, o.zone()), "years", 1, "organization", ORG, "validation_method", "dns"));
        assertThat(details(o, id).get("validation_state").asText()).isEqualTo("pending_organization_validation");
        var noReason = server.http().post("/admin/api/certificates/" + id + "/ca-order", Auth.admin(), Body.json(obj("action", "reject")));
        assertThat(noReason.status()).isEqualTo(422);
        var rejected = server.http().post("/admin/api/certificates/" + id + "/ca-order", Auth.admin(),
                Body.json(obj("action", "reject", "reason", "The organisation is not in the company register")));
        assertThat(rejected.status()).as("%s", rejected).isEqualTo(200);
        assertThat(rejected.json().at("/ca_order/state").asText()).isEqualTo("rejected");
        poll(Duration.ofHours(2));
        var after = details(o, id);
        assertThat(after.get("cert_status").asText()).isEqualTo("Failed");
        assertThat(after.get("validation_state").asText()).isEqualTo("rejected");
        assertThat(after.get("cert_error").asText()).contains("rejected: The organisation is not in the company register");
        assertThat(server.http().get("/api/certificate/" + id + "/crt", o.client().auth()).status()).isNotEqualTo(200);
    }

    @Test
    void the_approver_confirms_by_the_mailed_code_then_organisation_validation_completes_over_time() throws Exception {
        var o = SslFixtures.ownerWithZone(server);
        String approver = "admin@" + o.zone();
        long id = orderAndPay(o, obj("product_id", ov, "csr", SslFixtures.csr(2048, o.zone()),
                "years", 1, "organization", ORG, "validation_method", "email", "approver_email", approver));
        var waiting = details(o, id);
        assertThat(waiting.get("validation_state").asText()).isEqualTo("pending_domain_validation");
        assertThat(waiting.get("cert_error").asText()).contains(approver);

        // The code went to the approver through the outbox; the outbox keeps it sealed.
        var mails = server.steward().mail().service().list(null, null, "certificate.approve", approver, 1, 10).mails();
        assertThat(mails).hasSize(1);
        server.steward().mail().sender().runDueNow();
        String eml = Files.readString(maildir.resolve(mails.getFirst().id() + ".eml"), StandardCharsets.UTF_8);
        var m = Pattern.compile("approval code[^\\n]*\\n?[^\\n]*?: (\\d{8})").matcher(eml.replace("=\r\n", "").replace("=\n", ""));
        assertThat(m.find()).as(eml).isTrue();
        String code = m.group(1);

        // Someone else cannot use it; a wrong code is refused; the right one completes domain validation.
        var other = AccountFixtures.client(server);
        assertThat(server.http().post("/api/certificate/" + id + "/approve", other.auth(), Body.json(obj("code", code))).status()).isEqualTo(404);
        assertThat(server.http().get("/api/certificate/" + id, other.auth()).status()).isEqualTo(404);
        String wrongCode = code.equals("00000000") ? "11111111" : "00000000";
        assertThat(server.http().post("/api/certificate/" + id + "/approve", o.client().auth(), Body.json(obj("code", wrongCode))).status()).isEqualTo(422);
        var ok = server.http().post("/api/certificate/" + id + "/approve", o.client().auth(), Body.json(obj("code", code)));
        assertThat(ok.status()).as("%s", ok).isEqualTo(200);
        assertThat(ok.json().get("validation_state").asText()).isEqualTo("pending_organization_validation");
        assertThat(server.http().post("/api/certificate/" + id + "/approve", o.client().auth(), Body.json(obj("code", code))).status()).isEqualTo(409);

        poll(Duration.ofHours(2));
        assertThat(details(o, id).get("validation_state").asText()).isEqualTo("pending_organization_validation");
        // Organisation validation takes organization_hours (24) unless staff act; then the next poll issues.
        poll(Duration.ofHours(23));
        var issued = details(o, id);
        assertThat(issued.get("validation_state").asText()).as("%s", server.steward().jobs().search("certificate", null, null, null, 1, 50))
                .isEqualTo("issued");
        assertThat(issued.get("cert_status").asText()).isEqualTo("Issued");
    }

    @Test
    void staff_cannot_move_an_order_a_certificate_of_another_ca_does_not_have() {
        var o = SslFixtures.ownerWithZone(server);
        long dv = SslFixtures.product(server, obj("validation", "DV", "coverage", "single", "ca_module", "sandbox", "methods", "dns"));
        long id = orderAndPay(o, obj("product_id", dv, "csr", SslFixtures.csr(2048, o.zone())));
        assertThat(details(o, id).get("validation_state").asText()).isEqualTo("issued");
        assertThat(server.http().post("/admin/api/certificates/" + id + "/ca-order", Auth.admin(), Body.json(obj("action", "advance"))).status())
                .isEqualTo(404);
        assertThat(server.http().post("/api/certificate/" + id + "/approve", o.client().auth(), Body.json(obj("code", "12345678"))).status())
                .isEqualTo(409);
    }
}
