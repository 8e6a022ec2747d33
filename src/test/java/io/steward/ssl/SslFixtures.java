package io.steward.ssl;

import static io.steward.core.Json.obj;
import static org.assertj.core.api.Assertions.assertThat;

import io.steward.support.AccountFixtures;
import io.steward.support.Http.Auth;
import io.steward.support.Http.Body;
import io.steward.support.TestServer;
import java.security.KeyPairGenerator;
import java.util.List;
import java.util.Map;
import java.util.UUID;
import org.bouncycastle.asn1.pkcs.PKCSObjectIdentifiers;
import org.bouncycastle.asn1.x509.Extension;
import org.bouncycastle.asn1.x509.ExtensionsGenerator;
import org.bouncycastle.asn1.x509.GeneralName;
import org.bouncycastle.asn1.x509.GeneralNames;
import org.bouncycastle.operator.jcajce.JcaContentSignerBuilder;
import org.bouncycastle.pkcs.jcajce.JcaPKCS10CertificationRequestBuilder;

/** Certificate products, hosted zones and CSRs of a test's own. */
final class SslFixtures {
    private SslFixtures() {}

    static String uniqueZone() {
        return "ssl-" + UUID.randomUUID().toString().substring(0, 8) + ".test";
    }

    /** A certificate product: 10.00 a year, 18.00 for two, on the certificate server module, with the given CA settings. */
    static long product(TestServer server, Map<String, Object> certificate) {
        var cat = server.http().post("/admin/api/categories", Auth.admin(), Body.json(obj("name", "SSL " + UUID.randomUUID(), "sort_order", 100)));
        assertThat(cat.status()).as("%s", cat).isEqualTo(201);
        var res = server.http().post("/admin/api/products", Auth.admin(), Body.json(obj("category_id", cat.json().at("/category/id").asLong(),
                "name", "Cert " + UUID.randomUUID().toString().substring(0, 6), "type", "hosting", "module", "certificate",
                "prices", Map.of("USD", Map.of("a", "10.00", "b", "18.00")))));
        assertThat(res.status()).as("creating a product: %s", res).isEqualTo(201);
        long id = res.json().at("/product/id").asLong();
        var set = server.http().put("/admin/api/products/" + id + "/certificate", Auth.admin(), Body.json(certificate));
        assertThat(set.status()).as("certificate settings: %s", set).isEqualTo(200);
        return id;
    }

    /** A client with a zone of its own hosted in Steward's DNS. */
    record Owner(AccountFixtures.NewClient client, String zone) {}

    static Owner ownerWithZone(TestServer server) {
        var c = AccountFixtures.client(server);
        String zone = uniqueZone();
        // Staff create it for the client (a client proves control of a new name first).
        var res = server.http().post("/admin/api/dns/zones", Auth.admin(), Body.json(obj("client_id", c.id(), "name", zone)));
        assertThat(res.status()).as("%s", res).isEqualTo(201);
        return new Owner(c, zone);
    }

    static String csr(int bits, String... names) {
        try {
            var gen = KeyPairGenerator.getInstance("RSA");
            gen.initialize(bits);
            var pair = gen.generateKeyPair();
            var ext = new ExtensionsGenerator();
            ext.addExtension(Extension.subjectAlternativeName, false,
                    new GeneralNames(java.util.Arrays.stream(names).map(n -> new GeneralName(GeneralName.dNSName, n)).toArray(GeneralName[]::new)));
            var req = new JcaPKCS10CertificationRequestBuilder(Csrs.subject(names[0]), pair.getPublic())
                    .addAttribute(PKCSObjectIdentifiers.pkcs_9_at_extensionRequest, ext.generate())
                    .build(new JcaContentSignerBuilder("SHA256withRSA").build(pair.getPrivate()));
            return Csrs.toPem(req);
        } catch (Exception e) {
            throw new IllegalStateException(e);
        }
    }

    /** Orders a certificate, pays it with credit and runs the jobs until the certificate's own job has run. */
    static long orderAndPay(TestServer server, Auth auth, long clientId, Map<String, Object> order) {
        var res = server.http().post("/api/certificate/order", auth, Body.json(order));
        assertThat(res.status()).as("ordering: %s", res).isEqualTo(200);
        long serviceId = res.json().at("/items/id").asLong();
        String invoiceId = res.json().get("invoice_id").asText();
        var credit = server.http().post("/admin/api/clients/" + clientId + "/credit", Auth.admin(), Body.json(Map.of("amount", "100.00", "reason", "test")));
        assertThat(credit.status()).isEqualTo(201);
        var pay = server.http().post("/api/invoice/" + invoiceId + "/credit", auth, Body.json(Map.of()));
        assertThat(pay.status()).as("%s", pay).isEqualTo(200);
        server.steward().services().provisioning().runDueJobsNow();
        server.steward().jobs().runDue();
        return serviceId;
    }

    static List<String> names(java.security.cert.X509Certificate c) throws Exception {
        return c.getSubjectAlternativeNames().stream().map(l -> (String) l.get(1)).toList();
    }
}
