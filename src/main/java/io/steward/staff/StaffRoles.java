package io.steward.staff;

import static org.jooq.impl.DSL.field;
import static org.jooq.impl.DSL.name;
import static org.jooq.impl.DSL.table;

import io.steward.auth.StaffArea;
import io.steward.core.StewardException;
import io.steward.db.Db;
import java.util.ArrayList;
import java.util.Arrays;
import java.util.LinkedHashSet;
import java.util.List;
import java.util.Map;
import java.util.Set;
import org.jooq.Field;
import org.jooq.Record;
import org.jooq.Table;

/**
 * Staff roles: the four built in ({@code administrator}, {@code support}, {@code billing},
 * {@code technical}, seeded by the migration and kept as they are) and custom ones staff make.
 */
public final class StaffRoles {
    static final Table<Record> T = table(name("staff_role"));
    static final Field<Long> ID = field(name("staff_role", "id"), Long.class);
    static final Field<String> NAME = field(name("staff_role", "name"), String.class);
    static final Field<String> DESCRIPTION = field(name("staff_role", "description"), String.class);
    static final Field<String> PERMISSIONS = field(name("staff_role", "permissions"), String.class);
    static final Field<Boolean> BUILTIN = field(name("staff_role", "builtin"), Boolean.class);

    public static final String ADMINISTRATOR = "administrator";

    public record Role(long id, String name, String description, List<String> permissions, boolean builtin) {}

    private final Db db;

    StaffRoles(Db db) {
        this.db = db;
    }

    public List<Role> list() {
        return db.dsl().select(ID, NAME, DESCRIPTION, PERMISSIONS, BUILTIN).from(T).orderBy(ID).fetch(StaffRoles::role);
    }

    public Role get(long id) {
        var r = db.dsl().select(ID, NAME, DESCRIPTION, PERMISSIONS, BUILTIN).from(T).where(ID.eq(id)).fetchOne();
        if (r == null) throw StewardException.notFound("No such role");
        return role(r);
    }

    public Role byName(String roleName) {
        var r = db.dsl().select(ID, NAME, DESCRIPTION, PERMISSIONS, BUILTIN).from(T).where(NAME.eq(roleName)).fetchOne();
        if (r == null) throw StewardException.invalid(Map.of("role", List.of("No such role: " + roleName)));
        return role(r);
    }

    public Role create(String roleName, String description, List<String> permissions) {
        String clean = checkName(roleName);
        String grants = checkGrants(permissions);
        if (db.dsl().fetchExists(T, NAME.eq(clean))) throw StewardException.conflict("A role with this name exists");
        long id = db.dsl().insertInto(T).set(NAME, clean).set(DESCRIPTION, description == null ? "" : description.strip())
                .set(PERMISSIONS, grants).set(BUILTIN, false).returningResult(ID).fetchOne().value1();
        return get(id);
    }

    public Role update(long id, String roleName, String description, List<String> permissions) {
        Role role = editable(id);
        var update = db.dsl().update(T).set(DESCRIPTION, description == null ? role.description() : description.strip());
        if (roleName != null && !roleName.strip().equals(role.name())) {
            String clean = checkName(roleName);
            if (db.dsl().fetchExists(T, NAME.eq(clean))) throw StewardException.conflict("A role with this name exists");
            update = update.set(NAME, clean);
        }
        if (permissions != null) update = update.set(PERMISSIONS, checkGrants(permissions));
        update.where(ID.eq(id)).execute();
        return get(id);
    }

    public void delete(long id) {
        editable(id);
        if (db.dsl().fetchExists(StaffAccounts.T, StaffAccounts.ROLE_ID.eq(id))) {
            throw StewardException.conflict("Staff accounts still hold this role");
        }
        db.dsl().deleteFrom(T).where(ID.eq(id)).execute();
    }

    private Role editable(long id) {
        Role role = get(id);
        if (role.builtin()) throw StewardException.conflict("Built-in roles cannot be changed; make a custom role instead");
        return role;
    }

    private static String checkName(String roleName) {
        String clean = roleName == null ? "" : roleName.strip();
        if (!clean.matches("[a-z][a-z0-9_-]{1,39}")) {
            throw StewardException.invalid(Map.of("name", List.of("Role names are 2 to 40 lower-case letters, digits, '-' or '_', starting with a letter")));
        }
        return clean;
    }

    /** The grants as stored: known areas (optionally {@code :read}) or {@code *}, each once. */
    static String checkGrants(List<String> permissions) {
        if (permissions == null || permissions.isEmpty()) {
            throw StewardException.invalid(Map.of("permissions", List.of("A role needs at least one permission")));
        }
        var bad = new ArrayList<String>();
        Set<String> grants = new LinkedHashSet<>();
        for (String p : permissions) {
            String g = p == null ? "" : p.strip();
            if (StaffArea.validGrant(g)) grants.add(g);
            else bad.add("Unknown permission '" + g + "'; known: * and " + Arrays.stream(StaffArea.values()).map(StaffArea::key).toList()
                    + ", each optionally with :read");
        }
        if (!bad.isEmpty()) throw StewardException.invalid(Map.of("permissions", bad));
        return String.join(",", grants);
    }

    static List<String> grants(String stored) {
        return Arrays.stream(stored.split(",")).map(String::strip).filter(s -> !s.isEmpty()).toList();
    }

    private static Role role(Record r) {
        return new Role(r.get(ID), r.get(NAME), r.get(DESCRIPTION), grants(r.get(PERMISSIONS)), r.get(BUILTIN));
    }
}
