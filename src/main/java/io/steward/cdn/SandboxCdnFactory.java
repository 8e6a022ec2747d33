package io.steward.cdn;

import static org.jooq.impl.DSL.field;
import static org.jooq.impl.DSL.name;
import static org.jooq.impl.DSL.table;

import io.steward.core.Times;
import io.steward.db.Db;
import io.steward.modules.Check;
import io.steward.modules.ModuleContext;
import io.steward.modules.ModuleFactory;
import io.steward.modules.ModuleKind;
import io.steward.modules.ModuleSettings;
import io.steward.modules.SettingField;
import io.steward.modules.SettingsSchema;
import java.time.Clock;
import java.time.LocalDateTime;
import java.util.List;
import org.jooq.Field;
import org.jooq.Record;
import org.jooq.Table;

/**
 * The {@code sandbox-cdn} module: a simulated CDN edge, labelled as such, that keeps the resources
 * it serves ({@code sandbox_cdn_resource}) and a log of its purges ({@code sandbox_cdn_purge}) per
 * edge name, and touches nothing outside Steward. Applying a set replaces the edge's resources;
 * a purge of a resource the edge does not serve fails, as a real edge's would.
 */
public final class SandboxCdnFactory implements ModuleFactory<CdnModule> {
    public static final String ID = "sandbox-cdn";
    static final Table<Record> RES = table(name("sandbox_cdn_resource"));
    static final Table<Record> LOG = table(name("sandbox_cdn_purge"));
    static final Field<String> EDGE = field(name("instance_key"), String.class);
    static final Field<String> NAME = field(name("name"), String.class);
    static final Field<String> ORIGIN = field(name("origin"), String.class);
    static final Field<LocalDateTime> UPDATED = field(name("updated_at"), LocalDateTime.class);
    static final Field<LocalDateTime> PURGED = field(name("purged_at"), LocalDateTime.class);

    private Db db;
    private Clock clock;

    @Override public String id() { return ID; }

    @Override public ModuleKind kind() { return ModuleKind.CDN; }

    @Override public String label() { return "Sandbox: a simulated CDN edge (keeps its resources and a purge log)"; }

    @Override public boolean sandbox() { return true; }

    @Override
    public SettingsSchema schema() {
        return SettingsSchema.of(SettingField.string("edge", false, "sandbox", "Name of the simulated edge (instances with the same name share it)"),
                SettingField.integer("nodes", false, 2, "Simulated edge nodes a purge reaches"));
    }

    @Override
    public void init(ModuleContext context) {
        this.db = context.db();
        this.clock = context.clock();
    }

    @Override
    public CdnModule create(ModuleSettings settings) {
        String edge = settings.string("edge");
        int nodes = (int) Math.max(1, Math.min(100, settings.integer("nodes", 2)));
        return new Edge(edge.isBlank() ? "sandbox" : edge, nodes);
    }

    /** The resources the edge {@code edge} serves, name to origin (for tests and staff). */
    public static java.util.Map<String, String> served(Db db, String edge) {
        var out = new java.util.TreeMap<String, String>();
        db.dsl().select(NAME, ORIGIN).from(RES).where(EDGE.eq(edge)).fetch().forEach(r -> out.put(r.get(NAME), r.get(ORIGIN)));
        return out;
    }

    /** How many purges of {@code name} the edge has logged. */
    public static int purges(Db db, String edge, String name) {
        return db.dsl().fetchCount(LOG, EDGE.eq(edge).and(NAME.eq(name)));
    }

    private final class Edge implements CdnModule {
        private final String edge;
        private final int nodes;

        Edge(String edge, int nodes) {
            this.edge = edge;
            this.nodes = nodes;
        }

        @Override
        public Check testConnection() {
            return Check.ok("Sandbox edge '" + edge + "' serves " + served(db, edge).size() + " resource(s)");
        }

        @Override
        public void apply(List<Resource> resources) {
            db.txRun(() -> {
                LocalDateTime now = Times.now(clock);
                db.dsl().deleteFrom(RES).where(EDGE.eq(edge)).execute();
                for (Resource r : resources) {
                    db.dsl().insertInto(RES).set(EDGE, edge).set(NAME, r.name()).set(ORIGIN, r.origin()).set(UPDATED, now).execute();
                }
            });
        }

        @Override
        public Purge purge(Resource resource) {
            if (!served(db, edge).containsKey(resource.name())) {
                return new Purge(nodes, List.of("the sandbox edge '" + edge + "' does not serve " + resource.name()));
            }
            db.txRun(() -> db.dsl().insertInto(LOG).set(EDGE, edge).set(NAME, resource.name()).set(PURGED, Times.now(clock)).execute());
            return new Purge(nodes, List.of());
        }
    }
}
