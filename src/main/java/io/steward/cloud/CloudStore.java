package io.steward.cloud;

import static org.jooq.impl.DSL.field;
import static org.jooq.impl.DSL.name;
import static org.jooq.impl.DSL.table;

import io.steward.db.Db;
import java.time.LocalDateTime;
import java.util.Arrays;
import java.util.List;
import java.util.Optional;
import org.jooq.Field;
import org.jooq.Record;
import org.jooq.Table;

/** The {@code cloud_vm} table. */
final class CloudStore {
    static final Table<Record> T = table(name("cloud_vm"));
    static final Field<Long> ID = field(name("id"), Long.class);
    static final Field<Long> SERVICE_ID = field(name("service_id"), Long.class);
    static final Field<Long> CLIENT_ID = field(name("client_id"), Long.class);
    static final Field<String> NAME = field(name("name"), String.class);
    static final Field<String> REF = field(name("ref"), String.class);
    static final Field<String> LABEL = field(name("label"), String.class);
    static final Field<String> TEMPLATE = field(name("template"), String.class);
    static final Field<String> FLAVOR = field(name("flavor"), String.class);
    static final Field<Integer> CORES = field(name("cores"), Integer.class);
    static final Field<Integer> MEMORY_MB = field(name("memory_mb"), Integer.class);
    static final Field<Integer> DISK_GB = field(name("disk_gb"), Integer.class);
    static final Field<String> ADDRESSES = field(name("addresses"), String.class);
    static final Field<String> SSH_KEY = field(name("ssh_key"), String.class);
    static final Field<String> PASSWORD_SEALED = field(name("password_sealed"), String.class);
    static final Field<String> STATUS = field(name("status"), String.class);
    static final Field<String> LAST_ERROR = field(name("last_error"), String.class);
    static final Field<LocalDateTime> CREATED_AT = field(name("created_at"), LocalDateTime.class);
    static final Field<LocalDateTime> UPDATED_AT = field(name("updated_at"), LocalDateTime.class);
    static final Field<LocalDateTime> DELETED_AT = field(name("deleted_at"), LocalDateTime.class);
    static final Field<Boolean> RESUME = field(name("resume_on_unsuspend"), Boolean.class);

    private static final List<Field<?>> ALL = List.of(ID, SERVICE_ID, CLIENT_ID, NAME, REF, LABEL, TEMPLATE, FLAVOR, CORES, MEMORY_MB, DISK_GB,
            ADDRESSES, SSH_KEY, PASSWORD_SEALED, STATUS, LAST_ERROR, CREATED_AT, UPDATED_AT, DELETED_AT);

    private final Db db;

    CloudStore(Db db) {
        this.db = db;
    }

    /** A new VM row; the caller has chosen its unique name. */
    long insert(long serviceId, long clientId, String name, String label, String template, String flavor, int cores, int memoryMb,
                int diskGb, List<String> addresses, String sshKey, String passwordSealed, LocalDateTime now) {
        return db.dsl().insertInto(T).set(SERVICE_ID, serviceId).set(CLIENT_ID, clientId).set(NAME, name).set(LABEL, label)
                .set(TEMPLATE, template).set(FLAVOR, flavor).set(CORES, cores).set(MEMORY_MB, memoryMb).set(DISK_GB, diskGb)
                .set(ADDRESSES, String.join(",", addresses)).set(SSH_KEY, sshKey).set(PASSWORD_SEALED, passwordSealed)
                .set(STATUS, CloudVm.CREATING).set(CREATED_AT, now).set(UPDATED_AT, now).returningResult(ID).fetchOne().value1();
    }

    Optional<CloudVm> byId(long id) {
        return db.dsl().select(ALL).from(T).where(ID.eq(id)).fetchOptional(CloudStore::vm);
    }

    /** The VM row, locked until the caller's transaction ends (one action at a time per VM). */
    Optional<CloudVm> forUpdate(long id) {
        return db.dsl().select(ALL).from(T).where(ID.eq(id)).forUpdate().fetchOptional(CloudStore::vm);
    }

    /** The service's VMs that are not deleted, oldest first. */
    List<CloudVm> ofService(long serviceId) {
        return db.dsl().select(ALL).from(T).where(SERVICE_ID.eq(serviceId)).and(STATUS.ne(CloudVm.DELETED)).orderBy(ID.asc()).fetch(CloudStore::vm);
    }

    /** Sets the status (and clears or sets the error) of a VM. */
    void status(long id, String status, String error, LocalDateTime now) {
        var q = db.dsl().update(T).set(STATUS, status).set(LAST_ERROR, error).set(UPDATED_AT, now);
        if (CloudVm.DELETED.equals(status)) q = q.set(DELETED_AT, now);
        q.where(ID.eq(id)).execute();
    }

    /** Records what an action changed: the driver's ref, the template and the limits. */
    void applied(long id, String ref, String template, String flavor, int cores, int memoryMb, int diskGb, LocalDateTime now) {
        db.dsl().update(T).set(REF, ref).set(TEMPLATE, template).set(FLAVOR, flavor).set(CORES, cores).set(MEMORY_MB, memoryMb)
                .set(DISK_GB, diskGb).set(UPDATED_AT, now).where(ID.eq(id)).execute();
    }

    /** Marks (or clears) a VM stopped by its service's suspension, to be started again on unsuspension. */
    void resumeOnUnsuspend(long id, boolean resume) {
        db.dsl().update(T).set(RESUME, resume).where(ID.eq(id)).execute();
    }

    /** The service's VMs its suspension stopped. */
    List<Long> stoppedBySuspension(long serviceId) {
        return db.dsl().select(ID).from(T).where(SERVICE_ID.eq(serviceId)).and(RESUME.isTrue()).orderBy(ID.asc()).fetch(ID);
    }

    void password(long id, String sealed) {
        db.dsl().update(T).set(PASSWORD_SEALED, sealed).where(ID.eq(id)).execute();
    }

    private static CloudVm vm(Record r) {
        String a = r.get(ADDRESSES);
        return new CloudVm(r.get(ID), r.get(SERVICE_ID), r.get(CLIENT_ID), r.get(NAME), r.get(REF), r.get(LABEL), r.get(TEMPLATE),
                r.get(FLAVOR), r.get(CORES), r.get(MEMORY_MB), r.get(DISK_GB), a == null || a.isEmpty() ? List.of() : Arrays.asList(a.split(",")),
                r.get(SSH_KEY), r.get(PASSWORD_SEALED), r.get(STATUS), r.get(LAST_ERROR), r.get(CREATED_AT), r.get(UPDATED_AT), r.get(DELETED_AT));
    }
}
