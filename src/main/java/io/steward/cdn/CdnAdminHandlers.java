package io.steward.cdn;

import static io.steward.core.Json.obj;

import io.steward.auth.AdminKeys;
import io.steward.core.Times;
import io.steward.web.Call;
import io.steward.web.Reply;
import java.util.Map;

/** The admin API's CDN resources: per service, one by id with its purge log, add, remove, purge. */
public final class CdnAdminHandlers {
    private final CdnService cdn;

    CdnAdminHandlers(CdnService cdn) {
        this.cdn = cdn;
    }

    /** {@code GET /services/@id/cdn-resources}. */
    public Object list(Call call) {
        return obj("cdn_resources", cdn.resources(call.pathId("id")).stream().map(CdnAdminHandlers::shape).toList());
    }

    /** {@code POST /services/@id/cdn-resources}: {@code resource_name}, {@code origin}, {@code module_instance_id} (optional). */
    public Object add(Call call) {
        var p = call.params();
        var r = cdn.add(call.pathId("id"), p.string("resource_name").orElse(null), p.string("origin").orElse(null),
                p.id("module_instance_id").orElse(null));
        return Reply.json(201, obj("cdn_resource", shape(r)));
    }

    /** {@code GET /cdn-resources/@id}: the resource and its last 50 purges. */
    public Object get(Call call) {
        var r = cdn.resource(call.pathId("id"));
        Map<String, Object> body = shape(r);
        body.put("purges", cdn.purges(r.id()).stream().map(x -> obj("id", x.id(), "requested_by", x.by(), "requested_at", Times.stamp(x.at()),
                "nodes", x.nodes(), "success", x.success(), "message", x.message())).toList());
        return obj("cdn_resource", body);
    }

    /** {@code DELETE /cdn-resources/@id}. */
    public Object delete(Call call) {
        cdn.remove(call.pathId("id"));
        return obj("deleted", true);
    }

    /** {@code POST /cdn-resources/@id/purge}: as the client's purge, by staff. */
    public Object purge(Call call) {
        var r = cdn.resource(call.pathId("id"));
        var done = cdn.purge(r.serviceId(), r.name(), "staff:" + call.get(AdminKeys.Staff.class).ref());
        return obj("purge", obj("resource_id", r.id(), "resource_name", r.name(), "nodes", done.nodes(), "purged_at", Times.stamp(done.at())));
    }

    static Map<String, Object> shape(CdnResource r) {
        return obj("id", r.id(), "service_id", r.serviceId(), "module_instance_id", r.instanceId(), "resource_name", r.name(),
                "origin", r.origin(), "created_at", Times.stamp(r.createdAt()));
    }
}
