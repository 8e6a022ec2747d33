package io.steward.catalog;

import com.fasterxml.jackson.databind.JsonNode;
import io.steward.core.StewardException;
import io.steward.core.Times;
import io.steward.core.Validation;
import io.steward.db.Db;
import java.time.Clock;
import java.util.List;
import java.util.Optional;
import java.util.function.Supplier;
import org.jooq.exception.DataAccessException;
import org.jooq.exception.SQLStateClass;

/**
 * Staff operations on the catalog. Input is the request's parameter tree (see {@link CatalogInput}
 * for how it is read); every change runs in one transaction. Deleting is refused with 409 while
 * anything still refers to the object: products in a category, products offering an addon,
 * products offering a product as a subproduct or upgrade, and registered
 * {@link CatalogService.ProductDependents} and {@link CatalogService.AddonDependents} (services).
 * Retire a product instead to stop selling it.
 */
public final class CatalogAdmin {
    private final Db db;
    private final Clock clock;
    private final CatalogService catalog;

    public CatalogAdmin(Db db, Clock clock, CatalogService catalog) {
        this.db = db;
        this.clock = clock;
        this.catalog = catalog;
    }

    // ---- categories

    public List<Category> categories() {
        return catalog.categories.list(false);
    }

    public Category category(long id) {
        return catalog.categories.byId(id).orElseThrow(() -> StewardException.notFound("Category not found"));
    }

    public int productCount(long categoryId) {
        return catalog.products.countInCategory(categoryId);
    }

    public Category createCategory(JsonNode in) {
        return write(() -> {
            var v = new Validation();
            Category.Spec spec = CatalogInput.category(in, CatalogInput.NEW_CATEGORY, v);
            v.throwIfAny();
            requireFreeSlug(spec.slug(), null);
            return category(catalog.categories.insert(spec, Times.now(clock)));
        });
    }

    public Category updateCategory(long id, JsonNode in) {
        return write(() -> {
            Category cur = category(id);
            var v = new Validation();
            Category.Spec spec = CatalogInput.category(in, cur.spec(), v);
            v.throwIfAny();
            requireFreeSlug(spec.slug(), id);
            catalog.categories.update(id, spec, Times.now(clock));
            return category(id);
        });
    }

    public void deleteCategory(long id) {
        write(() -> {
            category(id);
            int n = catalog.products.countInCategory(id);
            if (n > 0) throw StewardException.conflict("Category still holds " + n + " product" + (n == 1 ? "" : "s") + "; move or delete them first");
            catalog.categories.delete(id);
            return null;
        });
    }

    private void requireFreeSlug(String slug, Long self) {
        catalog.categories.bySlug(slug).filter(c -> self == null || c.id() != self).ifPresent(c -> {
            throw StewardException.conflict("Slug '" + slug + "' is already used by category " + c.id());
        });
    }

    // ---- addons

    public List<Addon> addons() {
        return catalog.addons.list();
    }

    public Addon addon(long id) {
        return catalog.addons.byId(id).orElseThrow(() -> StewardException.notFound("Addon not found"));
    }

    /** Ids of the products offering the addon. */
    public List<Long> productsOffering(long addonId) {
        return catalog.products.owners(ProductStore.ADDONS, addonId);
    }

    public Addon createAddon(JsonNode in) {
        return write(() -> {
            var v = new Validation();
            Addon.Spec spec = CatalogInput.addon(in, CatalogInput.NEW_ADDON, v);
            v.throwIfAny();
            return addon(catalog.addons.insert(spec, Times.now(clock)));
        });
    }

    public Addon updateAddon(long id, JsonNode in) {
        return write(() -> {
            Addon cur = addon(id);
            var v = new Validation();
            Addon.Spec spec = CatalogInput.addon(in, cur.spec(), v);
            v.throwIfAny();
            catalog.addons.update(id, spec, Times.now(clock));
            return addon(id);
        });
    }

