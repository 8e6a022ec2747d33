package io.steward.v1;

import static org.assertj.core.api.Assertions.assertThat;

import com.fasterxml.jackson.databind.JsonNode;
import io.steward.Steward;
import io.steward.cdn.CdnDemo;
import io.steward.cdn.SandboxCdnFactory;
import io.steward.support.Http.Auth;
import io.steward.support.Http.Body;
import io.steward.support.Http.Res;
import io.steward.support.TestServer;
import java.util.ArrayList;
import java.util.List;
import java.util.Map;
import org.junit.jupiter.api.AfterAll;
import org.junit.jupiter.api.BeforeAll;
import org.junit.jupiter.api.Test;

/** Every operation of the services API with its filters, on the demo data, with the demo client's API key. */
class V1OperationsTest {
    static TestServer server;
    static final Auth KEY = Auth.demoApiKey();

    @BeforeAll
    static void start() { server = TestServer.start(); }

    @AfterAll
    static void stop() { server.close(); }

    private static Res get(String path) {
        Res res = server.http().get(path, KEY);
        assertThat(res.status()).as("%s: %s", path, res).isEqualTo(200);
        return res;
    }

    private static List<String> texts(JsonNode array, String field) {
        var out = new ArrayList<String>();
        array.forEach(n -> out.add(n.path(field).asText()));
        return out;
    }

    private static long cdnServiceId() {
        JsonNode list = get("/v1/services?productName=" + CdnDemo.PRODUCT.replace(" ", "%20")).json();
        assertThat(list).hasSize(1);
        return list.get(0).path("serviceId").asLong();
    }

    @Test
    void GET_version_answers_the_references_version() {
        assertThat(get("/v1/version").json().toString()).isEqualTo("{\"success\":\"1\",\"version\":\"1.2.6\"}");
    }

    @Test
    void a_request_without_a_token_or_with_an_unknown_one_is_refused_in_the_services_envelope() {
        Res none = server.http().get("/v1/version", Auth.NONE);
        assertThat(none.status()).isEqualTo(401);
        assertThat(none.header("WWW-Authenticate")).contains("Bearer");
        assertThat(none.json().path("status").asText()).isEqualTo("error");
        assertThat(server.http().get("/v1/version", Auth.bearer("stk_nope")).status()).isEqualTo(401);
        assertThat(server.http().get("/v1/version", Auth.basic("demo@example.com", "Demo-pass-1")).status()).isEqualTo(401);
    }

    @Test
    void a_client_API_token_works_as_a_bearer_too() {
        Res login = server.http().post("/api/login", Auth.NONE, Body.json(Map.of("username", "demo@example.com", "password", "Demo-pass-1")));
        Auth token = Auth.bearer(login.json().path("token").asText());
        assertThat(server.http().get("/v1/billing/balance", token).status()).isEqualTo(200);
    }

    @Test
    void product_groups_are_the_visible_categories_with_integer_ids() {
        JsonNode groups = get("/v1/products/groups").json();
        assertThat(texts(groups, "productGroup")).contains("Hosting", "VPS", "Dedicated", "DNS", "SSL", "Licences", "CDN");
        assertThat(groups.get(0).path("productGroupId").isInt()).isTrue();
    }

