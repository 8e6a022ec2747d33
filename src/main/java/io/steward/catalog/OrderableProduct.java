package io.steward.catalog;

/**
 * What the order, service and billing steps need to know about a product, without reading the
 * catalog's tables: how it is provisioned (mode, module id and its JSON config), how its first
 * period is aligned ({@code prorataDay}, 1-28, or null), how early renewals are invoiced
 * ({@code renewalLeadDays}, null for the engine's default), and stock ({@code stock} null is
 * unlimited; {@code maxPerOrder} units at most in one order).
 */
public record OrderableProduct(long id, long categoryId, String categoryName, String name, Product.Type type,
                               Product.PayType paytype, Product.Provisioning provisioning, String module,
                               String moduleConfig, Integer prorataDay, Integer renewalLeadDays, Integer stock,
                               int maxPerOrder, boolean visible, boolean retired) {

    static OrderableProduct of(Product p, Category c) {
        var s = p.spec();
        return new OrderableProduct(p.id(), s.categoryId(), c.name(), s.name(), s.type(), s.paytype(), s.provisioning(),
                s.module(), s.moduleConfig(), s.prorataDay(), s.renewalLeadDays(), s.stock(), s.maxPerOrder(),
                s.visible() && c.visible(), s.retired());
    }
}
