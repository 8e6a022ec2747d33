package io.steward.modules;

import com.fasterxml.jackson.databind.JsonNode;
import io.steward.core.Json;
import io.steward.core.Secrets;
import io.steward.core.StewardException;
import io.steward.core.Times;
import io.steward.core.Validation;
import io.steward.db.Db;
import java.time.Clock;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;
import java.util.Optional;
import java.util.concurrent.CopyOnWriteArrayList;
import java.util.function.LongFunction;
import org.slf4j.Logger;
import org.slf4j.LoggerFactory;

/**
 * Module instances: a module with its settings, as staff configure them in the admin API or as the
 * node's configuration file names them. Secret settings are sealed before they are stored and
 * opened only to create a provider; nothing here shows them.
 */
public final class ModuleInstances {
    private static final Logger LOG = LoggerFactory.getLogger(ModuleInstances.class);

    /** What staff send: null fields are left as they are on update. */
    public record Draft(String kind, String module, String name, JsonNode settings, Boolean makeDefault) {}

    private final Db db;
    private final Clock clock;
    private final Secrets secrets;
    private final Modules modules;
    private final ModuleInstanceStore store;
    private final List<LongFunction<Optional<String>>> dependents = new CopyOnWriteArrayList<>();

    public ModuleInstances(Db db, Clock clock, Secrets secrets, Modules modules) {
        this.db = db;
        this.clock = clock;
        this.secrets = secrets;
        this.modules = modules;
        this.store = new ModuleInstanceStore(db);
    }

    public Modules modules() { return modules; }

    /** Registers a check naming what uses an instance (a server...), which then cannot be deleted. */
    public void registerDependents(LongFunction<Optional<String>> check) {
        dependents.add(check);
    }

    /**
     * Makes sure every installed module has its configuration-made instance, with the settings the
     * configuration gives it now, and that every module has a default instance. Run on every start.
     * A module the configuration says nothing about and that cannot run without settings (an
     * account, a key) gets none: staff configure it.
     */
    public void syncConfigured() {
        for (ModuleFactory<?> f : modules.all()) {
            Map<String, String> clear;
            Map<String, String> given = f.configured(modules.context());
            try {
                clear = f.schema().validate(Json.tree(given), Map.of());
            } catch (StewardException e) {
                if (given.isEmpty()) continue;
                throw new IllegalArgumentException("the configuration of the " + f.kind().code() + " module " + f.id() + " is invalid: "
                        + e.fields(), e);
            }
            String key = f.kind().code() + ":" + f.id();
            try {
                db.txRun(() -> {
                    var now = Times.now(clock);
                    Optional<ModuleInstance> existing = store.byConfigKey(key);
                    if (existing.isEmpty()) {
                        boolean first = store.defaultOf(f.kind(), f.id()).isEmpty();
                        store.insert(f.kind(), f.id(), f.id(), key, first, seal(f.schema(), clear), now);
                    } else if (!open(f.schema(), existing.get().sealedSettings()).equals(clear)) {
                        store.update(existing.get().id(), existing.get().name(), seal(f.schema(), clear), now);
                    }
                });
            } catch (RuntimeException e) {
                // Another node starting at the same moment made it.
                if (!Db.isConstraintViolation(e)) throw e;
            }
        }
    }

    public List<ModuleInstance> list(String kind, String module) {
        return store.list(kind == null ? null : kind(kind, "kind"), module);
    }

    public ModuleInstance get(long id) {
        return store.byId(id).orElseThrow(() -> StewardException.notFound("Module instance not found"));
    }

    public ModuleFactory<?> factory(ModuleInstance i) {
        return modules.factory(i.kind(), i.module()).orElseThrow(() -> new StewardException(io.steward.core.ErrorCode.CONFLICT,
                "The " + i.kind().code() + " module " + i.module() + " is not installed on this node"));
    }

    /** Whether an instance exists, is of {@code kind}, and its module is installed here. */
    public boolean usable(long id, ModuleKind kind) {
        return store.byId(id).filter(i -> i.kind() == kind && modules.has(kind, i.module())).isPresent();
    }

    public ModuleInstance create(Draft d) {
        var v = new Validation();
        ModuleKind kind = d.kind() == null || d.kind().isBlank() ? null : ModuleKind.parse(d.kind()).orElse(null);
        if (kind == null) v.add("kind", "Kind must be one of " + kinds());
        String module = d.module() == null ? "" : d.module().trim();
        Optional<ModuleFactory<?>> factory = kind == null ? Optional.empty() : modules.factory(kind, module);
        if (kind != null && factory.isEmpty()) v.add("module", "No " + kind.code() + " module '" + module + "' is installed");
        String name = checkName(v, d.name(), true);
        v.throwIfAny();
        ModuleFactory<?> f = factory.get();
        Map<String, String> clear = f.schema().validate(d.settings(), Map.of());
        return db.tx(() -> {
            if (store.nameTaken(kind, name, null)) throw StewardException.invalid(Map.of("name", List.of("Another instance has this name")));
            var now = Times.now(clock);
            long id = store.insert(kind, f.id(), name, null, false, seal(f.schema(), clear), now);
            if (Boolean.TRUE.equals(d.makeDefault())) store.makeDefault(kind, f.id(), id, now);
            return get(id);
        });
    }

