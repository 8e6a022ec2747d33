package io.steward.traffic;

import static io.steward.traffic.TrafficFixtures.now;
import static org.assertj.core.api.Assertions.assertThat;

import com.fasterxml.jackson.databind.JsonNode;
import io.steward.service.module.PowerControl;
import io.steward.service.module.sandbox.SandboxModuleFactory;
import io.steward.support.AccountFixtures;
import io.steward.support.AccountFixtures.NewClient;
import io.steward.support.Http.Auth;
import io.steward.support.Http.Body;
import io.steward.support.Http.Res;
import io.steward.support.TestServer;
import java.io.ByteArrayInputStream;
import java.math.BigDecimal;
import java.time.Duration;
import java.util.Base64;
import java.util.List;
import java.util.Map;
import javax.imageio.ImageIO;
import org.junit.jupiter.api.AfterAll;
import org.junit.jupiter.api.BeforeAll;
import org.junit.jupiter.api.Test;

/** {@code GET /service/@id/bandwidth} and {@code /bandwidth-graphs}: figures from sampled counters, graphs, who may see them. */
class BandwidthApiTest {
    static TestServer server;
    static long pro;

    @BeforeAll
    static void start() {
        server = TrafficFixtures.server();
        pro = TrafficFixtures.product(server, "Pro Hosting");
        TrafficFixtures.terms(server, pro, "1000", "0.10");
    }

    @AfterAll
    static void stop() { server.close(); }

    private static String gb(long bytes) {
        return Overage.format(Overage.gigabytes(bytes));
    }

    private static JsonNode bandwidth(NewClient c, long id) {
        Res res = server.http().get("/api/service/" + id + "/bandwidth", c.auth());
        assertThat(res.status()).as(res.toString()).isEqualTo(200);
        return res.json().get("bandwidth");
    }

    @Test
    void sampled_sandbox_counters_across_a_reboot_give_the_bytes_moved_this_period() {
        NewClient c = AccountFixtures.client(server);
        long id = TrafficFixtures.service(server, c.id(), SandboxModuleFactory.ID, Map.of("product_id", pro));
        var traffic = server.steward().traffic();
        traffic.sampleNow(); // the first reading is the baseline
        server.clock.advance(Duration.ofHours(1));
        traffic.sampleNow();
        // The machine reboots: its counters start from zero again, and the next delta is the new reading.
        var power = server.steward().services().moduleAccess().capability(id, PowerControl.class, "reboot").orElseThrow();
        assertThat(power.capability().power(power.request(), PowerControl.PowerAction.REBOOT).success()).isTrue();
        server.clock.advance(Duration.ofMinutes(30));
        traffic.sampleNow();

        long rate = SandboxModuleFactory.rateIn(id);
        long in = rate * 5400, out = 3 * rate * 5400;
        JsonNode b = bandwidth(c, id);
        assertThat(b.get("in").asText()).isEqualTo(gb(in));
        assertThat(b.get("out").asText()).isEqualTo(gb(out));
        assertThat(b.get("total").asText()).isEqualTo(gb(in + out));
        assertThat(b.get("unit").asText()).isEqualTo("GB");
        assertThat(b.get("quota").asText()).isEqualTo("1000");
        assertThat(b.get("overage").asText()).isEqualTo("0.00");
        assertThat(b.get("overage_price").asText()).isEqualTo("0.10");
        assertThat(b.get("overage_cost").asText()).isEqualTo("0.00");
        assertThat(b.get("currency").asText()).isEqualTo("USD");
        var s = server.http().get("/api/service/" + id, c.auth()).json().get("service");
        assertThat(b.get("period_start").asText()).isEqualTo(s.get("date_created").asText());

        JsonNode staff = server.http().get("/admin/api/services/" + id + "/bandwidth", Auth.admin()).json().get("bandwidth");
        assertThat(staff.get("total").asText()).isEqualTo(b.get("total").asText());
        assertThat(staff.get("service_id").asLong()).isEqualTo(id);
    }

    @Test
    void only_active_services_are_sampled() {
        NewClient c = AccountFixtures.client(server);
        long active = TrafficFixtures.service(server, c.id(), SandboxModuleFactory.ID, Map.of());
        long suspended = TrafficFixtures.service(server, c.id(), SandboxModuleFactory.ID, Map.of());
        var res = server.http().post("/admin/api/services/" + suspended + "/suspend", Auth.admin(), Body.form("reason", "abuse"));
        assertThat(res.status()).as(res.toString()).isEqualTo(202);
        server.steward().services().provisioning().runDueJobsNow();
        assertThat(server.http().get("/admin/api/services/" + suspended, Auth.admin()).json().at("/service/status").asText())
                .isEqualTo("Suspended");
        server.steward().traffic().sampleNow();
        var readings = TrafficFixtures.store(server).readings(List.of(active, suspended));
        assertThat(readings).containsOnlyKeys(active);
        assertThat(readings.get(active)).containsOnlyKeys(SandboxModuleFactory.COUNTER);
    }

