package io.steward.modules;

import static io.steward.core.Json.obj;

import com.fasterxml.jackson.databind.JsonNode;
import io.steward.core.Json;
import io.steward.core.StewardException;
import io.steward.core.Times;
import io.steward.web.Call;
import io.steward.web.Params;
import io.steward.web.Reply;
import java.util.Arrays;
import java.util.List;
import java.util.Map;

/** Staff handlers for module kinds and module instances ({@code /admin/api/module-kinds}, {@code /admin/api/module-instances}). */
public final class ModuleAdminHandlers {
    private final ModuleInstances instances;

    public ModuleAdminHandlers(ModuleInstances instances) {
        this.instances = instances;
    }

    public Object kinds(Call call) {
        Modules modules = instances.modules();
        return obj("kinds", Arrays.stream(ModuleKind.values()).map(k -> obj("kind", k.code(),
                "modules", modules.ofKind(k).stream().map(ModuleAdminHandlers::factory).toList())).toList());
    }

    public Object list(Call call) {
        Params p = call.params();
        String kind = p.string("kind").filter(s -> !s.isBlank()).orElse(null);
        String module = p.string("module").filter(s -> !s.isBlank()).orElse(null);
        return obj("instances", instances.list(kind, module).stream().map(i -> shape(i, false)).toList());
    }

    public Object get(Call call) {
        return obj("instance", shape(instances.get(call.pathId("id")), true));
    }

    public Object create(Call call) {
        Params p = call.params();
        var created = instances.create(draft(p));
        return Reply.json(201, obj("instance", shape(created, true)));
    }

    public Object update(Call call) {
        return obj("instance", shape(instances.update(call.pathId("id"), draft(call.params())), true));
    }

    public Object delete(Call call) {
        instances.delete(call.pathId("id"));
        return obj("deleted", true);
    }

    public Object test(Call call) {
        long id = call.pathId("id");
        Check c = instances.test(id);
        return obj("test", check(c), "instance", shape(instances.get(id), false));
    }

    private static ModuleInstances.Draft draft(Params p) {
        return new ModuleInstances.Draft(p.string("kind").orElse(null), p.string("module").orElse(null), p.string("name").orElse(null),
                settings(p.node("settings")), p.optionalFlag("default").orElse(null));
    }

    /** Settings as a JSON object, or JSON text of one (form bodies). */
    private static JsonNode settings(JsonNode n) {
        if (n == null || n.isNull() || n.isObject()) return n;
        if (n.isTextual() && !n.asText().isBlank()) {
            try {
                JsonNode parsed = Json.MAPPER.readTree(n.asText());
                if (parsed != null && parsed.isObject()) return parsed;
            } catch (java.io.IOException e) {
                // answered below
            }
        }
        throw StewardException.invalid(Map.of("settings", List.of("Settings must be an object of setting to value")));
    }

    static Map<String, Object> factory(ModuleFactory<?> f) {
        return obj("id", f.id(), "kind", f.kind().code(), "label", f.label(), "sandbox", f.sandbox(),
                "capabilities", f.capabilities().stream().sorted().toList(),
                "settings", f.schema().fields().stream().map(s -> obj("key", s.key(), "type", s.type().code(), "required", s.required(),
                        "default", s.defaultValue(), "description", s.description(), "options", s.options())).toList());
    }

    private Map<String, Object> shape(ModuleInstance i, boolean details) {
        var m = obj("id", i.id(), "kind", i.kind().code(), "module", i.module(), "name", i.name(),
                "source", i.configured() ? "config" : "staff", "default", i.isDefault(),
                "installed", instances.modules().has(i.kind(), i.module()), "settings", instances.shown(i),
                "last_test", i.lastTestAt() == null ? null
                        : obj("ok", Boolean.TRUE.equals(i.lastTestOk()), "message", i.lastTestMessage(), "at", Times.stamp(i.lastTestAt())),
                "created_at", Times.stamp(i.createdAt()), "updated_at", Times.stamp(i.updatedAt()));
        if (details) m.put("health", check(instances.health(i)));
        return m;
    }

    private static Map<String, Object> check(Check c) {
        return obj("ok", c.ok(), "message", c.message());
    }
}
