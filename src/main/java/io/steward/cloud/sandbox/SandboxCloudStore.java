package io.steward.cloud.sandbox;

import static org.jooq.impl.DSL.field;
import static org.jooq.impl.DSL.name;
import static org.jooq.impl.DSL.table;

import io.steward.db.Db;
import java.time.LocalDateTime;
import java.util.List;
import java.util.Optional;
import org.jooq.Field;
import org.jooq.Record;
import org.jooq.Table;

/** The sandbox cloud's tables: {@code sandbox_cloud_vm} (its instances) and {@code sandbox_cloud_task} (actions in progress). */
final class SandboxCloudStore {
    static final Table<Record> VM = table(name("sandbox_cloud_vm"));
    static final Field<String> NAME = field(name("name"), String.class);
    static final Field<Long> SERVICE_ID = field(name("service_id"), Long.class);
    static final Field<String> TEMPLATE = field(name("template"), String.class);
    static final Field<String> POWER = field(name("power"), String.class);
    static final Field<Integer> CORES = field(name("cores"), Integer.class);
    static final Field<Integer> MEMORY_MB = field(name("memory_mb"), Integer.class);
    static final Field<Integer> DISK_GB = field(name("disk_gb"), Integer.class);
    static final Field<String> ADDRESSES = field(name("addresses"), String.class);
    static final Field<LocalDateTime> BOOTED_AT = field(name("booted_at"), LocalDateTime.class);
    static final Field<LocalDateTime> CREATED_AT = field(name("created_at"), LocalDateTime.class);

    static final Table<Record> TASK = table(name("sandbox_cloud_task"));
    static final Field<String> ID = field(name("id"), String.class);
    static final Field<String> VM_NAME = field(name("vm_name"), String.class);
    static final Field<String> ACTION = field(name("action"), String.class);
    static final Field<String> EFFECT = field(name("effect"), String.class);
    static final Field<String> STATE = field(name("state"), String.class);
    static final Field<String> ERROR = field(name("error"), String.class);
    static final Field<LocalDateTime> FINISHES_AT = field(name("finishes_at"), LocalDateTime.class);

    record Instance(String name, long serviceId, String template, String power, int cores, int memoryMb, int diskGb, String addresses,
                    LocalDateTime bootedAt) {}

    record Task(String id, String vmName, String action, String effect, String state, String error, LocalDateTime finishesAt) {}

    private static final List<Field<?>> VM_ALL = List.of(NAME, SERVICE_ID, TEMPLATE, POWER, CORES, MEMORY_MB, DISK_GB, ADDRESSES, BOOTED_AT);
    private static final List<Field<?>> TASK_ALL = List.of(ID, VM_NAME, ACTION, EFFECT, STATE, ERROR, FINISHES_AT);

    private final Db db;

    SandboxCloudStore(Db db) {
        this.db = db;
    }

    Db db() { return db; }

    Optional<Instance> instance(String name) {
        return db.dsl().select(VM_ALL).from(VM).where(NAME.eq(name)).fetchOptional(SandboxCloudStore::instance);
    }

    List<Instance> ofService(long serviceId) {
        return db.dsl().select(VM_ALL).from(VM).where(SERVICE_ID.eq(serviceId)).orderBy(NAME).fetch(SandboxCloudStore::instance);
    }

    /** False when an instance of that name exists already. */
    boolean insert(Instance i, LocalDateTime now) {
        return db.dsl().insertInto(VM).set(NAME, i.name()).set(SERVICE_ID, i.serviceId()).set(TEMPLATE, i.template()).set(POWER, i.power())
                .set(CORES, i.cores()).set(MEMORY_MB, i.memoryMb()).set(DISK_GB, i.diskGb()).set(ADDRESSES, i.addresses())
                .set(BOOTED_AT, i.bootedAt()).set(CREATED_AT, now).onConflict(field(name("sandbox_cloud_vm", "name"))).doNothing().execute() == 1;
    }

    void update(Instance i) {
        db.dsl().update(VM).set(TEMPLATE, i.template()).set(POWER, i.power()).set(CORES, i.cores()).set(MEMORY_MB, i.memoryMb())
                .set(DISK_GB, i.diskGb()).set(BOOTED_AT, i.bootedAt()).where(NAME.eq(i.name())).execute();
    }

    void delete(String name) {
        db.dsl().deleteFrom(VM).where(NAME.eq(name)).execute();
    }

    void insertTask(Task t, LocalDateTime now) {
        db.dsl().insertInto(TASK).set(ID, t.id()).set(VM_NAME, t.vmName()).set(ACTION, t.action()).set(EFFECT, t.effect()).set(STATE, t.state())
                .set(FINISHES_AT, t.finishesAt()).set(org.jooq.impl.DSL.field(name("created_at"), LocalDateTime.class), now).execute();
    }

    Optional<Task> task(String id) {
        return db.dsl().select(TASK_ALL).from(TASK).where(ID.eq(id)).fetchOptional(SandboxCloudStore::task);
    }

    Optional<Task> taskForUpdate(String id) {
        return db.dsl().select(TASK_ALL).from(TASK).where(ID.eq(id)).forUpdate().fetchOptional(SandboxCloudStore::task);
    }

    /** The VM's task still running, if any. */
    Optional<Task> running(String vmName) {
        return db.dsl().select(TASK_ALL).from(TASK).where(VM_NAME.eq(vmName)).and(STATE.eq("running")).limit(1).fetchOptional(SandboxCloudStore::task);
    }

    void finish(String id, String state, String error) {
        db.dsl().update(TASK).set(STATE, state).set(ERROR, error).where(ID.eq(id)).execute();
    }

    private static Instance instance(Record r) {
        return new Instance(r.get(NAME), r.get(SERVICE_ID), r.get(TEMPLATE), r.get(POWER), r.get(CORES), r.get(MEMORY_MB), r.get(DISK_GB),
                r.get(ADDRESSES), r.get(BOOTED_AT));
    }

    private static Task task(Record r) {
        return new Task(r.get(ID), r.get(VM_NAME), r.get(ACTION), r.get(EFFECT), r.get(STATE), r.get(ERROR), r.get(FINISHES_AT));
    }
}
