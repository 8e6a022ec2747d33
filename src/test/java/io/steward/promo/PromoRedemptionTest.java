package io.steward.promo;

import static io.steward.core.Json.obj;
import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;

import io.steward.core.StewardException;
import io.steward.support.Http.Auth;
import io.steward.support.Http.Body;
import io.steward.support.TestServer;
import java.math.BigDecimal;
import java.time.Duration;
import java.util.ArrayList;
import java.util.List;
import java.util.Map;
import java.util.UUID;
import java.util.concurrent.CountDownLatch;
import java.util.concurrent.ExecutorService;
import java.util.concurrent.Executors;
import java.util.concurrent.Future;
import java.util.concurrent.TimeUnit;
import org.junit.jupiter.api.AfterAll;
import org.junit.jupiter.api.BeforeAll;
import org.junit.jupiter.api.Test;

/** The {@link PromoService} seam orders use: validation by code, and redemption under concurrency. */
class PromoRedemptionTest {
    static TestServer server;

    @BeforeAll
    static void start() { server = TestServer.start(); }

    @AfterAll
    static void stop() { server.close(); }

    private static long create(Map<String, Object> body) {
        var res = server.http().post("/admin/api/promo-codes", Auth.admin(), Body.json(body));
        assertThat(res.status()).as("%s", res).isEqualTo(201);
        return res.json().at("/promo_code/id").asLong();
    }

    private static String uniqueCode() {
        return "R" + UUID.randomUUID().toString().substring(0, 10).toUpperCase();
    }

    private static int uses(long id) {
        return server.http().get("/admin/api/promo-codes/" + id, Auth.admin()).json().at("/promo_code/uses").asInt();
    }

    /** Redeems {@code id} from {@code threads} threads released at once; answers how many succeeded. */
    private static int redeemConcurrently(long id, int threads) throws Exception {
        ExecutorService pool = Executors.newFixedThreadPool(threads);
        try {
            var ready = new CountDownLatch(threads);
            var go = new CountDownLatch(1);
            List<Future<Boolean>> results = new ArrayList<>();
            for (int i = 0; i < threads; i++) {
                results.add(pool.submit(() -> {
                    ready.countDown();
                    go.await();
                    try {
                        server.steward().promos().redeem(id);
                        return true;
                    } catch (StewardException e) {
                        assertThat(e.fields().get("promocode")).containsExactly("promo_exhausted");
                        return false;
                    }
                }));
            }
            assertThat(ready.await(10, TimeUnit.SECONDS)).isTrue();
            go.countDown();
            int ok = 0;
            for (Future<Boolean> f : results) if (f.get(60, TimeUnit.SECONDS)) ok++;
            return ok;
        } finally {
            pool.shutdownNow();
        }
    }

    @Test
    void twenty_concurrent_redemptions_of_a_code_with_five_uses_succeed_exactly_five_times() throws Exception {
        long id = create(obj("code", uniqueCode(), "type", "percent", "value", "10", "max_uses", 5));
        assertThat(redeemConcurrently(id, 20)).isEqualTo(5);
        assertThat(uses(id)).isEqualTo(5);
        assertThatThrownBy(() -> server.steward().promos().redeem(id)).isInstanceOf(StewardException.class);
        assertThat(uses(id)).isEqualTo(5);
    }

    @Test
    void an_unlimited_code_counts_every_concurrent_redemption() throws Exception {
        long id = create(obj("code", uniqueCode(), "type", "percent", "value", "10"));
        assertThat(redeemConcurrently(id, 12)).isEqualTo(12);
        assertThat(uses(id)).isEqualTo(12);
    }

    @Test
    void a_disabled_code_cannot_be_redeemed() {
        long id = create(obj("code", uniqueCode(), "type", "percent", "value", "10", "enabled", false));
        assertThatThrownBy(() -> server.steward().promos().redeem(id)).isInstanceOf(StewardException.class)
                .satisfies(e -> assertThat(((StewardException) e).fields().get("promocode")).containsExactly("promo_disabled"));
        assertThat(uses(id)).isZero();
    }

    @Test
    void validate_finds_a_code_case_insensitively_and_explains_a_refusal() {
        String code = uniqueCode();
        create(obj("code", code, "type", "fixed", "value", "5", "currency", "USD", "product_ids", List.of(42), "new_clients_only", true));
        PromoService promos = server.steward().promos();
        var fits = PromoContext.order(42, "m", "USD", List.of(new BigDecimal("19.99")), true);
        Promo p = promos.validate(code.toLowerCase(), fits);
        assertThat(p.code()).isEqualTo(code);
        assertThat(promos.evaluate(p, fits).total()).isEqualByComparingTo("5.00");

        assertThatThrownBy(() -> promos.validate(code, PromoContext.order(43, "m", "USD", List.of(BigDecimal.TEN), true)))
                .isInstanceOf(StewardException.class)
                .satisfies(e -> assertThat(((StewardException) e).fields().get("promocode")).containsExactly("promo_wrong_product"));
        assertThatThrownBy(() -> promos.validate(code, PromoContext.order(42, "m", "USD", List.of(BigDecimal.TEN), false)))
                .satisfies(e -> assertThat(((StewardException) e).fields().get("promocode")).containsExactly("promo_new_clients_only"));
        assertThatThrownBy(() -> promos.validate("NO-SUCH-" + code, fits))
                .satisfies(e -> assertThat(((StewardException) e).fields().get("promocode")).containsExactly("promo_not_found"));
    }

    @Test
    void validate_follows_the_servers_clock_for_start_and_end_dates() {
        String today = server.clock.instant().toString().substring(0, 10);
        String code = uniqueCode();
        create(obj("code", code, "type", "percent", "value", "10", "ends_on", today));
        var ctx = PromoContext.order(1, "m", "USD", List.of(BigDecimal.TEN), true);
        assertThat(server.steward().promos().validate(code, ctx).code()).isEqualTo(code);
        server.clock.advance(Duration.ofDays(1));
        try {
            assertThatThrownBy(() -> server.steward().promos().validate(code, ctx))
                    .satisfies(e -> assertThat(((StewardException) e).fields().get("promocode")).containsExactly("promo_expired"));
        } finally {
            server.clock.advance(Duration.ofDays(-1));
        }
    }
}
