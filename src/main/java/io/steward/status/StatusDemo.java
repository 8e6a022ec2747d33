package io.steward.status;

import java.time.Clock;
import java.time.LocalDateTime;
import java.time.ZoneOffset;
import java.util.List;

/**
 * The demo status page: a resolved incident on the demo hosting product (its clients were told)
 * and a scheduled maintenance window next week. Idempotent: loaded only when the page is empty.
 */
public final class StatusDemo {
    private final StatusService statuses;
    private final Clock clock;

    public StatusDemo(StatusService statuses, Clock clock) {
        this.statuses = statuses;
        this.clock = clock;
    }

    public void load(Long hostingProductId) {
        if (!statuses.list(null).isEmpty()) return;
        LocalDateTime now = LocalDateTime.ofInstant(clock.instant(), ZoneOffset.UTC).withNano(0);
        List<String> products = hostingProductId == null ? List.of() : List.of(Long.toString(hostingProductId));
        var incident = statuses.create(new StatusService.Input("Incident", "Shared hosting: slow responses",
                "Websites on the shared hosting platform answer slowly.", "Investigating", now.minusDays(3).toString(), null,
                products, List.of()), false).event();
        statuses.postUpdate(incident.id(), "Identified", "A storage node is degraded; traffic is being moved off it.", false);
        statuses.postUpdate(incident.id(), "Resolved", "The storage node was replaced; response times are back to normal.", false);
        statuses.create(new StatusService.Input("Maintenance", "Network maintenance in Amsterdam",
                "Core router software upgrade; expect up to 5 minutes of packet loss.", "Scheduled", now.plusDays(7).toString(),
                now.plusDays(7).plusHours(2).toString(), List.of(), List.of("recording")), false);
    }
}
