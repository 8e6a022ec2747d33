package io.steward.ssl;

import static org.jooq.impl.DSL.field;
import static org.jooq.impl.DSL.name;
import static org.jooq.impl.DSL.table;

import io.steward.db.Db;
import java.time.LocalDateTime;
import java.util.Arrays;
import java.util.List;
import java.util.Optional;
import org.jooq.Field;
import org.jooq.Record;
import org.jooq.Table;

/** The {@code ssl_product}, {@code certificate} and {@code certificate_reminder} tables; joins the caller's transaction. */
final class CertificateStore {
    static final Table<Record> P = table(name("ssl_product"));
    static final Field<Long> P_PRODUCT = field(name("product_id"), Long.class);
    static final Field<String> P_VALIDATION = field(name("validation"), String.class);
    static final Field<String> P_COVERAGE = field(name("coverage"), String.class);
    static final Field<Integer> P_INCLUDED = field(name("included_sans"), Integer.class);
    static final Field<Integer> P_MAX = field(name("max_sans"), Integer.class);
    static final Field<Long> P_SAN_FORM = field(name("san_form_id"), Long.class);
    static final Field<String> P_CA_MODULE = field(name("ca_module"), String.class);
    static final Field<Long> P_CA_INSTANCE = field(name("ca_instance_id"), Long.class);
    static final Field<Integer> P_MIN_RSA = field(name("min_rsa_bits"), Integer.class);
    static final Field<String> P_METHODS = field(name("methods"), String.class);

    static final Table<Record> C = table(name("certificate"));
    static final Field<Long> ID = field(name("id"), Long.class);
    static final Field<Long> SERVICE_ID = field(name("service_id"), Long.class);
    static final Field<Long> CLIENT_ID = field(name("client_id"), Long.class);
    static final Field<Long> PRODUCT_ID = field(name("product_id"), Long.class);
    static final Field<String> DOMAIN = field(name("domain"), String.class);
    static final Field<String> SANS = field(name("sans"), String.class);
    static final Field<String> CSR = field(name("csr"), String.class);
    static final Field<String> KEY = field(name("key_sealed"), String.class);
    static final Field<Integer> SOFTWARE = field(name("software"), Integer.class);
    static final Field<String> APPROVER = field(name("approver_email"), String.class);
    static final Field<String> METHOD = field(name("method"), String.class);
    static final Field<String> ORGANIZATION = field(name("organization"), String.class);
    static final Field<String> STATUS = field(name("status"), String.class);
    static final Field<String> VALIDATION = field(name("validation"), String.class);
    static final Field<String> ERROR = field(name("error"), String.class);
    static final Field<String> CERT = field(name("cert_pem"), String.class);
    static final Field<String> CHAIN = field(name("chain_pem"), String.class);
    static final Field<String> SERIAL = field(name("serial"), String.class);
    static final Field<LocalDateTime> ISSUED_AT = field(name("issued_at"), LocalDateTime.class);
    static final Field<LocalDateTime> EXPIRES_AT = field(name("expires_at"), LocalDateTime.class);
    static final Field<LocalDateTime> REVOKED_AT = field(name("revoked_at"), LocalDateTime.class);
    static final Field<LocalDateTime> CREATED_AT = field(name("created_at"), LocalDateTime.class);
    static final Field<LocalDateTime> UPDATED_AT = field(name("updated_at"), LocalDateTime.class);

    static final Table<Record> R = table(name("certificate_reminder"));
    static final Field<Long> R_CERT = field(name("certificate_id"), Long.class);
    static final Field<Integer> R_DAYS = field(name("days_before"), Integer.class);
    static final Field<LocalDateTime> R_EXPIRES = field(name("expires_at"), LocalDateTime.class);
    static final Field<LocalDateTime> R_SENT = field(name("sent_at"), LocalDateTime.class);

    private static final List<Field<?>> P_ALL = List.of(P_PRODUCT, P_VALIDATION, P_COVERAGE, P_INCLUDED, P_MAX, P_SAN_FORM, P_CA_MODULE,
            P_CA_INSTANCE, P_MIN_RSA, P_METHODS);
    private static final List<Field<?>> C_ALL = List.of(ID, SERVICE_ID, CLIENT_ID, PRODUCT_ID, DOMAIN, SANS, CSR, KEY, SOFTWARE, APPROVER,
            METHOD, ORGANIZATION, STATUS, VALIDATION, ERROR, CERT, CHAIN, SERIAL, ISSUED_AT, EXPIRES_AT, REVOKED_AT, CREATED_AT);

    private final Db db;

    CertificateStore(Db db) {
        this.db = db;
    }

    // Products

    Optional<SslProduct> product(long productId) {
        return db.dsl().select(P_ALL).from(P).where(P_PRODUCT.eq(productId)).fetchOptional().map(CertificateStore::product);
    }

    List<SslProduct> products() {
        return db.dsl().select(P_ALL).from(P).orderBy(P_PRODUCT).fetch().map(CertificateStore::product);
    }

    void saveProduct(SslProduct p) {
        db.dsl().deleteFrom(P).where(P_PRODUCT.eq(p.productId())).execute();
        db.dsl().insertInto(P).set(P_PRODUCT, p.productId()).set(P_VALIDATION, p.validation()).set(P_COVERAGE, p.coverage())
                .set(P_INCLUDED, p.includedSans()).set(P_MAX, p.maxSans()).set(P_SAN_FORM, p.sanFormId()).set(P_CA_MODULE, p.caModule())
                .set(P_CA_INSTANCE, p.caInstanceId()).set(P_MIN_RSA, p.minRsaBits()).set(P_METHODS, String.join(",", p.methods())).execute();
    }

