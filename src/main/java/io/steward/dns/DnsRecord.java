package io.steward.dns;

/**
 * One resource record as stored: the owner's full name (lower case, no trailing dot), the type
 * ({@link RecordRules#TYPES}), TTL, priority (MX/SRV preference, URL redirect status, else 0) and the
 * type's canonical content text (see {@link RecordRules}).
 */
public record DnsRecord(long id, long zoneId, String name, String type, int ttl, int priority, String content) {}
