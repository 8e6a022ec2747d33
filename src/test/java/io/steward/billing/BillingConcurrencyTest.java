package io.steward.billing;

import static io.steward.billing.BillingFixtures.addCredit;
import static io.steward.billing.BillingFixtures.issue;
import static io.steward.billing.BillingFixtures.item;
import static io.steward.billing.BillingFixtures.serviceItem;
import static io.steward.core.Json.obj;
import static org.assertj.core.api.Assertions.assertThat;

import com.fasterxml.jackson.databind.JsonNode;
import io.steward.support.AccountFixtures;
import io.steward.support.Http.Auth;
import io.steward.support.Http.Body;
import io.steward.support.Http.Res;
import io.steward.support.TestServer;
import java.math.BigDecimal;
import java.util.ArrayList;
import java.util.List;
import java.util.Map;
import java.util.TreeSet;
import java.util.UUID;
import java.util.concurrent.CountDownLatch;
import java.util.concurrent.ExecutorService;
import java.util.concurrent.Executors;
import java.util.concurrent.Future;
import java.util.function.IntFunction;
import org.junit.jupiter.api.AfterAll;
import org.junit.jupiter.api.BeforeAll;
import org.junit.jupiter.api.Test;

/**
 * Concurrent requests against one client, one numbering series and one service period: credit
 * never overspent, numbers gapless, a period invoiced once. Runs on H2 and on PostgreSQL.
 */
class BillingConcurrencyTest {
    static TestServer server;

    @BeforeAll
    static void start() { server = TestServer.start(); }

    @AfterAll
    static void stop() { server.close(); }

    /** Runs {@code n} requests at once (released together) and answers them in index order. */
    private static List<Res> concurrently(int n, IntFunction<Res> request) throws Exception {
        ExecutorService pool = Executors.newFixedThreadPool(n);
        try {
            var gate = new CountDownLatch(1);
            var futures = new ArrayList<Future<Res>>();
            for (int i = 0; i < n; i++) {
                int index = i;
                futures.add(pool.submit(() -> {
                    gate.await();
                    return request.apply(index);
                }));
            }
            gate.countDown();
            var out = new ArrayList<Res>();
            for (Future<Res> f : futures) out.add(f.get());
            return out;
        } finally {
            pool.shutdownNow();
        }
    }

    private static JsonNode ledger(long clientId) {
        return server.http().get("/admin/api/clients/" + clientId + "/credit?perpage=500", Auth.admin()).json();
    }

    private static BigDecimal ledgerSum(JsonNode ledger) {
        BigDecimal sum = BigDecimal.ZERO;
        for (JsonNode e : ledger.get("entries")) sum = sum.add(new BigDecimal(e.get("amount").asText()));
        return sum;
    }

    @Test
    void fifty_concurrent_credit_applications_to_one_invoice_never_spend_more_than_the_credit() throws Exception {
        var c = AccountFixtures.client(server);
        addCredit(server, c.id(), "30.00");
        var inv = issue(server, c.id(), List.of(item("Big order", "100.00")));
        String path = "/api/invoice/" + inv.get("id").asText() + "/credit";
        List<Res> results = concurrently(50, i -> server.http().post(path, c.auth(), Body.json(Map.of("amount", "1.00"))));

        long ok = results.stream().filter(r -> r.status() == 200).count();
        assertThat(results).allMatch(r -> r.status() == 200 || r.status() == 422, "only 200 or 422");
        assertThat(ok).isEqualTo(30);
        JsonNode ledger = ledger(c.id());
        assertThat(ledger.get("balance").asText()).isEqualTo("0.00");
        assertThat(ledgerSum(ledger)).isEqualByComparingTo(ledger.get("balance").asText());
        assertThat(ledger.get("total").asInt()).isEqualTo(31);
        JsonNode after = server.http().get("/admin/api/invoices/" + inv.get("id").asText(), Auth.admin()).json().get("invoice");
        assertThat(after.get("credit").asText()).isEqualTo("30.00");
        assertThat(after.get("balance_due").asText()).isEqualTo("70.00");
    }

