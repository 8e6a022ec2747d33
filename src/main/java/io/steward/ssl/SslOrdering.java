package io.steward.ssl;

import com.fasterxml.jackson.databind.JsonNode;
import com.fasterxml.jackson.databind.node.JsonNodeFactory;
import com.fasterxml.jackson.databind.node.ObjectNode;
import io.steward.catalog.CatalogService;
import io.steward.catalog.Form;
import io.steward.core.Json;
import io.steward.core.Secrets;
import io.steward.core.StewardException;
import io.steward.core.Times;
import io.steward.core.Validation;
import io.steward.db.Db;
import io.steward.order.CertificateItems;
import java.time.Clock;
import java.util.ArrayList;
import java.util.LinkedHashMap;
import java.util.LinkedHashSet;
import java.util.List;
import java.util.Locale;
import java.util.Map;
import java.util.regex.Pattern;

/**
 * Certificate items of orders and quotes ({@link CertificateItems}): the product must be a
 * certificate product; {@code years} picks the catalog cycle (1 a, 2 b, 3 t); the CSR is read and
 * its key checked, and its names must fit the product (one name, or its {@code www.} twin, for
 * single; {@code *.name} and {@code name} for wildcard; up to {@code max_sans} for multi-domain,
 * each beyond {@code included_sans} priced by the product's SAN option) and the order's
 * {@code domain} when one is given. Without a CSR, Steward makes the key and CSR for
 * {@code domain} and {@code sans} when the certificate is created.
 */
final class SslOrdering implements CertificateItems {
    static final Pattern HOST = Pattern.compile("^(\\*\\.)?([a-z0-9]([a-z0-9-]{0,61}[a-z0-9])?\\.)+[a-z][a-z0-9-]{0,61}[a-z0-9]$");

    /** What {@link #create} needs again: a parsed CSR, or the names to make one for. */
    record Item(SslProduct product, List<String> names, Csrs.Parsed csr, boolean keepKey, Integer software, String approverEmail,
                String method, Map<String, String> organization) {}

    private final Db db;
    private final Clock clock;
    private final Secrets secrets;
    private final CatalogService catalog;
    private final CertificateStore store;
    private final DomainControls controls;

    SslOrdering(Db db, Clock clock, Secrets secrets, CatalogService catalog, CertificateStore store, DomainControls controls) {
        this.db = db;
        this.clock = clock;
        this.secrets = secrets;
        this.catalog = catalog;
        this.store = store;
        this.controls = controls;
    }

    @Override
    public Evaluated evaluate(long clientId, JsonNode params) {
        var v = new Validation();
        Long productId = id(params.get("product_id"));
        if (productId == null) throw StewardException.invalid(Map.of("product_id", List.of("Certificate product id is required (product_id)")));
        SslProduct product = db.tx(() -> store.product(productId)).orElseThrow(() -> StewardException.notFound("Certificate product not found"));
        int years = 1;
        String y = text(params.get("years"));
        if (y != null && !y.isBlank()) {
            try {
                years = Integer.parseInt(y.trim());
            } catch (NumberFormatException e) {
                years = -1;
            }
        }
        if (years < 1 || years > 3) v.add("years", "Years must be 1, 2 or 3");
        String domain = lower(text(params.get("domain")));
        String csrText = text(params.get("csr"));
        Csrs.Parsed csr = null;
        List<String> names;
        // The reference documents csr as "Domain name" in one place: a value without a PEM header is a domain.
        if (csrText != null && !csrText.isBlank() && !csrText.contains("-----BEGIN")) {
            if (domain == null) domain = lower(csrText);
            csrText = null;
        }
        if (csrText != null && !csrText.isBlank()) {
            csr = Csrs.parse(csrText);
            Csrs.checkKey(csr, product.minRsaBits());
            names = csr.names();
            if (domain != null && !domain.equals(csr.commonName())) {
                v.add("csr", "The CSR's common name " + csr.commonName() + " does not match the domain ordered, " + domain);
            }
        } else {
            if (domain == null) throw StewardException.invalid(Map.of("csr", List.of("A CSR, or a domain to make one for, is required")));
            var set = new LinkedHashSet<String>();
            set.add(domain);
            set.addAll(list(params.get("sans")));
            names = List.copyOf(set);
        }
        for (String n : names) if (!HOST.matcher(n).matches()) v.add(csr != null ? "csr" : "domain", "Not a valid host name: " + n);
        checkCoverage(product, names, v);
        String method = lower(text(params.get("validation_method")));
        if (method == null) method = product.methods().contains("dns") && controls.forClient(clientId).hosted(base(names.get(0))) ? "dns"
                : product.methods().contains("http") ? "http" : product.methods().get(0);
        if (!product.methods().contains(method)) v.add("validation_method", "This product validates by " + String.join(", ", product.methods()));
        String approver = lower(text(params.get("approver_email")));
        if (method.equals("email")) {
            if (approver == null || !approvers(base(names.get(0))).contains(approver)) {
                v.add("approver_email", "Approver e-mail must be one of " + String.join(", ", approvers(base(names.get(0)))));
            }
        }
        Integer software = null;
        String sw = text(params.get("software"));
        if (sw != null && !sw.isBlank()) {
            try {
                software = Integer.parseInt(sw.trim());
                if (!Software.exists(software)) v.add("software", "Unknown server software id " + software);
            } catch (NumberFormatException e) {
                v.add("software", "Software must be a software id");
            }
        }
        var organization = organization(params.get("organization"));
        if (product.needsOrganization()) {
            for (String f : List.of("name", "country", "locality", "address1", "postalcode")) {
                if (organization.getOrDefault(f, "").isBlank()) v.add("organization[" + f + "]", product.validation() + " certificates need the organisation's " + f);
            }
        }
        v.throwIfAny();
        boolean keepKey = csr == null && truthy(text(params.get("keep_key")));
        ObjectNode catalogParams = JsonNodeFactory.instance.objectNode();
        catalogParams.put("cycle", switch (years) { case 2 -> "b"; case 3 -> "t"; default -> "a"; });
        // Single and wildcard certificates include their www. or base name; only multi-domain prices names.
        int extra = product.coverage().equals("multi") ? Math.max(0, names.size() - product.includedSans()) : 0;
        if (extra > 0) {
            var form = sanForm(product);
            catalogParams.putObject("custom").putObject(Long.toString(form.id())).put(Long.toString(form.items().get(0).id()), Integer.toString(extra));
        }
        return new Evaluated(product.productId(), catalogParams, names.get(0),
                new Item(product, names, csr, keepKey, software, approver == null ? "" : approver, method, organization));
    }

