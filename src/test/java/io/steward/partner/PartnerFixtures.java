package io.steward.partner;

import static io.steward.core.Json.obj;
import static org.assertj.core.api.Assertions.assertThat;

import com.fasterxml.jackson.databind.JsonNode;
import io.steward.support.AccountFixtures;
import io.steward.support.Http.Auth;
import io.steward.support.Http.Body;
import io.steward.support.Http.Res;
import io.steward.support.TestServer;
import java.util.Map;
import java.util.UUID;

/** Partners made through the admin API, with a credential and a token, for the partner API tests. */
public final class PartnerFixtures {
    private PartnerFixtures() {}

    public record NewPartner(long id, AccountFixtures.NewClient account, String clientId, String secret, String access, String refresh) {
        public Auth auth() { return Auth.bearer(access); }
    }

    public static NewPartner partner(TestServer server, Map<String, Object> terms) {
        var account = AccountFixtures.client(server);
        var body = obj("client_id", account.id());
        body.putAll(terms);
        Res made = server.http().post("/admin/api/partners", Auth.admin(), Body.json(body));
        assertThat(made.status()).as("%s", made).isEqualTo(201);
        long id = made.json().at("/partner/id").asLong();
        Res cred = server.http().post("/admin/api/partners/" + id + "/credentials", Auth.admin(), Body.json(Map.of("name", "tests")));
        assertThat(cred.status()).as("%s", cred).isEqualTo(201);
        String clientId = cred.json().at("/credential/client_id").asText();
        String secret = cred.json().at("/credential/client_secret").asText();
        JsonNode pair = token(server, clientId, secret).json();
        return new NewPartner(id, account, clientId, secret, pair.get("access_token").asText(), pair.get("refresh_token").asText());
    }

    public static NewPartner partner(TestServer server) {
        return partner(server, Map.of());
    }

    public static Res token(TestServer server, String clientId, String secret) {
        return server.http().post("/partner/auth/token", Auth.NONE,
                Body.json(Map.of("grant_type", "client_credentials", "client_id", clientId, "client_secret", secret)));
    }

    public static Map<String, Object> clientBody() {
        return obj("firstname", "Joe", "lastname", "Bin", "company", "Google", "password", "Pass!123", "postcode", 1234,
                "address1", "Address 1", "address2", "Address 2", "city", "Test", "country", "BE",
                "email", "p-" + UUID.randomUUID() + "@example.com", "phone", 123456789, "client_type", "Managed Client", "vat_number", "123456789");
    }

    /** A new end client of the partner; its id. */
    public static long client(TestServer server, NewPartner p) {
        Res res = server.http().post("/partner/clients/add", p.auth(), Body.json(clientBody()));
        assertThat(res.status()).as("%s", res).isEqualTo(200);
        return res.json().at("/data/0/id").asLong();
    }

    public static void credit(TestServer server, NewPartner p, String amount) {
        Res res = server.http().post("/admin/api/clients/" + p.account().id() + "/credit", Auth.admin(),
                Body.json(Map.of("amount", amount, "reason", "partner prepayment")));
        assertThat(res.status()).as("%s", res).isEqualTo(201);
    }

    public static String uniqueDomain() {
        return "p" + UUID.randomUUID().toString().replace("-", "").substring(0, 12) + ".test";
    }

    /** Registers a domain for {@code clientId} (paid from credit) and runs the registrar jobs until it is Active; its id. */
    public static long activeDomain(TestServer server, NewPartner p, long clientId, String name) {
        Res res = server.http().post("/partner/domains/register", p.auth(), Body.json(Map.of("name", name, "period", 1, "action", "register",
                "client_id", clientId)));
        assertThat(res.status()).as("%s", res).isEqualTo(201);
        long id = res.json().at("/data/domain_id").asLong();
        for (int i = 0; i < 100; i++) {
            server.steward().domains().runDueJobsNow();
            String status = server.http().get("/admin/api/domains/" + id, Auth.admin()).json().at("/domain/status").asText();
            if (status.equals("Active")) return id;
            try {
                Thread.sleep(50);
            } catch (InterruptedException e) {
                Thread.currentThread().interrupt();
            }
        }
        throw new AssertionError("domain " + name + " did not become Active");
    }
}
