package io.steward.v1;

import io.steward.web.Call;
import io.steward.web.Reply;
import java.util.List;

/** The reference's paging: {@code limitstart} (offset, 0) and {@code limitnum} (page size, 25, at most 1000). */
record Paging(int start, int num) {
    static final int DEFAULT = 25;
    static final int MAX = 1000;

    static Paging of(Call call) {
        return new Paging(call.params().intValue("limitstart", 0, 0, Integer.MAX_VALUE),
                call.params().intValue("limitnum", DEFAULT, 1, MAX));
    }

    /** A page as a plain JSON array, with the number of matching items in {@code X-Total-Count}. */
    Reply reply(List<?> page, int total) {
        return new Reply(200, page, "application/json", java.util.Map.of("X-Total-Count", Integer.toString(total)));
    }

    <T> List<T> page(List<T> all) {
        if (start >= all.size()) return List.of();
        return all.subList(start, Math.min(all.size(), start + num));
    }
}