    @Test
    void products_carry_prices_as_strings_per_currency_and_cycle_and_filter_by_group() {
        JsonNode groups = get("/v1/products/groups").json();
        long hosting = 0;
        long cdn = 0;
        for (JsonNode g : groups) {
            if (g.path("productGroup").asText().equals("Hosting")) hosting = g.path("productGroupId").asLong();
            if (g.path("productGroup").asText().equals("CDN")) cdn = g.path("productGroupId").asLong();
        }
        JsonNode all = get("/v1/products").json();
        JsonNode onlyHosting = get("/v1/products?productGroupId[]=" + hosting).json();
        assertThat(texts(onlyHosting, "name")).containsExactly("Starter Hosting", "Business Hosting", "Pro Hosting");
        assertThat(all.size()).isGreaterThan(onlyHosting.size());
        JsonNode two = get("/v1/products?productGroupId[]=" + hosting + "&productGroupId[]=" + cdn).json();
        assertThat(texts(two, "name")).containsExactly("Starter Hosting", "Business Hosting", "Pro Hosting", CdnDemo.PRODUCT);
        assertThat(two.get(3).path("type").asText()).isEqualTo("cdn");

        JsonNode starter = onlyHosting.get(0);
        assertThat(starter.has("configOptions")).isFalse();
        JsonNode eur = starter.path("pricing").get(0);
        assertThat(eur.path("currency").asText()).isEqualTo("EUR");
        // Starter Hosting: EUR m 8.99 a 98.89, not sold quarterly or semi-annually.
        assertThat(eur.path("details").toString()).isEqualTo("{\"msetupfee\":\"0.00\",\"qsetupfee\":\"-1.00\",\"ssetupfee\":\"-1.00\","
                + "\"asetupfee\":\"0.00\",\"monthly\":\"8.99\",\"quarterly\":\"-1.00\",\"semiannually\":\"-1.00\",\"annually\":\"98.89\"}");
        JsonNode business = onlyHosting.get(1).path("pricing").get(1);
        assertThat(business.path("currency").asText()).isEqualTo("USD");
        assertThat(business.at("/details/monthly").asText()).isEqualTo("19.99");
        assertThat(business.at("/details/msetupfee").asText()).isEqualTo("5.00");

        JsonNode withOptions = get("/v1/products?productGroupId[]=" + hosting + "&showConfigOptions=1").json();
        JsonNode disk = withOptions.get(0).path("configOptions").get(0);
        assertThat(disk.path("name").asText()).isEqualTo("Disk Size");
        assertThat(texts(disk.path("options"), "name")).containsExactly("512MB", "1GB", "2GB");
        assertThat(server.http().get("/v1/products?productGroupId[]=x", KEY).status()).isEqualTo(400);
        assertThat(server.http().get("/v1/products?showConfigOptions=maybe", KEY).status()).isEqualTo(400);
    }

    /**
     * The demo's paid order is provisioned by the job engine after start-up, so the list grows by one
     * once that job has run: the paging checks below compare counts, and need it done first.
     */
    private static JsonNode settledServices() throws InterruptedException {
        long deadline = System.nanoTime() + java.time.Duration.ofSeconds(30).toNanos();
        JsonNode all = get("/v1/services").json();
        while (!texts(all, "domain").contains("demo.example.com")) {
            assertThat(System.nanoTime()).as("the demo's paid order is provisioned").isLessThan(deadline);
            Thread.sleep(50);
            all = get("/v1/services").json();
        }
        return all;
    }

    @Test
    void services_list_active_and_suspended_ones_unless_a_status_is_asked_for_and_page() throws InterruptedException {
        JsonNode all = settledServices();
        assertThat(texts(all, "productName")).contains("Starter Hosting", CdnDemo.PRODUCT);
        assertThat(texts(all, "status")).allMatch(s -> s.equals("Active") || s.equals("Suspended"));
        assertThat(all.get(0).path("serviceId").isIntegralNumber()).isTrue();
        assertThat(all.get(0).path("recurringAmount").isTextual()).isTrue();

        assertThat(get("/v1/services?serviceStatus=Terminated").json()).isEmpty();
        assertThat(texts(get("/v1/services?serviceStatus=Active").json(), "status")).containsOnly("Active");
        assertThat(texts(get("/v1/services?productName=starter%20hosting").json(), "productName")).containsExactly("Starter Hosting");
        assertThat(get("/v1/services?productName=Nothing%20Like%20It").json()).isEmpty();

        Res first = get("/v1/services?limitnum=1");
        assertThat(first.json()).hasSize(1);
        assertThat(first.header("X-Total-Count")).isEqualTo(Integer.toString(all.size()));
        Res second = get("/v1/services?limitnum=1&limitstart=1");
        assertThat(second.json().get(0).path("serviceId")).isNotEqualTo(first.json().get(0).path("serviceId"));
        assertThat(get("/v1/services?limitstart=1000").json()).isEmpty();

        Res bad = server.http().get("/v1/services?serviceStatus=Sleeping", KEY);
        assertThat(bad.status()).isEqualTo(422);
        assertThat(bad.json().at("/errors/serviceStatus")).isNotEmpty();
        assertThat(server.http().get("/v1/services?limitnum=0", KEY).status()).isEqualTo(400);
    }