    public ModuleInstance update(long id, Draft d) {
        return db.tx(() -> {
            ModuleInstance i = get(id);
            if (i.configured()) throw configured();
            var v = new Validation();
            v.check(d.kind() == null || d.kind().isBlank() || d.kind().equals(i.kind().code()), "kind", "The kind of an instance cannot change");
            v.check(d.module() == null || d.module().isBlank() || d.module().equals(i.module()), "module",
                    "The module of an instance cannot change");
            String name = d.name() == null ? i.name() : checkName(v, d.name(), true);
            v.throwIfAny();
            ModuleFactory<?> f = factory(i);
            Map<String, String> clear = f.schema().validate(d.settings(), open(f.schema(), i.sealedSettings()));
            if (store.nameTaken(i.kind(), name, id)) throw StewardException.invalid(Map.of("name", List.of("Another instance has this name")));
            var now = Times.now(clock);
            store.update(id, name, seal(f.schema(), clear), now);
            if (Boolean.TRUE.equals(d.makeDefault())) store.makeDefault(i.kind(), i.module(), id, now);
            if (Boolean.FALSE.equals(d.makeDefault()) && i.isDefault()) restoreConfiguredDefault(i);
            return get(id);
        });
    }

    public void delete(long id) {
        db.txRun(() -> {
            ModuleInstance i = get(id);
            if (i.configured()) throw configured();
            for (var check : dependents) {
                check.apply(id).ifPresent(user -> {
                    throw StewardException.conflict("The instance is in use by " + user);
                });
            }
            store.delete(id);
            if (i.isDefault()) restoreConfiguredDefault(i);
        });
    }

    /** The configuration-made instance becomes the default again when a staff default goes. */
    private void restoreConfiguredDefault(ModuleInstance gone) {
        store.byConfigKey(gone.kind().code() + ":" + gone.module())
                .ifPresent(c -> store.makeDefault(gone.kind(), gone.module(), c.id(), Times.now(clock)));
    }

    /** Tries the instance's connection (outside any transaction) and records the answer with the instance. */
    public Check test(long id) {
        ModuleInstance i = get(id);
        Check check = guarded(i, ModuleProvider::testConnection);
        db.txRun(() -> store.tested(id, check, Times.now(clock)));
        return check;
    }

    public Check health(ModuleInstance i) {
        return guarded(i, ModuleProvider::health);
    }

    private Check guarded(ModuleInstance i, java.util.function.Function<ModuleProvider, Check> what) {
        try {
            Check c = what.apply(open(i, ModuleProvider.class));
            return c == null ? Check.failed("The module answered nothing") : c;
        } catch (StewardException e) {
            return Check.failed(String.join("; ", e.messages()));
        } catch (RuntimeException e) {
            LOG.info("{} module instance {} failed its check: {}", i.kind().code(), i.id(), e.toString());
            return Check.failed(e.getClass().getSimpleName() + (e.getMessage() == null ? "" : ": " + e.getMessage()));
        }
    }

    /** A provider made from instance {@code id}; a 404 when there is none, a 409 when its module is not installed. */
    public <T> T open(long id, Class<T> type) {
        return open(get(id), type);
    }

    public <T> T open(ModuleInstance i, Class<T> type) {
        ModuleFactory<?> f = factory(i);
        return Modules.create(f, new ModuleSettings(f.schema(), open(f.schema(), i.sealedSettings())), type);
    }

    /** A provider of the module's default instance; empty when the module is not installed (or has no instance yet). */
    public <T> Optional<T> openDefault(ModuleKind kind, String module, Class<T> type) {
        if (!modules.has(kind, module)) return Optional.empty();
        return store.defaultOf(kind, module).map(i -> open(i, type));
    }

    /** The settings as staff see them: secrets that are set as {@link SettingsSchema#MASK}, unset ones as null. */
    public Map<String, Object> shown(ModuleInstance i) {
        var out = new LinkedHashMap<String, Object>();
        Optional<ModuleFactory<?>> f = modules.factory(i.kind(), i.module());
        SettingsSchema schema = f.map(ModuleFactory::schema).orElse(SettingsSchema.EMPTY);
        for (SettingField field : schema.fields()) {
            String v = i.sealedSettings().get(field.key());
            if (field.type() == SettingType.SECRET) out.put(field.key(), v == null ? null : SettingsSchema.MASK);
            else out.put(field.key(), v == null ? field.defaultValue() : v);
        }
        return out;
    }

    private Map<String, String> seal(SettingsSchema schema, Map<String, String> clear) {
        var out = new LinkedHashMap<String, String>();
        clear.forEach((k, v) -> out.put(k, isSecret(schema, k) ? secrets.encrypt(v) : v));
        return out;
    }

    private Map<String, String> open(SettingsSchema schema, Map<String, String> sealed) {
        var out = new LinkedHashMap<String, String>();
        sealed.forEach((k, v) -> {
            if (schema.field(k).isEmpty()) return; // a setting the module no longer takes
            out.put(k, isSecret(schema, k) ? secrets.decrypt(v) : v);
        });
        return out;
    }

    private static boolean isSecret(SettingsSchema schema, String key) {
        return schema.field(key).map(f -> f.type() == SettingType.SECRET).orElse(false);
    }

    private static String checkName(Validation v, String name, boolean required) {
        String n = name == null ? "" : name.trim();
        if (required && n.isEmpty()) v.add("name", "Name is required");
        else if (n.length() > 100) v.add("name", "Name must be at most 100 characters");
        return n;
    }

    private static ModuleKind kind(String code, String field) {
        return ModuleKind.parse(code).orElseThrow(() -> StewardException.invalid(Map.of(field, List.of("Kind must be one of " + kinds()))));
    }

    private static String kinds() {
        return String.join(", ", java.util.Arrays.stream(ModuleKind.values()).map(ModuleKind::code).toList());
    }

    private static StewardException configured() {
        return StewardException.conflict("This instance follows the node's configuration file; change it there");
    }
}
