package io.steward.integration;

import static org.assertj.core.api.Assertions.assertThat;

import io.steward.support.Http.Auth;
import io.steward.support.TestServer;
import org.junit.jupiter.api.AfterAll;
import org.junit.jupiter.api.BeforeAll;
import org.junit.jupiter.api.Test;

/** The demo service is of a catalog product, and a product with services cannot be deleted. */
class DemoServiceProductTest {
    static TestServer server;

    @BeforeAll
    static void start() { server = TestServer.start(); }

    @AfterAll
    static void stop() { server.close(); }

    @Test
    void the_demo_hosting_service_belongs_to_the_demo_starter_hosting_product_which_then_cannot_be_deleted() {
        var services = server.http().get("/admin/api/services?client_id=1", Auth.admin()).json().get("services");
        assertThat(services).isNotEmpty();
        long productId = services.get(0).get("product_id").asLong();
        assertThat(productId).isPositive();
        assertThat(server.http().get("/admin/api/products/" + productId, Auth.admin()).json().at("/product/name").asText())
                .isEqualTo("Starter Hosting");

        var delete = server.http().delete("/admin/api/products/" + productId, Auth.admin());

        assertThat(delete.status()).as(delete.toString()).isEqualTo(409);
        assertThat(server.http().get("/admin/api/products/" + productId, Auth.admin()).status()).isEqualTo(200);
    }
}
