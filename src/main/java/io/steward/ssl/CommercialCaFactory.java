package io.steward.ssl;

import io.steward.core.Json;
import io.steward.mail.Outbox;
import io.steward.modules.Check;
import io.steward.modules.ModuleContext;
import io.steward.modules.ModuleFactory;
import io.steward.modules.ModuleKind;
import io.steward.modules.ModuleSettings;
import io.steward.modules.SettingField;
import io.steward.modules.SettingsSchema;
import java.security.SecureRandom;
import java.security.cert.X509Certificate;
import java.time.Duration;
import java.time.Instant;
import java.time.ZoneOffset;
import java.util.ArrayList;
import java.util.HexFormat;
import java.util.List;
import java.util.Map;
import org.bouncycastle.asn1.x500.X500Name;
import org.bouncycastle.asn1.x500.X500NameBuilder;
import org.bouncycastle.asn1.x500.style.BCStyle;

/**
 * The {@code commercial-sandbox} CA: the shape of a commercial CA (Sectigo, DigiCert) beside ACME,
 * labelled sandbox. Each issuance is an order at the CA, kept in {@code commercial_ca_order}, that
 * moves through {@code pending_domain_validation} -> ({@code pending_organization_validation} for
 * OV/EV, with the organisation details of the certificate passed along) -> {@code issued}, or ends
 * {@code rejected}. Domain validation: {@code dns} is checked in Steward's DNS (a token published
 * at {@code _dnsauth.<name>} in the client's hosted zone, read back, removed); {@code email} mails
 * a code to the approver address through the outbox, which the client enters
 * ({@code POST /certificate/@id/approve}); {@code http} is given as instructions and, as with a
 * real CA's manual review, staff advance it. Organisation validation completes after
 * {@code organization_hours} or when staff advance the order; staff may reject it
 * ({@code POST /admin/api/certificates/@id/ca-order}). The {@code certificate} job polls the order:
 * each attempt is one poll, retried with the job engine's backoff while the order waits.
 * Issued certificates are real X.509, from this module's own root (no browser trusts it).
 */
public final class CommercialCaFactory implements ModuleFactory<CertificateAuthority> {
    public static final String ID = "commercial-sandbox";
    private static final SecureRandom RANDOM = new SecureRandom();

    private ModuleContext context;
    private CaKeys keys;
    private CommercialCaOrders orders;

    @Override public String id() { return ID; }

    @Override public ModuleKind kind() { return ModuleKind.CA; }

    @Override public String label() { return "Commercial CA sandbox: OV/EV orders with domain and organisation validation states"; }

    @Override public boolean sandbox() { return true; }

    @Override
    public SettingsSchema schema() {
        return SettingsSchema.of(SettingField.string("root_name", false, "Steward Commercial Sandbox Root CA", "The root certificate's common name"),
                SettingField.integer("max_days", false, 398, "Longest validity issued, in days"),
                SettingField.integer("organization_hours", false, 24, "Hours organisation validation takes unless staff advance or reject it"));
    }

    @Override
    public void init(ModuleContext context) {
        this.context = context;
        this.keys = new CaKeys(context.db(), context.secrets(), context.clock(), "ca:" + ID);
        this.orders = new CommercialCaOrders(context.db(), context.secrets(), context.clock());
    }

    @Override
    public CertificateAuthority create(ModuleSettings settings) {
        return new Ca(settings.find("root_name").orElse("Steward Commercial Sandbox Root CA"), settings.integer("max_days", 398),
                settings.integer("organization_hours", 24));
    }

    private final class Ca implements CertificateAuthority {
        private final String rootName;
        private final long maxDays;
        private final long organizationHours;

        Ca(String rootName, long maxDays, long organizationHours) {
            this.rootName = rootName;
            this.maxDays = maxDays;
            this.organizationHours = organizationHours;
        }

        @Override
        public Check testConnection() {
            SandboxCaFactory.root(keys, context.clock(), rootName);
            return Check.ok("Built in: the commercial sandbox root is ready");
        }

        @Override
        public List<String> validationStates() {
            return List.of(CommercialCaOrders.PENDING_DOMAIN, CommercialCaOrders.PENDING_ORGANIZATION, CommercialCaOrders.ISSUED,
                    CommercialCaOrders.REJECTED);
        }

