package io.steward.dns;

import java.util.List;

/**
 * A record as a caller asks for it, before validation.
 *
 * @param name     relative ("www", "@", "") or fully qualified, with or without the trailing dot
 * @param ttl      null for the default
 * @param priority null for 0
 * @param content  the content text, or for SRV the {@code [weight, port, target]} parts
 */
public record RecordInput(String name, String type, Integer ttl, Integer priority, String content, List<String> parts) {}
