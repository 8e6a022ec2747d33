package io.steward.admin;

import static io.steward.core.Json.obj;
import static org.assertj.core.api.Assertions.assertThat;

import io.steward.support.AccountFixtures;
import io.steward.support.Http.Auth;
import io.steward.support.Http.Body;
import io.steward.support.Http.Res;
import io.steward.support.TestServer;
import java.util.ArrayList;
import java.util.List;
import java.util.concurrent.CountDownLatch;
import java.util.concurrent.Executors;
import java.util.concurrent.Future;
import org.junit.jupiter.api.AfterAll;
import org.junit.jupiter.api.BeforeAll;
import org.junit.jupiter.api.Test;

/** Staff creating clients at the same moment: a unique key lost to a concurrent request is a 409, never a 500. */
class ClientCreationRaceTest {
    static TestServer server;

    @BeforeAll
    static void start() {
        server = TestServer.start();
    }

    @AfterAll
    static void stop() {
        server.close();
    }

    @Test
    void eight_staff_creating_one_email_at_once_get_one_201_and_the_rest_409() throws Exception {
        for (int round = 0; round < 2; round++) {
            String email = AccountFixtures.uniqueEmail("race");
            var start = new CountDownLatch(1);
            List<Future<Res>> answers = new ArrayList<>();
            try (var pool = Executors.newFixedThreadPool(8)) {
                for (int i = 0; i < 8; i++) {
                    answers.add(pool.submit(() -> {
                        start.await();
                        return server.http().post("/admin/api/clients", Auth.admin(), Body.json(obj("email", email,
                                "password", "Race-pass-1", "firstname", "Ada", "lastname", "Race", "country", "US")));
                    }));
                }
                start.countDown();
            }
            List<Res> results = new ArrayList<>();
            for (var f : answers) results.add(f.get());
            assertThat(results).extracting(Res::status).as("%s", results).containsOnly(201, 409).containsOnlyOnce(201);
            for (Res r : results) {
                if (r.status() == 409) {
                    assertThat(r.json().get("error").asText()).isEqualTo("conflict");
                    assertThat(r.json().at("/messages/0").asText()).containsIgnoringCase("already in use").doesNotContain(email);
                }
            }
            var search = server.http().get("/admin/api/clients?q=" + email, Auth.admin()).json();
            assertThat(search.get("total").asInt()).isEqualTo(1);
        }
    }
}