    @Test
    void usage_over_the_quota_shows_its_overage_and_cost() {
        NewClient c = AccountFixtures.client(server);
        long id = TrafficFixtures.service(server, c.id(), SandboxModuleFactory.ID, Map.of("product_id", pro));
        // 300 buckets of 3.5 GB from 25 hours ago: those since midnight (today's period) count.
        var start = TrafficStore.floor(now(server), TrafficStore.FIVE_MINUTES).minusHours(25);
        var buckets = TrafficFixtures.steady(id, start, start.plusMinutes(5 * 300), 1_000_000_000L, 2_500_000_000L);
        TrafficFixtures.history(server, id, buckets);
        // Period started today (registered today): only buckets from midnight on count.
        long inPeriod = buckets.stream().filter(b -> !b.start().toLocalDate().isBefore(now(server).toLocalDate())).count();
        JsonNode b = bandwidth(c, id);
        long used = inPeriod * 3_500_000_000L;
        assertThat(b.get("total").asText()).isEqualTo(gb(used));
        BigDecimal over = Overage.gigabytes(used).subtract(new BigDecimal("1000")).max(BigDecimal.ZERO);
        assertThat(new BigDecimal(b.get("overage").asText())).isEqualByComparingTo(over.setScale(2, java.math.RoundingMode.HALF_UP));
        assertThat(new BigDecimal(b.get("overage_cost").asText()))
                .isEqualByComparingTo(over.multiply(new BigDecimal("0.10")).setScale(2, java.math.RoundingMode.HALF_UP));
    }

    @Test
    void the_graphs_are_png_images_of_700_by_250_pixels() throws Exception {
        NewClient c = AccountFixtures.client(server);
        long id = TrafficFixtures.service(server, c.id(), SandboxModuleFactory.ID, Map.of());
        var start = TrafficStore.floor(now(server), TrafficStore.FIVE_MINUTES).minusHours(6);
        TrafficFixtures.history(server, id, TrafficFixtures.steady(id, start, start.plusHours(6), 40_000_000L, 90_000_000L));
        Res res = server.http().get("/api/service/" + id + "/bandwidth-graphs", c.auth());
        assertThat(res.status()).as(res.toString()).isEqualTo(200);
        JsonNode g = res.json().get("graphs");
        for (String period : List.of("day", "week", "month")) {
            byte[] png = Base64.getDecoder().decode(g.get(period).asText());
            assertThat(png).as(period).startsWith(0x89, 'P', 'N', 'G', 0x0D, 0x0A, 0x1A, 0x0A);
            var image = ImageIO.read(new ByteArrayInputStream(png));
            assertThat(image).as(period).isNotNull();
            assertThat(image.getWidth()).as(period).isEqualTo(700);
            assertThat(image.getHeight()).as(period).isEqualTo(250);
        }
        assertThat(g.get("width").asText()).isEqualTo("700");
        assertThat(g.get("height").asText()).isEqualTo("250");
    }

    @Test
    void the_demo_hosting_service_has_a_month_of_traffic_against_its_products_quota() {
        long id = 0;
        for (JsonNode s : server.http().get("/api/service", Auth.demo()).json().get("services")) {
            if (s.get("domain").asText().equals(io.steward.service.ServiceDemo.DOMAIN)) id = s.get("id").asLong();
        }
        assertThat(server.http().get("/admin/api/services/" + id, Auth.admin()).json().at("/service/module").asText())
                .isEqualTo(SandboxModuleFactory.ID);
        JsonNode b = server.http().get("/api/service/" + id + "/bandwidth", Auth.demo()).json().get("bandwidth");
        // About 30 GB a day since the period began (about 20 days ago), against 1000 GB.
        assertThat(new BigDecimal(b.get("total").asText())).isBetween(new BigDecimal("300"), new BigDecimal("900"));
        assertThat(b.get("quota").asText()).isEqualTo("1000");
        assertThat(b.get("overage_price").asText()).isEqualTo("0.10");
        var month = TrafficFixtures.store(server).buckets(id, TrafficStore.DAY, now(server).minusDays(40), now(server));
        assertThat(month.size()).as("daily buckets over the month").isBetween(29, 31);
        assertThat(server.http().get("/api/service/" + id + "/bandwidth-graphs", Auth.demo()).status()).isEqualTo(200);
    }

