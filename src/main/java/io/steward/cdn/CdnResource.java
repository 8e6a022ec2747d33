package io.steward.cdn;

import java.time.LocalDateTime;

/** A CDN resource of a CDN service: {@code name} (a hostname) served by the edge of module instance {@code instanceId} in front of {@code origin}. */
public record CdnResource(long id, long serviceId, long instanceId, String name, String origin, LocalDateTime createdAt) {
    CdnModule.Resource edge() {
        return new CdnModule.Resource(name, origin);
    }
}
