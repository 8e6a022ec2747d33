package io.steward.server;

import java.time.LocalDateTime;
import java.util.List;

/** Servers filled together by one strategy, and the products whose services go on them. */
public record ServerGroup(long id, String name, FillStrategy strategy, Long lastServerId, List<Long> productIds, LocalDateTime createdAt,
                          LocalDateTime updatedAt) {}
