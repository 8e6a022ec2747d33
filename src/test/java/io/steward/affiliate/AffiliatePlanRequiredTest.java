package io.steward.affiliate;

import static io.steward.core.Json.obj;
import static org.assertj.core.api.Assertions.assertThat;

import io.steward.support.Http.Auth;
import io.steward.support.Http.Body;
import io.steward.support.Http.Res;
import io.steward.support.TestServer;
import java.util.Map;
import org.junit.jupiter.api.AfterAll;
import org.junit.jupiter.api.BeforeAll;
import org.junit.jupiter.api.Test;

/** An affiliate always has a commission plan: clearing it is refused, and a plan-less row left by older versions still works. */
class AffiliatePlanRequiredTest {
    static TestServer server;

    @BeforeAll
    static void start() {
        server = TestServer.start();
    }

    @AfterAll
    static void stop() {
        server.close();
    }

    private static Res put(long id, Body body) {
        return server.http().put("/admin/api/affiliates/" + id, Auth.admin(), body);
    }

    @Test
    void clearing_the_plan_with_an_array_an_empty_value_null_or_an_unknown_plan_is_refused_with_422_naming_plan_id() {
        long plan = AffiliateFixtures.plan(server, Map.of());
        var aff = AffiliateFixtures.affiliate(server, plan);
        for (Body bad : new Body[] {
                Body.raw("application/json", "{\"plan_id\": []}"),
                Body.raw("application/json", "{\"plan_id\": [1, 2]}"),
                Body.raw("application/json", "{\"plan_id\": {}}"),
                Body.raw("application/json", "{\"plan_id\": \"\"}"),
                Body.raw("application/json", "{\"plan_id\": \"  \"}"),
                Body.raw("application/json", "{\"plan_id\": null}"),
                Body.raw("application/json", "{\"plan_id\": true}"),
                Body.raw("application/json", "{\"plan_id\": 99999999}"),
                Body.form("plan_id", ""),
                Body.form("plan_id[]", "1"),
                Body.form("plan_id[a][b]", "1")}) {
            Res res = put(aff.id(), bad);
            assertThat(res.status()).as("%s -> %s", new String(bad.bytes()), res).isEqualTo(422);
            assertThat(res.json().at("/fields/plan_id").isArray()).as("%s", res).isTrue();
        }
        Res after = put(aff.id(), Body.json(Map.of("status", "Disabled")));
        assertThat(after.status()).as("%s", after).isEqualTo(200);
        assertThat(after.json().at("/affiliate/plan_id").asLong()).isEqualTo(plan);
    }

    @Test
    void a_new_affiliate_named_with_a_plan_that_is_no_plan_id_is_refused_with_422() {
        var c = io.steward.support.AccountFixtures.client(server);
        Res res = server.http().post("/admin/api/affiliates", Auth.admin(), Body.raw("application/json",
                "{\"client_id\": " + c.id() + ", \"plan_id\": []}"));
        assertThat(res.status()).as("%s", res).isEqualTo(422);
        assertThat(res.json().at("/fields/plan_id").isArray()).isTrue();
    }

    @Test
    void an_affiliate_left_without_a_plan_can_still_be_updated_and_earns_by_the_default_plan() {
        long product = AffiliateFixtures.product(server);
        var aff = AffiliateFixtures.affiliate(server, AffiliateFixtures.plan(server, Map.of()));
        // A row as older versions could leave it (the plan cleared through the API).
        server.steward().db().dsl().update(org.jooq.impl.DSL.table(org.jooq.impl.DSL.name("affiliate")))
                .set(org.jooq.impl.DSL.field(org.jooq.impl.DSL.name("plan_id"), Long.class), (Long) null)
                .where(org.jooq.impl.DSL.field(org.jooq.impl.DSL.name("id"), Long.class).eq(aff.id())).execute();

        Res status = put(aff.id(), Body.json(Map.of("status", "Active")));
        assertThat(status.status()).as("%s", status).isEqualTo(200);
        assertThat(server.http().get("/admin/api/affiliates/" + aff.id(), Auth.admin()).status()).isEqualTo(200);
        assertThat(server.http().get("/api/affiliates/summary", aff.client().auth()).status()).isEqualTo(200);

        var referred = io.steward.support.AccountFixtures.client(server);
        var order = AffiliateFixtures.order(server, referred, product, obj("aff_id", aff.id()));
        AffiliateFixtures.pay(server, order.get("invoice_id").asText(), "6.00");
        // The demo set's default plan pays 10% of the 6.00 subtotal.
        var commissions = AffiliateFixtures.commissions(server, aff.client().auth());
        assertThat(commissions).hasSize(1);
        assertThat(commissions.get(0).get("amount").asText()).isEqualTo("0.60");

        Res assigned = put(aff.id(), Body.json(Map.of("plan_id", AffiliateFixtures.plan(server, Map.of()))));
        assertThat(assigned.status()).as("%s", assigned).isEqualTo(200);
    }
}
