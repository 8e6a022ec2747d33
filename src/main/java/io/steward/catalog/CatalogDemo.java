package io.steward.catalog;

import static io.steward.core.Json.obj;

import com.fasterxml.jackson.databind.JsonNode;
import io.steward.core.Json;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;

/**
 * The demo catalog README documents: categories Hosting, VPS, Dedicated, DNS, SSL and Licences,
 * priced in USD and EUR, with configurable options and addons like the references' examples.
 * Built through {@link CatalogAdmin}, so it passes the same validation as staff input. Idempotent:
 * nothing is added when the Hosting category exists.
 */
public final class CatalogDemo {
    public static final String MARKER_SLUG = "hosting";

    private final CatalogAdmin admin;

    public CatalogDemo(CatalogAdmin admin) {
        this.admin = admin;
    }

    /** Loads the demo catalog unless it is there; call inside the demo data's transaction. */
    public void load() {
        if (admin.categories().stream().anyMatch(c -> c.spec().slug().equals(MARKER_SLUG))) return;

        long backups = addon("Daily backups", "Nightly backups kept for 14 days, restorable from the client area.", "backups-daily",
                "USD m 5.00 q 14.00 a 50.00; EUR m 4.50 q 12.60 a 45.00");
        long cpanel = addon("cPanel licence", "A cPanel & WHM licence for the server.", "cpanel",
                "USD m 15.99 q 47.97 a 179.88; EUR m 14.49 q 43.47 a 162.00");
        long ip = addon("Dedicated IP", "Automatically adds an IPv4 address to the account.", "extra-ip",
                "USD m 3.00/2.00 a 30.00; EUR m 2.70/2.00 a 27.00");

        long hosting = category("Hosting", "Shared web hosting with cPanel.", "hosting", 1);
        long vps = category("VPS", "Cloud virtual private servers with full root access.", "vps", 2);
        long dedicated = category("Dedicated", "Bare-metal servers, set up by our staff.", "dedicated", 3);
        long dns = category("DNS", "Authoritative DNS hosting for your domains.", "dns", 4);
        long ssl = category("SSL", "Domain-validated SSL certificates.", "ssl", 5);
        long licences = category("Licences", "Software licences for your servers.", "licences", 6);

        var diskSize = form("select", "Disk Size", false, null, null, null,
                item("512MB", "512", ""), item("1GB", "1024", "USD m 1.00 a 11.00 b 20.00 t 30.00; EUR m 0.90 a 9.90 b 18.00 t 27.00"),
                item("2GB", "2048", "USD m 2.00 a 22.00 b 40.00 t 60.00; EUR m 1.80 a 19.80 b 36.00 t 54.00"));
        long starter = product(hosting, "Starter Hosting", "hosting", "Disk:10GB\nMemory:2GB\nMySql:10 DB\nEmail:100 Users\n",
                "USD m 9.99 a 109.89 b 199.80 t 299.70; EUR m 8.99 a 98.89 b 179.80 t 269.70",
                Map.of("package", "starter"), List.of(diskSize), List.of(backups, ip), List.of(), Map.of("tags", List.of("popular")));
        long business = product(hosting, "Business Hosting", "hosting", "Disk:50GB\nMemory:4GB\nMySql:50 DB\nEmail:500 Users\n",
                "USD m 19.99/5.00 q 56.97 a 215.88; EUR m 17.99/5.00 q 50.97 a 194.28",
                Map.of("package", "business"), List.of(), List.of(backups, ip), List.of(), Map.of());
        long pro = product(hosting, "Pro Hosting", "hosting", "Disk:200GB\nMemory:8GB\nMySql:unlimited\nEmail:unlimited\n",
                "USD m 34.99 a 377.88; EUR m 31.99 a 345.48",
                Map.of("package", "pro"), List.of(), List.of(backups, ip), List.of(), Map.of());
        upgrades(starter, business, pro);
        upgrades(business, starter, pro);
        upgrades(pro, starter, business);

        long dnsHosting = product(dns, "DNS Hosting", "dns", "Anycast DNS for up to 50 zones, DNSSEC included.",
                "USD m 2.00 a 20.00; EUR m 1.80 a 18.00", Map.of("zones", 50), List.of(), List.of(), List.of(), Map.of("module", "dns"));
        product(dns, "Free DNS", "dns", "DNS for one zone, free of charge.", "", Map.of("zones", 1), List.of(), List.of(), List.of(),
                Map.of("paytype", "Free", "provisioning", "on_order", "module", "dns"));

        var os = form("select", "Operating system", true, null, null, null,
                item("Debian 12", "debian-12", ""), item("Ubuntu 24.04", "ubuntu-24.04", ""), item("AlmaLinux 9", "almalinux-9", ""),
                item("Windows Server 2022", "windows-2022", "USD m 15.00 q 45.00 a 180.00; EUR m 14.00 q 42.00 a 168.00"));
        var ram = form("slider", "Extra RAM (GB)", false, 0, 16, 1,
                item("Extra RAM (GB)", "ram-gb", "USD m 2.00 q 6.00 a 24.00; EUR m 1.80 q 5.40 a 21.60"));
        var ips = form("quantity", "Extra IPv4 addresses", false, 0, 8, 1,
                item("Extra IPv4 addresses", "ipv4", "USD m 3.00/1.00 q 9.00/1.00 a 36.00; EUR m 2.70/1.00 q 8.10/1.00 a 32.40"));
        var snapshot = form("checkbox", "Backups", false, null, null, null,
                item("Backups", "backups", "USD m 4.00 q 12.00 a 48.00; EUR m 3.60 q 10.80 a 43.20"));
        var hostname = form("input", "Hostname", false, null, null, null, item("Hostname", "hostname", ""));
        long vpsS = product(vps, "Cloud VPS S", "vps", "1 vCPU\n2 GB RAM\n40 GB NVMe\n2 TB traffic\n",
                "USD m 12.00 q 34.20 a 129.60; EUR m 11.00 q 31.35 a 118.80", Map.of("plan", "s-1vcpu-2gb"),
                List.of(os, ram, ips, snapshot, hostname), List.of(cpanel, backups), List.of(dnsHosting), Map.of());
        long vpsM = product(vps, "Cloud VPS M", "vps", "2 vCPU\n4 GB RAM\n80 GB NVMe\n4 TB traffic\n",
                "USD m 24.00 q 68.40 a 259.20; EUR m 22.00 q 62.70 a 237.60", Map.of("plan", "s-2vcpu-4gb"),
                List.of(os, ram, ips, snapshot, hostname), List.of(cpanel, backups), List.of(dnsHosting), Map.of());
        upgrades(vpsS, vpsM);
        upgrades(vpsM, vpsS);

        var raid = form("select", "RAID", true, null, null, null,
                item("No RAID", "none", ""), item("RAID 1", "raid1", "USD m 10.00 q 30.00 a 120.00; EUR m 9.00 q 27.00 a 108.00"));
        var uplink = form("select", "Bandwidth", true, null, null, null,
                item("1 Gbit/s unmetered", "1g", ""), item("10 Gbit/s unmetered", "10g", "USD m 99.00 q 297.00 a 1188.00; EUR m 92.00 q 276.00 a 1104.00"));
        Map<String, Object> manual = Map.of("provisioning", "manual", "prorata_day", 1, "stock", 5);
        product(dedicated, "Dedicated E-2388G", "dedicated", "Intel Xeon E-2388G\n64 GB ECC RAM\n2 x 960 GB NVMe\n",
                "USD m 129.00/99.00 q 369.00/49.00 a 1390.00; EUR m 119.00/99.00 q 339.00/49.00 a 1280.00", Map.of("model", "e-2388g"),
                List.of(os, raid, uplink), List.of(cpanel, ip), List.of(), manual);
        product(dedicated, "Dedicated EPYC 7443P", "dedicated", "AMD EPYC 7443P\n256 GB ECC RAM\n2 x 3.84 TB NVMe\n",
                "USD m 299.00/149.00 a 3290.00; EUR m 279.00/149.00 a 3070.00", Map.of("model", "epyc-7443p"),
                List.of(os, raid, uplink), List.of(cpanel, ip), List.of(), Map.of("provisioning", "manual", "prorata_day", 1, "stock", 3));

        product(ssl, "RapidSSL Standard", "ssl", "Domain validation, one name, issued in minutes.",
                "USD a 12.00 b 22.00 t 30.00; EUR a 11.00 b 20.00 t 27.00", Map.of("ca", "rapidssl"), List.of(), List.of(), List.of(), Map.of("module", "certificate"));
        product(ssl, "GeoTrust QuickSSL Premium", "ssl", "Domain validation, one name and www, site seal.",
                "USD a 45.00 b 85.00; EUR a 41.00 b 78.00", Map.of("ca", "geotrust"), List.of(), List.of(), List.of(), Map.of("module", "certificate"));

        product(licences, "cPanel Solo licence", "licence", "cPanel & WHM for one account.",
                "USD m 17.99 a 199.00; EUR m 16.49 a 182.00", Map.of("vendor", "cpanel"), List.of(), List.of(), List.of(), Map.of());
        product(licences, "LiteSpeed Web Server lifetime licence", "licence", "One server, lifetime updates.",
                "USD Once 299.00; EUR Once 275.00", Map.of("vendor", "litespeed"), List.of(), List.of(), List.of(), Map.of("paytype", "Once"));
    }

