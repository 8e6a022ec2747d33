package io.steward.dns;

import static io.steward.core.Json.obj;
import static io.steward.dns.DnsFixtures.added;
import static io.steward.dns.DnsFixtures.dnsService;
import static io.steward.dns.DnsFixtures.zone;
import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;

import io.steward.core.ErrorCode;
import io.steward.core.StewardException;
import io.steward.db.Db;
import io.steward.support.AccountFixtures;
import io.steward.support.TestServer;
import java.time.LocalDateTime;
import java.util.List;
import java.util.Set;
import org.junit.jupiter.api.AfterAll;
import org.junit.jupiter.api.BeforeAll;
import org.junit.jupiter.api.Test;

/**
 * The hand-written statements of a record change ({@link DnsWrites}), on whichever database the
 * suite runs: the lock reads what the change's checks need, the writes move the serial, the count,
 * the journal and the change log together, and a value its column cannot hold is refused with 422
 * before anything is written.
 */
class DnsWritesTest {
    static TestServer server;
    static AccountFixtures.NewClient client;
    static Db db;
    static DnsStore store;
    static DnsWrites writes;
    static DnsJournal journal;

    @BeforeAll
    static void start() {
        server = TestServer.start();
        client = AccountFixtures.client(server);
        db = server.steward().db();
        store = new DnsStore(db);
        writes = new DnsWrites(db, store);
        journal = new DnsJournal(db);
    }

    @AfterAll
    static void stop() {
        server.close();
    }

    private record Setup(long zoneId, long recordId) {}

    private static Setup zoneWithRecord(String zoneName) {
        long serviceId = dnsService(server, client.id(), 1);
        long zoneId = zone(server, client.auth(), serviceId, zoneName);
        long recordId = added(server, client.auth(), serviceId, zoneId, obj("name", "www", "type", "A", "content", "192.0.2.1")).get("id").asLong();
        return new Setup(zoneId, recordId);
    }

    @Test
    void the_lock_reads_the_zone_the_record_and_the_records_at_the_name() {
        Setup s = zoneWithRecord("writes-lock.example");
        DnsWrites.Locked held = db.tx(() -> writes.lock(s.zoneId(), s.recordId(), "www.writes-lock.example")).orElseThrow();
        assertThat(held.zone().id()).isEqualTo(s.zoneId());
        assertThat(held.zone().name()).isEqualTo("writes-lock.example");
        assertThat(held.zone().serial()).isEqualTo(store.zone(s.zoneId()).orElseThrow().serial());
        assertThat(held.recordCount()).isEqualTo(store.records(s.zoneId()).size());
        assertThat(held.record()).contains(store.record(s.zoneId(), s.recordId()).orElseThrow());
        assertThat(held.atName()).extracting(DnsRecord::id).containsExactly(s.recordId());

        assertThat(db.tx(() -> writes.lock(-1, 0, null))).isEmpty();
        DnsWrites.Locked noRecord = db.tx(() -> writes.lock(s.zoneId(), -1, "nothing.writes-lock.example")).orElseThrow();
        assertThat(noRecord.record()).isEmpty();
        assertThat(noRecord.atName()).isEmpty();
    }

    @Test
    void an_edit_writes_the_record_serial_journal_step_and_change_log_together() {
        Setup s = zoneWithRecord("writes-edit.example");
        Zone before = store.zone(s.zoneId()).orElseThrow();
        int count = store.recordCount(s.zoneId());
        long lastChange = store.lastChangeId();
        DnsRecord old = store.record(s.zoneId(), s.recordId()).orElseThrow();
        var to = new DnsRecord(0, s.zoneId(), "mail.writes-edit.example", "A", 600, 0, "192.0.2.9");
        long serial = before.serial() + 1;

        List<Long> ids = db.tx(() -> writes.changed(before, serial, Set.of(old.name(), to.name()), LocalDateTime.now(), false,
                new DnsWrites.RecordWrite.Update(s.recordId(), to), List.of(old), List.of(to)));

        assertThat(ids).hasSize(2).allSatisfy(id -> assertThat(id).isGreaterThan(lastChange));
        assertThat(store.changesSince(lastChange, Long.MAX_VALUE)).extracting(DnsStore.Change::name)
                .containsExactlyInAnyOrder("www.writes-edit.example", "mail.writes-edit.example");
        assertThat(store.zone(s.zoneId()).orElseThrow().serial()).isEqualTo(serial);
        assertThat(store.recordCount(s.zoneId())).isEqualTo(count);
        assertThat(store.record(s.zoneId(), s.recordId()).orElseThrow())
                .isEqualTo(new DnsRecord(s.recordId(), s.zoneId(), "mail.writes-edit.example", "A", 600, 0, "192.0.2.9"));
        var steps = journal.steps(s.zoneId(), before.serial(), serial, 100);
        assertThat(steps).hasSize(1);
        assertThat(steps.get(0).removed()).extracting(DnsRecord::content).containsExactly("192.0.2.1");
        assertThat(steps.get(0).added()).extracting(DnsRecord::name).containsExactly("mail.writes-edit.example");

        // A delete moves the count down by one, in the same round of writes.
        Zone now = store.zone(s.zoneId()).orElseThrow();
        DnsRecord current = store.record(s.zoneId(), s.recordId()).orElseThrow();
        db.tx(() -> writes.changed(now, now.serial() + 1, Set.of(current.name()), LocalDateTime.now(), false,
                new DnsWrites.RecordWrite.Delete(s.recordId()), List.of(current), List.of()));
        assertThat(store.record(s.zoneId(), s.recordId())).isEmpty();
        assertThat(store.recordCount(s.zoneId())).isEqualTo(count - 1);
        assertThat(journal.steps(s.zoneId(), before.serial(), now.serial() + 1, 100)).hasSize(2);
    }

    @Test
    void a_value_its_column_cannot_hold_is_a_422_before_anything_is_written() {
        Setup s = zoneWithRecord("writes-limits.example");
        Zone before = store.zone(s.zoneId()).orElseThrow();
        long lastChange = store.lastChangeId();
        DnsRecord old = store.record(s.zoneId(), s.recordId()).orElseThrow();

        for (var bad : List.of(new DnsRecord(0, s.zoneId(), old.name(), "TXT", 300, 0, "x".repeat(4001)),
                new DnsRecord(0, s.zoneId(), old.name(), "TXT", 300, 0, "nul \0 inside"),
                new DnsRecord(0, s.zoneId(), old.name(), "LONGERTYPE1", 300, 0, "x"))) {
            assertThatThrownBy(() -> db.tx(() -> writes.changed(before, before.serial() + 1, Set.of(old.name()), LocalDateTime.now(), false,
                    new DnsWrites.RecordWrite.Update(s.recordId(), bad), List.of(old), List.of(bad))))
                    .isInstanceOfSatisfying(StewardException.class, e -> {
                        assertThat(e.code()).isEqualTo(ErrorCode.UNPROCESSABLE);
                        assertThat(e.fields()).containsOnlyKeys(bad.type().length() > 10 ? "type" : "content");
                    });
        }
        assertThat(store.record(s.zoneId(), s.recordId())).contains(old);
        assertThat(store.zone(s.zoneId()).orElseThrow().serial()).isEqualTo(before.serial());
        assertThat(store.changesSince(lastChange, Long.MAX_VALUE)).isEmpty();
        assertThat(journal.steps(s.zoneId(), before.serial(), before.serial() + 1, 100)).isEmpty();
    }
}
