package io.steward.dns;

import static io.steward.core.Json.obj;
import static org.assertj.core.api.Assertions.assertThat;

import io.steward.support.AccountFixtures;
import io.steward.support.Http.Auth;
import io.steward.support.Http.Body;
import io.steward.support.Http.Res;
import io.steward.support.TestServer;
import java.util.UUID;
import org.junit.jupiter.api.AfterAll;
import org.junit.jupiter.api.BeforeAll;
import org.junit.jupiter.api.Test;
import org.xbill.DNS.ARecord;
import org.xbill.DNS.Section;
import org.xbill.DNS.Type;

/** Staff count a zone moved to a client against one of its DNS hosting services, so the client manages it there. */
class DnsZoneAttachmentTest {
    static TestServer server;

    @BeforeAll
    static void start() {
        server = TestServer.start();
    }

    @AfterAll
    static void stop() {
        server.close();
    }

    private static String unique() {
        return "moved-" + UUID.randomUUID().toString().substring(0, 8) + ".org";
    }

    /** A zone of another client, moved to {@code to} by staff giving it the name: it belongs to no service of {@code to}. */
    private static long movedZone(AccountFixtures.NewClient to, String name) {
        var before = AccountFixtures.client(server);
        long service = DnsFixtures.dnsService(server, before.id(), 5);
        long zoneId = DnsFixtures.zone(server, before.auth(), service, name);
        DnsFixtures.claim(server, to.id(), name);
        var zone = server.http().get("/admin/api/dns/zones/" + zoneId, Auth.admin()).json().get("zone");
        assertThat(zone.get("client_id").asLong()).isEqualTo(to.id());
        assertThat(zone.get("service_id").isNull()).as("moved zones are detached").isTrue();
        return zoneId;
    }

    private static Res attach(long zoneId, Object serviceId) {
        return server.http().put("/admin/api/dns/zones/" + zoneId, Auth.admin(), Body.json(obj("service_id", serviceId)));
    }

    @Test
    void a_moved_zone_attached_by_staff_is_managed_by_its_new_owner_through_the_service() {
        var owner = AccountFixtures.client(server);
        long service = DnsFixtures.dnsService(server, owner.id(), 5);
        String name = unique();
        long zoneId = movedZone(owner, name);
        assertThat(server.http().get("/api/service/" + service + "/dns/" + zoneId, owner.auth()).status()).isEqualTo(404);

        Res res = attach(zoneId, service);
        assertThat(res.status()).as("%s", res).isEqualTo(200);
        assertThat(res.json().at("/zone/service_id").asLong()).isEqualTo(service);
        assertThat(attach(zoneId, String.valueOf(service)).status()).as("attaching again changes nothing").isEqualTo(200);

        assertThat(server.http().get("/api/service/" + service + "/dns/" + zoneId, owner.auth()).status()).isEqualTo(200);
        DnsFixtures.added(server, owner.auth(), service, zoneId, obj("name", "www", "type", "A", "content", "192.0.2.77"));
        server.steward().dns().pollChanges();
        var answer = DnsFixtures.query(server, "www." + name, Type.A, false).getSection(Section.ANSWER);
        assertThat(((ARecord) answer.get(0)).getAddress().getHostAddress()).isEqualTo("192.0.2.77");
    }

    @Test
    void a_service_of_another_client_or_not_for_dns_is_refused_naming_service_id() {
        var owner = AccountFixtures.client(server);
        long zoneId = movedZone(owner, unique());
        var other = AccountFixtures.client(server);
        long othersService = DnsFixtures.dnsService(server, other.id(), 5);
        long demoHosting = server.http().get("/admin/api/services?client_id=1", Auth.admin()).json().at("/services/0/id").asLong();
        for (Object id : new Object[] {othersService, demoHosting, 999999}) {
            Res res = attach(zoneId, id);
            assertThat(res.status()).as("%s: %s", id, res).isEqualTo(422);
            assertThat(res.json().at("/fields/service_id").isArray()).as("%s", res).isTrue();
        }
        Res missing = server.http().put("/admin/api/dns/zones/" + zoneId, Auth.admin(), Body.json(obj()));
        assertThat(missing.status()).as("%s", missing).isEqualTo(422);
        assertThat(attach(987654321L, othersService).status()).isEqualTo(404);
    }

    @Test
    void a_full_zone_quota_is_refused() {
        var owner = AccountFixtures.client(server);
        long service = DnsFixtures.dnsService(server, owner.id(), 1);
        DnsFixtures.zone(server, owner.auth(), service, unique());
        long zoneId = movedZone(owner, unique());
        Res res = attach(zoneId, service);
        assertThat(res.status()).as("%s", res).isEqualTo(422);
        assertThat(res.text()).contains("allows 1 zone");
        assertThat(server.http().get("/admin/api/dns/zones/" + zoneId, Auth.admin()).json().at("/zone/service_id").isNull()).isTrue();
    }
}
