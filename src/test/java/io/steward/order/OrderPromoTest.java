package io.steward.order;

import static io.steward.core.Json.obj;
import static io.steward.order.OrderFixtures.dec;
import static org.assertj.core.api.Assertions.assertThat;

import io.steward.support.AccountFixtures;
import io.steward.support.Http.Body;
import io.steward.support.Http.Res;
import io.steward.support.TestServer;
import java.util.List;
import java.util.Map;
import org.junit.jupiter.api.AfterAll;
import org.junit.jupiter.api.BeforeAll;
import org.junit.jupiter.api.Test;

class OrderPromoTest {
    static TestServer server;

    @BeforeAll
    static void start() {
        server = TestServer.start();
    }

    @AfterAll
    static void stop() {
        server.close();
    }

    private static Res order(AccountFixtures.NewClient c, long product, String code) {
        return server.http().post("/api/order/" + product, c.auth(), Body.json(obj("cycle", "m", "promocode", code)));
    }

    @Test
    void a_percent_code_discounts_the_product_and_setup_lines() {
        var c = AccountFixtures.client(server);
        long product = OrderFixtures.product(server, Map.of());
        var res = order(c, product, OrderFixtures.promo(server, Map.of("type", "percent", "value", "50")));
        assertThat(res.status()).as("%s", res).isEqualTo(200);
        assertThat(res.json().get("total").asText()).isEqualTo("3.00"); // (5.00 + 1.00) / 2
    }

    @Test
    void a_fixed_code_never_takes_more_than_the_lines() {
        var c = AccountFixtures.client(server);
        long product = OrderFixtures.product(server, Map.of());
        var small = order(c, product, OrderFixtures.promo(server, Map.of("type", "fixed", "value", "2.50", "currency", "USD")));
        assertThat(small.json().get("total").asText()).isEqualTo("3.50");
        var large = order(c, product, OrderFixtures.promo(server, Map.of("type", "fixed", "value", "100", "currency", "USD")));
        assertThat(dec(large.json().get("total"))).isEqualByComparingTo("0");
    }

    @Test
    void a_code_with_one_use_left_is_refused_the_second_time_and_nothing_is_ordered() {
        var c = AccountFixtures.client(server);
        long product = OrderFixtures.product(server, Map.of());
        String code = OrderFixtures.promo(server, Map.of("max_uses", "1"));
        assertThat(order(c, product, code).status()).isEqualTo(200);
        var second = order(c, product, code);
        assertThat(second.status()).isEqualTo(422);
        assertThat(second.json().at("/fields/promocode/0").asText()).isNotBlank();
        assertThat(server.http().get("/admin/api/orders?client_id=" + c.id(), io.steward.support.Http.Auth.admin()).json().get("total").asInt()).isEqualTo(1);
    }

    @Test
    void cancelling_an_unpaid_order_gives_its_promo_use_back() {
        var c = AccountFixtures.client(server);
        long product = OrderFixtures.product(server, Map.of());
        String code = OrderFixtures.promo(server, Map.of("max_uses", "1"));
        var first = order(c, product, code);
        assertThat(first.status()).as("%s", first).isEqualTo(200);
        long orderId = OrderFixtures.orderByNum(server, c.id(), first.json().get("order_num").asLong()).get("id").asLong();

        var cancel = server.http().put("/admin/api/orders/" + orderId + "/status", io.steward.support.Http.Auth.admin(),
                Body.json(Map.of("status", "Cancelled")));

        assertThat(cancel.status()).as("%s", cancel).isEqualTo(200);
        var again = order(c, product, code);
        assertThat(again.status()).as("the single use is available again: %s", again).isEqualTo(200);
    }

    @Test
    void a_new_clients_only_code_is_refused_after_the_client_has_a_paid_order() {
        var c = AccountFixtures.client(server);
        long product = OrderFixtures.product(server, Map.of());
        String code = OrderFixtures.promo(server, Map.of("new_clients_only", true));
        var first = order(c, product, code);
        assertThat(first.status()).as("%s", first).isEqualTo(200);
        OrderFixtures.addCredit(server, c.id(), "50.00");
        assertThat(server.http().post("/api/invoice/" + first.json().get("invoice_id").asText() + "/credit", c.auth(), Body.json(Map.of()))
                .status()).isEqualTo(200);
        assertThat(order(c, product, code).status()).isEqualTo(422);
    }

    @Test
    void a_code_limited_to_other_products_or_an_unknown_code_is_422() {
        var c = AccountFixtures.client(server);
        long product = OrderFixtures.product(server, Map.of());
        long other = OrderFixtures.product(server, Map.of());
        String code = OrderFixtures.promo(server, Map.of("product_ids", List.of(other)));
        assertThat(order(c, product, code).status()).isEqualTo(422);
        assertThat(order(c, product, "NOSUCHCODE").status()).isEqualTo(422);
        assertThat(order(c, other, code).status()).isEqualTo(200);
    }
}