    @Test
    void a_service_shows_its_CDN_resources_and_another_id_is_not_found() {
        JsonNode cdn = get("/v1/services/" + cdnServiceId()).json();
        assertThat(cdn.path("cdnResources").toString())
                .isEqualTo("[{\"resourceName\":\"" + CdnDemo.RESOURCE + "\",\"origin\":\"" + CdnDemo.ORIGIN + "\"}]");
        assertThat(cdn.path("status").asText()).isEqualTo("Active");
        assertThat(server.http().get("/v1/services/999999", KEY).status()).isEqualTo(404);
        assertThat(server.http().get("/v1/services/abc", KEY).status()).isEqualTo(404);
    }

    @Test
    void a_purge_empties_the_resource_on_the_sandbox_edge_and_is_logged() {
        long id = cdnServiceId();
        int before = SandboxCdnFactory.purges(server.steward().db(), "sandbox", CdnDemo.RESOURCE);
        Res res = server.http().post("/v1/services/" + id + "/cdn/purge", KEY, Body.json(Map.of("resource_name", CdnDemo.RESOURCE)));
        assertThat(res.status()).as(res.toString()).isEqualTo(200);
        assertThat(res.json().path("status").asText()).isEqualTo("success");
        assertThat(res.json().at("/data/resourceName").asText()).isEqualTo(CdnDemo.RESOURCE);
        assertThat(res.json().at("/data/nodes").asInt()).isEqualTo(2);
        assertThat(SandboxCdnFactory.purges(server.steward().db(), "sandbox", CdnDemo.RESOURCE)).isEqualTo(before + 1);
        // The form body works too; the staff log shows both, by the client.
        assertThat(server.http().post("/v1/services/" + id + "/cdn/purge", KEY, Body.form("resource_name", CdnDemo.RESOURCE)).status())
                .isEqualTo(200);
        long resourceId = server.http().get("/admin/api/services/" + id + "/cdn-resources", Auth.admin()).json().at("/cdn_resources/0/id").asLong();
        JsonNode log = server.http().get("/admin/api/cdn-resources/" + resourceId, Auth.admin()).json().at("/cdn_resource/purges");
        assertThat(log.size()).isGreaterThanOrEqualTo(2);
        assertThat(log.get(0).path("requested_by").asText()).isEqualTo("client");
        assertThat(log.get(0).path("success").asBoolean()).isTrue();

        assertThat(server.http().post("/v1/services/" + id + "/cdn/purge", KEY, Body.json(Map.of("resource_name", "other.example.com")))
                .status()).isEqualTo(404);
        assertThat(server.http().post("/v1/services/" + id + "/cdn/purge", KEY, Body.json(Map.of())).status()).isEqualTo(400);
        long hosting = get("/v1/services?productName=Starter%20Hosting").json().get(0).path("serviceId").asLong();
        assertThat(server.http().post("/v1/services/" + hosting + "/cdn/purge", KEY, Body.json(Map.of("resource_name", CdnDemo.RESOURCE)))
                .status()).isEqualTo(404);
    }

