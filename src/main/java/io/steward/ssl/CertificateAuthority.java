package io.steward.ssl;

import io.steward.modules.ModuleProvider;
import java.security.cert.X509Certificate;
import java.time.Instant;
import java.util.List;
import java.util.Map;

/**
 * What a certificate authority module does: issue a certificate for a CSR and revoke one. Made by
 * a {@code ModuleFactory<CertificateAuthority>} of kind {@code ca} (ACME, the sandbox CA, the
 * commercial sandbox). Calls run in the {@code certificate} job's call, outside any transaction,
 * and are at-least-once: {@link Request#key} is the same on every attempt of one job, so a CA that
 * issued before a crash may answer the same chain again.
 */
public interface CertificateAuthority extends ModuleProvider {
    /**
     * One issuance. {@code names} are the certificate's names (the domain first), {@code csrDer} the
     * CSR as DER, {@code notAfter} the end of the paid period (a CA that lets the requester choose
     * honours it), {@code method} the validation method chosen (dns, http, email), {@code control}
     * what the CA may do in Steward's DNS for this client. {@code validation} is the product's level
     * (DV, OV, EV); {@code organization} the organisation details ordered (OV/EV: name, country,
     * locality, address1, postalcode...), passed to a commercial CA; {@code approverEmail} the
     * address chosen for e-mail validation, {@code mail} how the CA reaches it (Steward's outbox).
     */
    record Request(long certificateId, String key, List<String> names, byte[] csrDer, Instant notAfter, String method,
                   String validation, DomainControl control, Map<String, String> organization, String approverEmail,
                   ApproverMail mail) {}

    /** Queues the approver mail of a commercial CA's e-mail validation (the code marked secret, never logged). */
    interface ApproverMail {
        void send(String address, Map<String, ?> vars);
    }

    /** A step the client must take before the CA can validate a name (HTTP-01: serve {@code value} at {@code url}). */
    record Instruction(String domain, String method, String url, String value) {}

    /**
     * How an issuance went: {@code chainPem} (leaf first) when issued; instructions and a message
     * when the CA waits for the client (the job tries again later); a message when it failed for good.
     */
    record Outcome(Status status, String chainPem, List<Instruction> instructions, String message) {
        public enum Status { ISSUED, WAITING, FAILED }

        public static Outcome issued(String chainPem) { return new Outcome(Status.ISSUED, chainPem, List.of(), ""); }

        public static Outcome waiting(List<Instruction> instructions, String message) {
            return new Outcome(Status.WAITING, null, List.copyOf(instructions), message);
        }

        public static Outcome failed(String message) { return new Outcome(Status.FAILED, null, List.of(), message); }
    }

    Outcome issue(Request request) throws Exception;

    /** Revokes an issued certificate; revoking one already revoked succeeds. */
    void revoke(X509Certificate certificate) throws Exception;

    /** The validation states this CA reports to clients (DV only for ACME; OV/EV steps for commercial CAs). */
    default List<String> validationStates() {
        return List.of();
    }
}