    @Test
    void a_service_whose_module_has_no_traffic_counters_answers_422() {
        NewClient c = AccountFixtures.client(server);
        long id = TrafficFixtures.service(server, c.id(), "recording", Map.of());
        for (String path : List.of("/bandwidth", "/bandwidth-graphs")) {
            Res res = server.http().get("/api/service/" + id + path, c.auth());
            assertThat(res.status()).as(res.toString()).isEqualTo(422);
            assertThat(res.json().get("error").get(0).asText()).isEqualTo("This service has no traffic counters");
        }
        assertThat(server.http().get("/admin/api/services/" + id + "/bandwidth", Auth.admin()).status()).isEqualTo(422);
    }

    @Test
    void another_clients_service_is_not_found_and_a_contact_needs_the_services_basic_privilege() {
        NewClient owner = AccountFixtures.client(server);
        long id = TrafficFixtures.service(server, owner.id(), SandboxModuleFactory.ID, Map.of());
        NewClient other = AccountFixtures.client(server);
        for (String path : List.of("/bandwidth", "/bandwidth-graphs")) {
            assertThat(server.http().get("/api/service/" + id + path, other.auth()).status()).as(path).isEqualTo(404);
            assertThat(server.http().get("/api/service/" + id + path, Auth.NONE).status()).as(path).isEqualTo(401);
        }
        var none = AccountFixtures.contact(server, owner.auth(), Map.of("support", List.of("tickets")), true);
        var billingOnly = AccountFixtures.contact(server, owner.auth(), Map.of("services", Map.of(Long.toString(id), List.of("cancelation"))), true);
        var basic = AccountFixtures.contact(server, owner.auth(), Map.of("services", Map.of(Long.toString(id), List.of("basic"))), true);
        assertThat(server.http().get("/api/service/" + id + "/bandwidth", none.auth()).status()).isEqualTo(403);
        assertThat(server.http().get("/api/service/" + id + "/bandwidth", billingOnly.auth()).status()).isEqualTo(403);
        assertThat(server.http().get("/api/service/" + id + "/bandwidth", basic.auth()).status()).isEqualTo(200);
        assertThat(server.http().get("/api/service/" + id + "/bandwidth-graphs", basic.auth()).status()).isEqualTo(200);
    }

    @Test
    void staff_set_read_and_remove_a_products_bandwidth_terms_and_bad_figures_are_refused() {
        long business = TrafficFixtures.product(server, "Business Hosting");
        String path = "/admin/api/products/" + business + "/bandwidth";
        assertThat(server.http().get(path, Auth.admin()).json().at("/product_bandwidth/quota_gb").asText()).isEqualTo("0");
        var set = server.http().put(path, Auth.admin(), Body.form("quota_gb", "500.5", "overage_price", "0.0125"));
        assertThat(set.status()).as(set.toString()).isEqualTo(200);
        assertThat(set.json().at("/product_bandwidth/quota_gb").asText()).isEqualTo("500.5");
        assertThat(set.json().at("/product_bandwidth/overage_price").asText()).isEqualTo("0.0125");
        var listed = server.http().get("/admin/api/product-bandwidth", Auth.admin()).json().get("products");
        assertThat(listed.findValuesAsText("product_id")).contains(Long.toString(business));

        assertThat(server.http().put(path, Auth.admin(), Body.json(Map.of("quota_gb", "-1", "overage_price", "0.10"))).status()).isEqualTo(422);
        assertThat(server.http().put(path, Auth.admin(), Body.json(Map.of("quota_gb", "lots", "overage_price", "0.10"))).status()).isEqualTo(400);
        assertThat(server.http().put(path, Auth.admin(), Body.json(Map.of("quota_gb", "10"))).status()).isEqualTo(400);
        assertThat(server.http().put("/admin/api/products/999999/bandwidth", Auth.admin(),
                Body.json(Map.of("quota_gb", "10", "overage_price", "1"))).status()).isEqualTo(404);

        assertThat(server.http().delete(path, Auth.admin()).status()).isEqualTo(200);
        assertThat(server.http().delete(path, Auth.admin()).status()).isEqualTo(404);
        assertThat(server.http().get(path, Auth.admin()).json().at("/product_bandwidth/quota_gb").asText()).isEqualTo("0");
    }
}
