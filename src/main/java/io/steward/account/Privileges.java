package io.steward.account;

import java.util.LinkedHashMap;
import java.util.LinkedHashSet;
import java.util.List;
import java.util.Map;
import java.util.Set;
import java.util.TreeMap;

/**
 * What a contact may do, in the references' model: named privileges in the groups billing,
 * support and misc, and for services and domains either {@code full} control or per-object lists.
 * The account holder has {@link #ALL}.
 */
public record Privileges(Map<String, Set<String>> groups, Grants services, Grants domains) {

    /** Object-level grants: everything, or named privileges per object id. */
    public record Grants(boolean full, Map<Long, Set<String>> perObject) {
        public static final Grants NONE = new Grants(false, Map.of());
        public static final Grants FULL = new Grants(true, Map.of());

        public boolean allows(long id, String privilege) {
            if (full) return true;
            Set<String> p = perObject.get(id);
            return p != null && p.contains(privilege);
        }

        /** Ids with any grant at all (to filter lists a contact may see). */
        public Set<Long> ids() { return perObject.keySet(); }
    }

    public static final Privileges NONE = new Privileges(Map.of(), Grants.NONE, Grants.NONE);
    public static final Privileges ALL = new Privileges(null, Grants.FULL, Grants.FULL);

    public boolean isAll() { return groups == null; }

    public boolean allows(String group, String privilege) {
        if (groups == null) return true;
        Set<String> g = groups.get(group);
        return g != null && g.contains(privilege);
    }

    /** The JSON shape of {@code GET /contact/@id}'s {@code privileges}: only what is granted. */
    public Map<String, Object> toJson() {
        var out = new LinkedHashMap<String, Object>();
        if (groups != null) {
            for (String g : PrivilegeCatalog.GROUPS.keySet()) {
                Set<String> p = groups.get(g);
                if (p != null && !p.isEmpty()) out.put(g, List.copyOf(p));
            }
        }
        grantsJson("services", services, out);
        grantsJson("domains", domains, out);
        return out;
    }

    private static void grantsJson(String name, Grants g, Map<String, Object> out) {
        if (g.full()) {
            out.put(name, Map.of("full", 1));
        } else if (!g.perObject().isEmpty()) {
            var m = new TreeMap<String, Object>();
            g.perObject().forEach((id, p) -> m.put(Long.toString(id), List.copyOf(p)));
            out.put(name, m);
        }
    }

    static Set<String> ordered(List<String> values) {
        return java.util.Collections.unmodifiableSet(new LinkedHashSet<>(values));
    }
}