    private long category(String name, String description, String slug, int sortOrder) {
        return admin.createCategory(tree(obj("name", name, "description", description, "slug", slug, "sort_order", sortOrder))).id();
    }

    private long addon(String name, String description, String moduleValue, String prices) {
        return admin.createAddon(tree(obj("name", name, "description", description, "module_value", moduleValue, "prices", prices(prices)))).id();
    }

    private long product(long category, String name, String type, String description, String prices, Map<String, Object> moduleConfig,
                         List<Map<String, Object>> forms, List<Long> addons, List<Long> subproducts, Map<String, Object> extra) {
        var body = obj("category_id", category, "name", name, "type", type, "description", description, "prices", prices(prices),
                "module_config", moduleConfig, "forms", forms, "addons", addons, "subproducts", subproducts);
        body.putAll(extra);
        return admin.createProduct(tree(body)).id();
    }

    private void upgrades(long product, Long... targets) {
        admin.updateProduct(product, tree(obj("upgrades", List.of(targets))));
    }

    @SafeVarargs
    private static Map<String, Object> form(String type, String name, boolean required, Integer min, Integer max, Integer step,
                                            Map<String, Object>... items) {
        return obj("type", type, "name", name, "required", required, "min", min, "max", max, "step", step, "items", List.of(items));
    }

    private static Map<String, Object> item(String name, String moduleValue, String prices) {
        return obj("name", name, "module_value", moduleValue, "prices", prices(prices));
    }

    /** {@code "USD m 9.99/5.00 a 99.00; EUR m 8.99"}: per currency, cycle and price with an optional "/setup". */
    static Map<String, Object> prices(String spec) {
        var out = new LinkedHashMap<String, Object>();
        for (String part : spec.split(";")) {
            String[] t = part.trim().split("\\s+");
            if (t.length < 3) continue;
            var cycles = new LinkedHashMap<String, Object>();
            for (int i = 1; i + 1 < t.length; i += 2) {
                String[] ps = t[i + 1].split("/");
                cycles.put(t[i], obj("price", ps[0], "setup", ps.length > 1 ? ps[1] : "0"));
            }
            out.put(t[0], cycles);
        }
        return out;
    }

    private static JsonNode tree(Object value) {
        return Json.tree(value);
    }
}