    @Override
    public void create(long clientId, long orderId, long serviceId, Evaluated evaluated) {
        Item item = (Item) evaluated.state();
        String csrPem;
        String keySealed = null;
        List<String> names = item.names();
        if (item.csr() != null) {
            csrPem = item.csr().pem();
        } else {
            // Made here, not at quote time: the key is sealed until the client has seen it once (and kept if asked).
            var made = Csrs.generate(names, Math.max(2048, item.product().minRsaBits()), item.organization());
            csrPem = made.csrPem();
            keySealed = secrets.encrypt((item.keepKey() ? "keep:" : "once:") + made.keyPem());
        }
        store.insert(serviceId, clientId, item.product().productId(), names.get(0), names, csrPem, keySealed, item.software(),
                item.approverEmail(), item.method(), Json.text(item.organization()), Times.now(clock));
    }

    /** The addresses a CA accepts as the domain's approver (the CA/Browser Forum's constructed addresses). */
    static List<String> approvers(String domain) {
        var out = new ArrayList<String>();
        for (String local : List.of("admin", "administrator", "hostmaster", "postmaster", "webmaster")) out.add(local + "@" + domain);
        return out;
    }

    static String base(String name) {
        return name.startsWith("*.") ? name.substring(2) : name;
    }

    private Form sanForm(SslProduct product) {
        Long formId = product.sanFormId();
        var form = formId == null ? null : catalog.offer(product.productId()).product().form(formId).orElse(null);
        if (form == null || form.items().isEmpty()) {
            throw StewardException.invalid(Map.of("csr", List.of("This product includes " + product.includedSans() + " name(s) and prices no more")));
        }
        return form;
    }

    private static void checkCoverage(SslProduct p, List<String> names, Validation v) {
        String first = names.get(0);
        switch (p.coverage()) {
            case "single" -> {
                if (first.startsWith("*.")) v.add("csr", "This certificate covers one name, not a wildcard");
                for (String n : names.subList(1, names.size())) {
                    if (!n.equals("www." + first) && !first.equals("www." + n)) v.add("csr", "This certificate covers " + first + " (and its www. name) only, not " + n);
                }
            }
            case "wildcard" -> {
                if (!first.startsWith("*.")) v.add("csr", "A wildcard certificate's common name must be *.domain");
                for (String n : names.subList(1, names.size())) {
                    if (!n.equals(base(first))) v.add("csr", "A wildcard certificate covers " + first + " and " + base(first) + " only, not " + n);
                }
            }
            default -> {
                if (names.size() > p.maxSans()) v.add("csr", "This certificate covers at most " + p.maxSans() + " names; the CSR has " + names.size());
                if (names.stream().anyMatch(n -> n.startsWith("*."))) v.add("csr", "A multi-domain certificate names no wildcard");
            }
        }
    }

    private static Map<String, String> organization(JsonNode n) {
        var out = new LinkedHashMap<String, String>();
        if (n != null && n.isObject()) n.fields().forEachRemaining(e -> out.put(e.getKey(), e.getValue().isValueNode() ? e.getValue().asText().trim() : ""));
        return out;
    }

    private static List<String> list(JsonNode n) {
        var out = new ArrayList<String>();
        if (n == null || n.isNull()) return out;
        if (n.isArray()) n.forEach(e -> out.add(e.asText().trim().toLowerCase(Locale.ROOT)));
        else if (n.isObject()) n.fields().forEachRemaining(e -> out.add(e.getValue().asText().trim().toLowerCase(Locale.ROOT)));
        else for (String s : n.asText().split("[,\\s]+")) if (!s.isBlank()) out.add(s.trim().toLowerCase(Locale.ROOT));
        return out;
    }

    private static boolean truthy(String s) {
        return s != null && (s.equals("1") || s.equalsIgnoreCase("true") || s.equalsIgnoreCase("yes"));
    }

    private static String text(JsonNode n) {
        return n == null || n.isNull() || !n.isValueNode() ? null : n.asText();
    }

    private static String lower(String s) {
        return s == null || s.isBlank() ? null : s.trim().toLowerCase(Locale.ROOT).replaceAll("\\.$", "");
    }

    private static Long id(JsonNode n) {
        String s = text(n);
        if (s == null || s.isBlank()) return null;
        try {
            return Long.parseLong(s.trim());
        } catch (NumberFormatException e) {
            throw StewardException.invalid(Map.of("product_id", List.of("product_id must be a product id")));
        }
    }
}