    public void deleteAddon(long id) {
        write(() -> {
            if (!catalog.addons.lock(id)) throw StewardException.notFound("Addon not found");
            List<String> users = catalog.products.linkedFrom(ProductStore.ADDONS, id);
            if (!users.isEmpty()) throw StewardException.conflict("Addon is offered with " + String.join(", ", users) + "; remove it from them first");
            for (var d : catalog.addonDependents) {
                Optional<String> reason = d.blockingDeletion(id);
                if (reason.isPresent()) throw StewardException.conflict("Addon cannot be deleted: " + reason.get());
            }
            catalog.addons.delete(id);
            return null;
        });
    }

    // ---- products

    public List<Product> products(Long categoryId) {
        return catalog.products.list(categoryId == null ? org.jooq.impl.DSL.trueCondition() : ProductStore.CATEGORY_ID.eq(categoryId));
    }

    public Product product(long id) {
        return catalog.products.byId(id).orElseThrow(CatalogService::productNotFound);
    }

    public Product createProduct(JsonNode in) {
        return write(() -> {
            var v = new Validation();
            Product.Spec spec = CatalogInput.product(in, CatalogInput.newProduct(), v);
            checkReferences(spec, null, v);
            v.throwIfAny();
            return product(catalog.products.insert(spec, Times.now(clock)));
        });
    }

    public Product updateProduct(long id, JsonNode in) {
        return write(() -> {
            if (!catalog.products.lock(id)) throw CatalogService.productNotFound();
            Product cur = product(id);
            var v = new Validation();
            Product.Spec spec = CatalogInput.product(in, cur.spec(), v);
            checkReferences(spec, id, v);
            v.throwIfAny();
            catalog.products.update(id, spec, Times.now(clock));
            return product(id);
        });
    }

    private void checkReferences(Product.Spec spec, Long self, Validation v) {
        if (spec.categoryId() > 0 && catalog.categories.byId(spec.categoryId()).isEmpty()) {
            v.add("category_id", "No such category: " + spec.categoryId());
        }
        var foundAddons = catalog.addons.byIds(spec.addons()).stream().map(Addon::id).toList();
        spec.addons().stream().filter(a -> !foundAddons.contains(a)).forEach(a -> v.add("addons", "No such addon: " + a));
        links("subproducts", "its own subproduct", spec.subproducts(), self, v);
        links("upgrades", "an upgrade of itself", spec.upgrades(), self, v);
    }

    private void links(String field, String selfMessage, List<Long> ids, Long self, Validation v) {
        if (self != null && ids.contains(self)) v.add(field, "A product cannot be " + selfMessage);
        catalog.products.missing(ids).forEach(id -> v.add(field, "No such product: " + id));
    }

    public void deleteProduct(long id) {
        write(() -> {
            if (!catalog.products.lock(id)) throw CatalogService.productNotFound();
            List<String> subOf = catalog.products.linkedFrom(ProductStore.SUBPRODUCTS, id);
            if (!subOf.isEmpty()) throw StewardException.conflict("Product is offered as a subproduct of " + String.join(", ", subOf));
            List<String> upgradeOf = catalog.products.linkedFrom(ProductStore.UPGRADES, id);
            if (!upgradeOf.isEmpty()) throw StewardException.conflict("Product is an upgrade path of " + String.join(", ", upgradeOf));
            for (var d : catalog.dependents) {
                Optional<String> reason = d.blockingDeletion(id);
                if (reason.isPresent()) throw StewardException.conflict("Product cannot be deleted: " + reason.get());
            }
            catalog.products.delete(id);
            return null;
        });
    }

    /**
     * Runs a change in a transaction. A constraint that still fires (a concurrent change got in
     * between the checks and the write: a slug taken, a row referenced) is a conflict, not a 500.
     */
    private <T> T write(Supplier<T> work) {
        try {
            return db.tx(() -> {
                catalog.cache.changed();
                return work.get();
            });
        } catch (DataAccessException e) {
            if (e.sqlStateClass() == SQLStateClass.C23_INTEGRITY_CONSTRAINT_VIOLATION) {
                throw StewardException.conflict("The change conflicts with a concurrent change to the catalog; try again");
            }
            throw e;
        }
    }
}
