package io.steward.dns;

import java.time.LocalDateTime;

/**
 * A record with its position in the client API's zone listing (a per-zone ordinal given when the
 * record was added and kept for good: a deleted record leaves a gap) and when it last changed (UTC).
 */
public record PositionedRecord(int position, DnsRecord record, LocalDateTime changedAt) {}
