package io.steward.partner;

import io.steward.web.Reply;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;

/** The partner API's success envelope, {@code {"success": true, "message": ..., "data": ..., "customData": []}}, as the reference shows it. */
public final class PartnerReplies {
    private PartnerReplies() {}

    public static Map<String, Object> ok(String message, Object data) {
        var m = new LinkedHashMap<String, Object>();
        m.put("success", true);
        m.put("message", message);
        m.put("data", data);
        m.put("customData", List.of());
        return m;
    }

    public static Reply created(String message, Object data) {
        return Reply.json(201, ok(message, data));
    }
}