    @Test
    void fifty_concurrent_full_applications_to_fifty_invoices_spend_the_credit_exactly_once() throws Exception {
        var c = AccountFixtures.client(server);
        addCredit(server, c.id(), "100.00");
        var ids = new ArrayList<String>();
        for (int i = 0; i < 50; i++) ids.add(issue(server, c.id(), List.of(item("Invoice " + i, "12.34"))).get("id").asText());
        List<Res> results = concurrently(50, i -> server.http().post("/api/invoice/" + ids.get(i) + "/credit", c.auth(), Body.NONE));

        BigDecimal applied = BigDecimal.ZERO;
        int paid = 0;
        for (Res r : results) {
            if (r.status() == 200) {
                applied = applied.add(r.json().get("applied").decimalValue());
                if (r.json().get("invoice_status").asText().equals("Paid")) paid++;
            } else {
                assertThat(r.status()).as(r.toString()).isEqualTo(422);
            }
        }
        // 100.00 pays 8 invoices of 12.34 in full and 1.28 of a ninth.
        assertThat(applied).isEqualByComparingTo("100.00");
        assertThat(paid).isEqualTo(8);
        JsonNode ledger = ledger(c.id());
        assertThat(ledger.get("balance").asText()).isEqualTo("0.00");
        assertThat(ledgerSum(ledger)).isEqualByComparingTo("0");
        var balance = server.http().get("/api/balance", c.auth()).json().get("details");
        assertThat(new BigDecimal(balance.get("acc_balance").asText())).isEqualByComparingTo(new BigDecimal("12.34").multiply(BigDecimal.valueOf(50)).subtract(new BigDecimal("100.00")));
    }

    @Test
    void twenty_concurrent_issues_in_one_series_get_numbers_one_to_twenty_without_gaps() throws Exception {
        var c = AccountFixtures.client(server);
        String series = "T" + UUID.randomUUID().toString().substring(0, 8);
        var defined = server.http().put("/admin/api/invoice-series/" + series, Auth.admin(), Body.json(Map.of("format", "T-{n}")));
        assertThat(defined.status()).isEqualTo(200);
        List<Res> results = concurrently(20, i -> server.http().post("/admin/api/invoices", Auth.admin(),
                Body.json(obj("client_id", c.id(), "series", series, "items", List.of(item("Line " + i, "1.00"))))));
        var numbers = new TreeSet<Integer>();
        for (Res r : results) {
            assertThat(r.status()).as(r.toString()).isEqualTo(201);
            String number = r.json().at("/invoice/number").asText();
            assertThat(number).startsWith("T-");
            numbers.add(Integer.parseInt(number.substring(2)));
        }
        assertThat(numbers).hasSize(20);
        assertThat(numbers.first()).isEqualTo(1);
        assertThat(numbers.last()).isEqualTo(20);
        JsonNode all = server.http().get("/admin/api/invoice-series", Auth.admin()).json().get("series");
        for (JsonNode s : all) if (s.get("name").asText().equals(series)) assertThat(s.get("next_number").asInt()).isEqualTo(21);
    }

    @Test
    void ten_concurrent_issues_of_one_service_period_create_exactly_one_invoice() throws Exception {
        var c = AccountFixtures.client(server);
        long service = 9_000_000 + (long) (Math.random() * 1_000_000);
        List<Res> results = concurrently(10, i -> server.http().post("/admin/api/invoices", Auth.admin(),
                Body.json(obj("client_id", c.id(), "items", List.of(serviceItem("Hosting", service, "2031-03-01", "9.99"),
                        item("Goes with the period", "1.00"))))));
        assertThat(results.stream().filter(r -> r.status() == 201).count()).isEqualTo(1);
        assertThat(results).allMatch(r -> r.status() == 201 || r.status() == 409);
        var list = server.http().get("/admin/api/invoices?client_id=" + c.id(), Auth.admin()).json();
        assertThat(list.get("total").asInt()).isEqualTo(1);
        assertThat(list.at("/invoices/0/total").asText()).isEqualTo("10.99");
    }
}