    @Test
    void domain_pricing_answers_per_extension_currency_and_years_for_the_operation_asked() {
        JsonNode register = get("/v1/domains/pricing?extension=.com,net&currency=USD").json();
        assertThat(register.toString()).isEqualTo("{\".com\":{\"USD\":{\"1\":\"10.00\",\"2\":\"20.00\",\"3\":\"30.00\"}},"
                + "\".net\":{\"USD\":{\"1\":\"12.00\",\"2\":\"24.00\",\"3\":\"36.00\"}}}");
        JsonNode renew = get("/v1/domains/pricing?extension=.com&operationType=domainrenew&currency=EUR").json();
        assertThat(renew.toString()).isEqualTo("{\".com\":{\"EUR\":{\"1\":\"13.50\",\"2\":\"27.00\",\"3\":\"40.50\"}}}");
        JsonNode transfer = get("/v1/domains/pricing?extension=.de&operationType=domaintransfer").json();
        assertThat(transfer.at("/.de/USD/1").asText()).isEqualTo("0.00");
        assertThat(transfer.at("/.de/EUR/1").asText()).isEqualTo("0.00");
        assertThat(get("/v1/domains/pricing").json().size()).isGreaterThanOrEqualTo(7);
        assertThat(get("/v1/domains/pricing?extension=.nothing").json()).isEmpty();
        assertThat(server.http().get("/v1/domains/pricing?operationType=domainsteal", KEY).status()).isEqualTo(422);
        assertThat(server.http().get("/v1/domains/pricing?currency=GBP", KEY).status()).isEqualTo(422);
    }

    @Test
    void invoices_filter_by_id_number_and_status_and_show_items_and_transactions_on_request() {
        JsonNode all = get("/v1/billing/invoices").json();
        assertThat(all.size()).isGreaterThanOrEqualTo(2);
        JsonNode paid = get("/v1/billing/invoices?status=Paid").json();
        assertThat(texts(paid, "status")).containsOnly("Paid");
        assertThat(texts(get("/v1/billing/invoices?status=Unpaid").json(), "status")).containsOnly("Unpaid");
        JsonNode one = paid.get(0);
        assertThat(one.has("items")).isFalse();
        assertThat(one.path("id").isIntegralNumber()).isTrue();
        assertThat(one.path("total").isTextual()).isTrue();

        assertThat(texts(get("/v1/billing/invoices?id=" + one.path("id").asLong()).json(), "invoicenum"))
                .containsExactly(one.path("invoicenum").asText());
        assertThat(texts(get("/v1/billing/invoices?invoicenum=" + one.path("invoicenum").asText()).json(), "id"))
                .containsExactly(one.path("id").asText());
        assertThat(get("/v1/billing/invoices?id=999999").json()).isEmpty();

        JsonNode detailed = get("/v1/billing/invoices?id=" + one.path("id").asLong() + "&showInvoiceItems=true&showTransactions=1").json().get(0);
        assertThat(detailed.path("items")).isNotEmpty();
        assertThat(detailed.path("transactions")).isNotEmpty();
        assertThat(detailed.at("/items/0/amount").isTextual()).isTrue();

        Res page = get("/v1/billing/invoices?limitnum=1");
        assertThat(page.json()).hasSize(1);
        assertThat(page.header("X-Total-Count")).isEqualTo(Integer.toString(all.size()));
        assertThat(server.http().get("/v1/billing/invoices?status=Lost", KEY).status()).isEqualTo(422);
        assertThat(server.http().get("/v1/billing/invoices?id=x", KEY).status()).isEqualTo(400);
    }

    @Test
    void the_balance_is_the_account_credit_in_the_accounts_currency_at_both_paths() {
        JsonNode credit = server.http().get("/api/balance", Auth.demo()).json().path("details");
        JsonNode balance = get("/v1/billing/balance").json();
        assertThat(balance.path("balance").asText()).isEqualTo(credit.path("acc_credit").asText());
        assertThat(balance.path("currency").asText()).isEqualTo(credit.path("currency").asText());
        assertThat(get("/v1/billing/creditbalance").json()).isEqualTo(balance);
    }

    @Test
    void the_demo_key_is_the_printed_one() {
        assertThat(Steward.DEMO_API_KEY).startsWith("stk_");
        assertThat(server.http().get("/api/apikeys", Auth.demo()).json().path("apikeys").toString()).contains("\"name\":\"demo\"");
    }
}
