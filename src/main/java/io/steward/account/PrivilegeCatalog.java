package io.steward.account;

import com.fasterxml.jackson.databind.JsonNode;
import io.steward.core.Ids;
import io.steward.core.Validation;
import java.util.ArrayList;
import java.util.HashMap;
import java.util.LinkedHashMap;
import java.util.LinkedHashSet;
import java.util.List;
import java.util.Map;
import java.util.Set;
import java.util.TreeMap;

/**
 * The privileges a contact can be given, and the one parser for a requested set (JSON or PHP-style
 * form notation both arrive as the same tree). Services and domains are object scopes: features
 * that own such objects register an {@link ObjectScope} so per-object grants can name them.
 */
public final class PrivilegeCatalog {
    /** Group privileges in the references' order. */
    public static final Map<String, List<String>> GROUPS = new LinkedHashMap<>();

    static {
        GROUPS.put("billing", List.of("emails", "payinvoice", "orders", "balance", "addfunds", "creditcard"));
        GROUPS.put("support", List.of("newticket", "tickets", "closeticket", "emails"));
        GROUPS.put("misc", List.of("editmain", "emails", "editipaccess", "manageprofiles", "affiliates"));
    }

    public static final List<String> SERVICE_PRIVILEGES = List.of("basic", "billing", "cancelation", "upgrade", "notify", "logindetails");
    public static final List<String> DOMAIN_PRIVILEGES = List.of("basic", "renew", "notify", "contactinfo", "nameservers",
            "dns", "epp", "reglock", "autorenew", "idprotection", "dnssec", "emforwarding", "forwarding");

    /**
     * A kind of object a contact can be granted per-object privileges on. Implemented by the
     * feature that owns those objects (services, domains); absent kinds own nothing.
     */
    public interface ObjectScope {
        /** Ids of the client's objects of this kind. */
        Set<Long> ownedIds(long clientId);
    }

    private final Map<String, ObjectScope> scopes = new HashMap<>();

    public void register(String kind, ObjectScope scope) {
        if (!kind.equals("services") && !kind.equals("domains")) throw new IllegalArgumentException("unknown scope " + kind);
        scopes.put(kind, scope);
    }

    private Set<Long> owned(String kind, long clientId) {
        ObjectScope s = scopes.get(kind);
        return s == null ? Set.of() : s.ownedIds(clientId);
    }

    /** The shape of {@code GET /contact/privileges} for this client. */
    public Map<String, Object> describe(long clientId) {
        var out = new LinkedHashMap<String, Object>(GROUPS);
        out.put("services", objects(SERVICE_PRIVILEGES, owned("services", clientId)));
        out.put("domains", objects(DOMAIN_PRIVILEGES, owned("domains", clientId)));
        return out;
    }

    private static Map<String, Object> objects(List<String> privileges, Set<Long> ids) {
        var m = new LinkedHashMap<String, Object>();
        m.put("full", 1);
        new TreeMap<Long, Object>(ids.stream().collect(java.util.stream.Collectors.toMap(i -> i, i -> privileges)))
                .forEach((id, p) -> m.put(Long.toString(id), p));
        return m;
    }

    /** Parses a requested privilege set; unknown names and objects not the client's are field errors. */
    public Privileges parse(JsonNode node, long clientId, Validation v) {
        return parse(node, clientId, v, true);
    }

    /** Reads a stored set back; it was validated when written, and objects since gone simply grant nothing. */
    public static Privileges stored(JsonNode node) {
        return new PrivilegeCatalog().parse(node, 0, new Validation(), false);
    }

    private Privileges parse(JsonNode node, long clientId, Validation v, boolean checkOwnership) {
        if (node == null || node.isNull() || (node.isTextual() && node.asText().isEmpty())) return Privileges.NONE;
        if (!node.isObject()) {
            v.add("privileges", "privileges must be an object like the output of GET /contact/privileges");
            return Privileges.NONE;
        }
        var groups = new LinkedHashMap<String, Set<String>>();
        Privileges.Grants services = Privileges.Grants.NONE, domains = Privileges.Grants.NONE;
        for (var it = node.fields(); it.hasNext(); ) {
            var e = it.next();
            String group = e.getKey();
            if (GROUPS.containsKey(group)) {
                var granted = new LinkedHashSet<String>();
                for (String p : values(e.getValue())) {
                    if (GROUPS.get(group).contains(p)) granted.add(p);
                    else v.add("privileges", "Unknown privilege " + group + "/" + p);
                }
                groups.put(group, granted);
            } else if (group.equals("services")) {
                services = grants(e.getValue(), "services", SERVICE_PRIVILEGES, clientId, v, checkOwnership);
            } else if (group.equals("domains")) {
                domains = grants(e.getValue(), "domains", DOMAIN_PRIVILEGES, clientId, v, checkOwnership);
            } else {
                v.add("privileges", "Unknown privilege group " + group);
            }
        }
        return new Privileges(groups, services, domains);
    }

    private Privileges.Grants grants(JsonNode node, String kind, List<String> allowed, long clientId, Validation v,
                                     boolean checkOwnership) {
        if (!node.isObject()) {
            v.add("privileges", kind + " must be an object: {\"full\": 1} or {\"<id>\": [privileges]}");
            return Privileges.Grants.NONE;
        }
        JsonNode full = node.get("full");
        if (full != null && (full.asInt(0) == 1 || full.asText().equals("1") || full.asBoolean(false))) return Privileges.Grants.FULL;
        Set<Long> owned = null;
        var per = new LinkedHashMap<Long, Set<String>>();
        for (var it = node.fields(); it.hasNext(); ) {
            var e = it.next();
            if (e.getKey().equals("full")) continue;
            long id;
            try {
                id = Ids.strict(e.getKey());
            } catch (NumberFormatException ex) {
                v.add("privileges", "Unknown " + kind + " id " + e.getKey());
                continue;
            }
            if (owned == null) owned = checkOwnership ? owned(kind, clientId) : null;
            if (checkOwnership && !owned.contains(id)) {
                v.add("privileges", "Unknown " + kind + " id " + id);
                continue;
            }
            var granted = new LinkedHashSet<String>();
            for (String p : values(e.getValue())) {
                if (allowed.contains(p)) granted.add(p);
                else v.add("privileges", "Unknown privilege " + kind + "/" + p);
            }
            per.put(id, granted);
        }
        return new Privileges.Grants(false, per);
    }

    private static List<String> values(JsonNode n) {
        var out = new ArrayList<String>();
        if (n.isArray() || n.isObject()) n.elements().forEachRemaining(x -> { if (x.isValueNode()) out.add(x.asText()); });
        else if (n.isValueNode() && !n.asText().isEmpty()) out.add(n.asText());
        return out;
    }
}
