package io.steward.support;

import static io.steward.core.Json.obj;
import static org.assertj.core.api.Assertions.assertThat;

import com.fasterxml.jackson.databind.JsonNode;
import io.steward.support.Http.Auth;
import io.steward.support.Http.Body;
import java.util.Map;
import java.util.UUID;

/**
 * Fresh client accounts and contacts for tests that change state, so no test depends on what
 * another did to the shared demo client.
 */
public final class AccountFixtures {
    public static final String PASSWORD = "Fixture-pass-1";

    private AccountFixtures() {}

    /** A client created through the admin API; ids are the admin API's numbers. */
    public record NewClient(long id, String email, String password) {
        public Auth auth() { return Auth.basic(email, password); }
    }

    /** A contact created through the client API; {@code password} is null when it has no login. */
    public record NewContact(long id, String email, String password) {
        public Auth auth() { return Auth.basic(email, password); }
    }

    /** The texts of a JSON array, for order-insensitive comparisons. */
    public static java.util.List<String> texts(JsonNode array) {
        var out = new java.util.ArrayList<String>();
        if (array != null) array.forEach(n -> out.add(n.asText()));
        return out;
    }

    public static String uniqueEmail(String prefix) {
        return prefix + "-" + UUID.randomUUID().toString().substring(0, 12) + "@example.com";
    }

    public static NewClient client(TestServer server) {
        return client(server, Map.of());
    }

    /**
     * A client with the given profile fields on top of an email, a password and a name. Its default
     * address (Oregon, US) has no tax rule in the demo set, so amounts in tests are tax-free unless
     * a test chooses a taxed country.
     */
    public static NewClient client(TestServer server, Map<String, Object> fields) {
        var body = obj("email", uniqueEmail("client"), "password", PASSWORD, "firstname", "Fixture", "lastname", "Client",
                "country", "US", "state", "Oregon");
        body.putAll(fields);
        var res = server.http().post("/admin/api/clients", Auth.admin(), Body.json(body));
        assertThat(res.status()).as("creating a fixture client: %s", res).isEqualTo(201);
        JsonNode c = res.json().get("client");
        return new NewClient(c.get("id").asLong(), c.get("email").asText(), (String) body.get("password"));
    }

    /** A contact of {@code owner}; {@code privileges} is any JSON value (null for none). */
    public static NewContact contact(TestServer server, Auth owner, Object privileges, boolean withLogin) {
        String email = uniqueEmail("contact");
        var body = obj("email", email, "firstname", "Fixture", "lastname", "Contact");
        if (privileges != null) body.put("privileges", privileges);
        if (withLogin) body.put("password", PASSWORD);
        var res = server.http().post("/api/contact", owner, Body.json(body));
        assertThat(res.status()).as("creating a fixture contact: %s", res).isEqualTo(200);
        return new NewContact(Long.parseLong(res.json().get("contact_id").asText()), email, withLogin ? PASSWORD : null);
    }
}
