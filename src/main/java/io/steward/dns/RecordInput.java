package io.steward.dns;

import com.fasterxml.jackson.databind.JsonNode;
import io.steward.core.ErrorCode;
import io.steward.core.StewardException;
import io.steward.web.Params;
import java.util.ArrayList;
import java.util.List;
import java.util.Map;

/**
 * A record as a caller asks for it, before validation.
 *
 * @param name     relative ("www", "@", "") or fully qualified, with or without the trailing dot
 * @param ttl      null for the default
 * @param priority null for 0
 * @param content  the content text, or for SRV the {@code [weight, port, target]} parts
 */
public record RecordInput(String name, String type, Integer ttl, Integer priority, String content, List<String> parts) {

    /**
     * A record from request parameters {@code name, type, ttl, priority, content} (content a string,
     * or SRV's array, as JSON or as {@code content[0]=...} form fields), for every endpoint that
     * takes one (DNS zones, domain DNS). {@code defaultName} is the name when none is given.
     */
    public static RecordInput from(Params p, String defaultName) {
        JsonNode content = p.node("content");
        List<String> parts = null;
        String text = null;
        if (content != null && content.isArray()) {
            parts = new ArrayList<>();
            for (JsonNode n : content) parts.add(n.asText());
        } else if (content != null && content.isObject()) {
            // Form bodies send arrays as content[0]=...&content[1]=...
            parts = new ArrayList<>();
            for (int i = 0; content.has(Integer.toString(i)); i++) parts.add(content.get(Integer.toString(i)).asText());
        } else {
            text = p.string("content").orElse(null);
        }
        return new RecordInput(p.string("name").orElse(defaultName), p.string("type").map(String::trim).orElse(null), integer(p, "ttl"),
                integer(p, "priority"), text, parts);
    }

    private static Integer integer(Params p, String name) {
        var s = p.string(name).map(String::trim).filter(x -> !x.isEmpty());
        if (s.isEmpty()) return null;
        try {
            return Integer.valueOf(s.get());
        } catch (NumberFormatException e) {
            throw new StewardException(ErrorCode.UNPROCESSABLE, List.of(name + " must be a whole number"),
                    Map.of(name, List.of("Must be a whole number")));
        }
    }
}
