package io.steward.modules;

import java.util.Arrays;
import java.util.Locale;
import java.util.Optional;

/**
 * The kinds of plug-in Steward knows. A kind names the interface its modules' instances implement
 * (declared by the feature that uses them): {@code server} → {@code service.module.ServerModule},
 * {@code registrar} → {@code domain.registrar.RegistrarModule}, {@code payment} →
 * {@code billing.PaymentGateway}, {@code vat} → {@code tax.VatNumberChecker}, {@code mail} →
 * {@code mail.MailRelay}, {@code ca} → {@code ssl.CertificateAuthority}, {@code cdn} → {@code cdn.CdnModule}.
 * {@code licence} and {@code m365} have no module yet.
 */
public enum ModuleKind {
    SERVER, REGISTRAR, PAYMENT, VAT, MAIL, CA, LICENCE, M365, CDN;

    /** The kind's name in the admin API and the database ({@code server}). */
    public String code() {
        return name().toLowerCase(Locale.ROOT);
    }

    public static Optional<ModuleKind> parse(String code) {
        return Arrays.stream(values()).filter(k -> k.code().equals(code)).findFirst();
    }
}
