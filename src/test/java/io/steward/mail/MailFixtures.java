package io.steward.mail;

import static io.steward.core.Json.obj;
import static org.assertj.core.api.Assertions.assertThat;

import io.steward.support.Http.Auth;
import io.steward.support.Http.Body;
import io.steward.support.TestServer;

/** Objects the mail tests need, made through the admin API. */
final class MailFixtures {
    private MailFixtures() {}

    /** A Pending monthly USD service of the client. */
    static long service(TestServer server, long clientId) {
        var body = obj("client_id", clientId, "billing_cycle", "m", "currency", "USD", "recurring_amount", "9.99",
                "first_payment", "9.99", "name", "Starter Hosting", "category", "Hosting", "category_slug", "hosting",
                "domain", "mail-" + System.nanoTime() + ".example");
        var res = server.http().post("/admin/api/services", Auth.admin(), Body.json(body));
        assertThat(res.status()).as(res.toString()).isEqualTo(201);
        return res.json().at("/service/id").asLong();
    }
}
