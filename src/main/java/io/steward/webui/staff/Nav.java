package io.steward.webui.staff;

import io.steward.auth.AdminKeys;
import io.steward.auth.StaffArea;
import java.util.ArrayList;
import java.util.List;

/** The console's menu: only the sections the signed-in staff member's role may read. */
public record Nav(List<Item> items) {
    public record Item(String href, String labelKey, boolean current) {}

    static final Nav NONE = new Nav(List.of());

    static Nav of(AdminKeys.Staff staff, String path) {
        var items = new ArrayList<Item>();
        add(items, staff, StaffArea.CLIENTS, "/admin/clients", "admin.nav.clients", path);
        add(items, staff, StaffArea.BILLING, "/admin/invoices", "admin.nav.invoices", path);
        add(items, staff, StaffArea.SUPPORT, "/admin/tickets", "admin.nav.tickets", path);
        add(items, staff, StaffArea.ORDERS, "/admin/orders", "admin.nav.orders", path);
        add(items, staff, StaffArea.SERVICES, "/admin/jobs", "admin.nav.jobs", path);
        add(items, staff, StaffArea.BILLING, "/admin/billing-run", "admin.nav.run", path);
        return new Nav(List.copyOf(items));
    }

    private static void add(List<Item> items, AdminKeys.Staff staff, StaffArea area, String href, String key, String path) {
        if (staff.may(area, true)) items.add(new Item(href, key, path.equals(href) || path.startsWith(href + "/")));
    }
}