    boolean deleteProduct(long productId) {
        return db.dsl().deleteFrom(P).where(P_PRODUCT.eq(productId)).execute() > 0;
    }

    private static SslProduct product(Record r) {
        return new SslProduct(r.get(P_PRODUCT), r.get(P_VALIDATION), r.get(P_COVERAGE), r.get(P_INCLUDED), r.get(P_MAX), r.get(P_SAN_FORM),
                r.get(P_CA_MODULE), r.get(P_CA_INSTANCE), r.get(P_MIN_RSA), Arrays.asList(r.get(P_METHODS).split(",")));
    }

    // Certificates

    long insert(long serviceId, long clientId, long productId, String domain, List<String> names, String csr, String keySealed,
                Integer software, String approverEmail, String method, String organization, LocalDateTime now) {
        return db.dsl().insertInto(C).set(SERVICE_ID, serviceId).set(CLIENT_ID, clientId).set(PRODUCT_ID, productId).set(DOMAIN, domain)
                .set(SANS, String.join(",", names)).set(CSR, csr).set(KEY, keySealed).set(SOFTWARE, software).set(APPROVER, approverEmail)
                .set(METHOD, method).set(ORGANIZATION, organization).set(STATUS, Certificate.AWAITING_PAYMENT).set(CREATED_AT, now)
                .set(UPDATED_AT, now).returningResult(ID).fetchOne().value1();
    }

    Optional<Certificate> byId(long id) {
        return db.dsl().select(C_ALL).from(C).where(ID.eq(id)).fetchOptional().map(CertificateStore::certificate);
    }

    Optional<Certificate> byService(long serviceId) {
        return db.dsl().select(C_ALL).from(C).where(SERVICE_ID.eq(serviceId)).fetchOptional().map(CertificateStore::certificate);
    }

    Optional<Certificate> byServiceForUpdate(long serviceId) {
        return db.dsl().select(C_ALL).from(C).where(SERVICE_ID.eq(serviceId)).forUpdate().fetchOptional().map(CertificateStore::certificate);
    }

    List<Certificate> byClient(long clientId) {
        return db.dsl().select(C_ALL).from(C).where(CLIENT_ID.eq(clientId)).orderBy(ID).fetch().map(CertificateStore::certificate);
    }

    /** Issued certificates expiring before {@code before}, after id {@code afterId} (a page of a scan). */
    List<Certificate> issuedExpiringBefore(LocalDateTime before, long afterId, int limit) {
        return db.dsl().select(C_ALL).from(C).where(STATUS.eq(Certificate.ISSUED), EXPIRES_AT.lt(before), ID.gt(afterId)).orderBy(ID).limit(limit)
                .fetch().map(CertificateStore::certificate);
    }

    boolean setStatus(long id, String status, String error, String validation, LocalDateTime now) {
        return db.dsl().update(C).set(STATUS, status).set(ERROR, error == null ? "" : truncate(error, 2000))
                .set(VALIDATION, validation == null ? "[]" : validation).set(UPDATED_AT, now).where(ID.eq(id)).execute() > 0;
    }

    void issued(long id, String certPem, String chainPem, String serial, LocalDateTime issuedAt, LocalDateTime expiresAt, LocalDateTime now) {
        db.dsl().update(C).set(STATUS, Certificate.ISSUED).set(CERT, certPem).set(CHAIN, chainPem).set(SERIAL, serial).set(ISSUED_AT, issuedAt)
                .set(EXPIRES_AT, expiresAt).set(ERROR, "").set(VALIDATION, "[]").set(REVOKED_AT, (LocalDateTime) null).set(UPDATED_AT, now)
                .where(ID.eq(id)).execute();
    }

    void newCsr(long id, List<String> names, String csr, String keySealed, LocalDateTime now) {
        db.dsl().update(C).set(SANS, String.join(",", names)).set(CSR, csr).set(KEY, keySealed).set(UPDATED_AT, now).where(ID.eq(id)).execute();
    }

    void forgetKey(long id, LocalDateTime now) {
        db.dsl().update(C).set(KEY, (String) null).set(UPDATED_AT, now).where(ID.eq(id)).execute();
    }

    void revoked(long id, LocalDateTime now) {
        db.dsl().update(C).set(STATUS, Certificate.REVOKED).set(REVOKED_AT, now).set(UPDATED_AT, now).where(ID.eq(id)).execute();
    }

    /** Records a reminder; false when this one was sent already (the primary key decides). */
    boolean remind(long certificateId, int daysBefore, LocalDateTime expiresAt, LocalDateTime now) {
        if (db.dsl().fetchExists(R, R_CERT.eq(certificateId), R_DAYS.eq(daysBefore), R_EXPIRES.eq(expiresAt))) return false;
        return db.dsl().insertInto(R).set(R_CERT, certificateId).set(R_DAYS, daysBefore).set(R_EXPIRES, expiresAt).set(R_SENT, now).execute() > 0;
    }

    private static String truncate(String s, int max) {
        return s.length() <= max ? s : s.substring(0, max);
    }

    private static Certificate certificate(Record r) {
        String sans = r.get(SANS);
        return new Certificate(r.get(ID), r.get(SERVICE_ID), r.get(CLIENT_ID), r.get(PRODUCT_ID), r.get(DOMAIN),
                sans.isEmpty() ? List.of() : Arrays.asList(sans.split(",")), r.get(CSR), r.get(KEY), r.get(SOFTWARE), r.get(APPROVER),
                r.get(METHOD), r.get(ORGANIZATION), r.get(STATUS), r.get(VALIDATION), r.get(ERROR), r.get(CERT), r.get(CHAIN), r.get(SERIAL),
                r.get(ISSUED_AT), r.get(EXPIRES_AT), r.get(REVOKED_AT), r.get(CREATED_AT));
    }
}
