package io.steward.cdn;

import io.steward.modules.ModuleProvider;
import java.util.List;

/**
 * What a CDN module (kind {@code cdn}) does for the CDN feature: keeps an edge serving a set of
 * resources (a hostname in front of an origin) and empties a resource's cache on every node of
 * the edge. Made by a {@code ModuleFactory<CdnModule>}; calls run outside any transaction and may
 * take as long as the edge needs.
 */
public interface CdnModule extends ModuleProvider {
    /** A resource as the edge sees it: the hostname clients fetch, the origin ({@code http://host:port}) it fronts. */
    record Resource(String name, String origin) {
        /** The origin's host (a hostname or IPv4 address). */
        public String originHost() {
            String o = origin.substring("http://".length());
            return o.substring(0, o.lastIndexOf(':'));
        }

        public int originPort() {
            return Integer.parseInt(origin.substring(origin.lastIndexOf(':') + 1));
        }
    }

    /** How a purge went: the nodes asked, and a message per node that failed (none: every node's cache is empty). */
    record Purge(int nodes, List<String> failures) {
        public boolean ok() {
            return failures.isEmpty();
        }
    }

    /**
     * Makes the edge serve exactly {@code resources} (all of this instance's live resources; any
     * other is dropped). Idempotent: applying the same set again changes nothing. Throws with a
     * message for staff when the edge refuses.
     */
    void apply(List<Resource> resources);

    /** Empties the cache of one resource on every node of the edge. */
    Purge purge(Resource resource);
}