        /** One poll of the order (placing it on the first): moves it as far as it can go now. */
        @Override
        public Outcome issue(Request r) throws Exception {
            var order = orders.byKey(r.key()).orElse(null);
            if (order == null) {
                String code = r.method().equals("email") ? String.format("%08d", RANDOM.nextInt(100_000_000)) : null;
                order = orders.create(r.certificateId(), r.key(), r.validation(), r.names(), Json.text(r.organization()), r.method(),
                        r.approverEmail() == null ? "" : r.approverEmail(), code);
                if (code != null) {
                    r.mail().send(r.approverEmail(), Map.of("domain", r.names().get(0), "validation", r.validation(),
                            "code", Outbox.secret(code), "order", Long.toString(order.id())));
                }
            }
            if (order.state().equals(CommercialCaOrders.PENDING_DOMAIN) && r.method().equals("dns") && dnsValidated(r)) {
                orders.move(order.id(), CommercialCaOrders.afterDomain(r.validation()), "");
                order = orders.byKey(r.key()).orElseThrow();
            }
            Instant now = context.clock().instant();
            if (order.state().equals(CommercialCaOrders.PENDING_ORGANIZATION)
                    && !order.stateSince().toInstant(ZoneOffset.UTC).plus(Duration.ofHours(organizationHours)).isAfter(now)) {
                orders.move(order.id(), CommercialCaOrders.ISSUED, "");
                order = orders.byKey(r.key()).orElseThrow();
            }
            return switch (order.state()) {
                case CommercialCaOrders.PENDING_DOMAIN -> Outcome.waiting(instructions(r, order), switch (r.method()) {
                    case "email" -> "pending_domain_validation: waiting for the approver at " + r.approverEmail() + " to confirm the code mailed";
                    case "http" -> "pending_domain_validation: publish the file shown; the CA checks it";
                    default -> "pending_domain_validation: the CA could not find the DNS record in a zone Steward hosts for you";
                });
                case CommercialCaOrders.PENDING_ORGANIZATION -> Outcome.waiting(List.of(),
                        "pending_organization_validation: the CA is checking " + r.organization().getOrDefault("name", "the organisation"));
                case CommercialCaOrders.REJECTED -> Outcome.failed("rejected: " + order.reason());
                default -> Outcome.issued(order.chainPem() != null ? order.chainPem() : sign(r, order.id()));
            };
        }

        private String sign(Request r, long orderId) throws Exception {
            Instant now = context.clock().instant();
            Instant cap = now.plus(Duration.ofDays(maxDays));
            Instant notAfter = r.notAfter() == null || r.notAfter().isAfter(cap) ? cap : r.notAfter();
            String chain = SandboxCaFactory.sign(SandboxCaFactory.root(keys, context.clock(), rootName), r.csrDer(), r.names(), subject(r), now, notAfter);
            orders.issued(orderId, chain);
            return chain;
        }

        /** DV: the name alone; OV/EV: the organisation the CA validated, as the certificate's subject. */
        private X500Name subject(Request r) {
            var b = new X500NameBuilder(BCStyle.INSTANCE).addRDN(BCStyle.CN, r.names().get(0));
            if (!r.validation().equals("DV")) {
                var org = r.organization();
                if (!org.getOrDefault("name", "").isBlank()) b.addRDN(BCStyle.O, org.get("name"));
                if (!org.getOrDefault("locality", "").isBlank()) b.addRDN(BCStyle.L, org.get("locality"));
                String country = org.getOrDefault("country", "");
                if (country.matches("[A-Za-z]{2}")) b.addRDN(BCStyle.C, country.toUpperCase(java.util.Locale.ROOT));
            }
            return b.build();
        }

        /** Every name's token published in the client's hosted zone, served by Steward's DNS, then removed. */
        private boolean dnsValidated(Request r) {
            for (String name : r.names()) {
                String base = SslOrdering.base(name);
                if (!r.control().hosted(base)) return false;
                String fqdn = "_dnsauth." + base;
                String token = HexFormat.of().formatHex(io.steward.core.Secrets.randomBytes(16));
                var published = r.control().publishTxt(fqdn, token).orElse(null);
                if (published == null) return false;
                try {
                    if (!r.control().txt(fqdn).contains(token)) return false;
                } finally {
                    r.control().remove(published);
                }
            }
            return true;
        }

        private List<Instruction> instructions(Request r, CommercialCaOrders.Order order) {
            var out = new ArrayList<Instruction>();
            String token = io.steward.core.Secrets.sha256Hex(order.key()).substring(0, 32);
            for (String name : r.names()) {
                String base = SslOrdering.base(name);
                switch (r.method()) {
                    case "http" -> out.add(new Instruction(base, "http", "http://" + base + "/.well-known/pki-validation/" + token.substring(0, 16) + ".txt", token));
                    case "email" -> out.add(new Instruction(base, "email", "mailto:" + r.approverEmail(), ""));
                    default -> out.add(new Instruction(base, "dns", "_dnsauth." + base, token));
                }
            }
            return out;
        }

        @Override
        public void revoke(X509Certificate certificate) {
            // The sandbox publishes no CRL or OCSP: the certificate's row records the revocation.
        }
    }
}
