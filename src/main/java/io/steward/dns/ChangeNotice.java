package io.steward.dns;

import java.util.Collections;
import java.util.LinkedHashMap;
import java.util.Map;

/**
 * The payload of a PostgreSQL NOTIFY about one DNS change: the node that made it, whether that node
 * applies it itself after commit, the zone and the change-log rows (id → owner name; a null name is
 * the whole zone). Text, {@code node|1|zoneId|id:name,id:name}, within NOTIFY's 8000-byte limit:
 * a notice with too many names to fit carries none and means "reload the whole zone". Pure.
 *
 * @param changes change-log id → owner name, or null for the whole zone; empty: the whole zone
 */
record ChangeNotice(String node, boolean appliedByNode, long zoneId, Map<Long, String> changes) {
    /** PostgreSQL's limit is 8000 bytes; names are ASCII. */
    static final int MAX = 7900;

    String payload() {
        var b = new StringBuilder().append(node).append('|').append(appliedByNode ? '1' : '0').append('|').append(zoneId).append('|');
        int start = b.length();
        for (var e : changes.entrySet()) {
            if (b.length() > start) b.append(',');
            b.append(e.getKey()).append(':').append(e.getValue() == null ? "" : e.getValue());
        }
        if (b.length() <= MAX) return b.toString();
        return node + "|0|" + zoneId + "|";
    }

    /** The notice a payload carries, or null if it is not one (another program's NOTIFY on the channel). */
    static ChangeNotice parse(String payload) {
        if (payload == null) return null;
        String[] p = payload.split("\\|", -1);
        if (p.length != 4) return null;
        try {
            var changes = new LinkedHashMap<Long, String>();
            if (!p[3].isEmpty()) {
                for (String c : p[3].split(",")) {
                    int colon = c.indexOf(':');
                    String name = c.substring(colon + 1);
                    changes.put(Long.parseLong(c.substring(0, colon)), name.isEmpty() ? null : name);
                }
            }
            return new ChangeNotice(p[0], p[1].equals("1"), Long.parseLong(p[2]), Collections.unmodifiableMap(changes));
        } catch (RuntimeException e) {
            return null;
        }
    }

    /** Whether the notice asks for the whole zone (a row without a name, or no rows at all). */
    boolean wholeZone() {
        return changes.isEmpty() || changes.containsValue(null);
    }
}
